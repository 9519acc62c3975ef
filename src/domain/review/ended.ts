/** When a relationship leaves the reports. A module of its own: the store's loader uses it too. */
import type { Contact, Day } from '../types.js';

/**
 * Ended on `asOf`: an end day on or before it, or marked ended with no end day recorded. The
 * end day decides when there is one: a relationship ended after `asOf` was still going then,
 * so a look back with --as-of sees it. Ended contacts never appear.
 */
export function isEndedAsOf(contact: Pick<Contact, 'status' | 'endedOn'>, asOf: Day): boolean {
  if (contact.endedOn !== null) return contact.endedOn <= asOf;
  return contact.status === 'ended';
}
