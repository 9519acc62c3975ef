/** Reads the vCard, CSV and iCalendar commands need that no other store module already offers. */
import type { Db } from './journal.js';
import type { Day } from '../domain/types.js';

/**
 * Every day each contact has an interaction logged, for matching calendar meetings with what is
 * already in the journal. One pass over the participants, whatever the number of contacts.
 */
export function loggedDaysByContact(db: Db): Map<number, Set<Day>> {
  const days = new Map<number, Set<Day>>();
  for (const [contactId, on] of db.prepare(`SELECT DISTINCT ic.contact_id, i.on_day FROM interaction_contacts ic
      JOIN interactions i ON i.id = ic.interaction_id`).raw().iterate() as Iterable<[number, Day]>) {
    let set = days.get(contactId);
    if (!set) days.set(contactId, (set = new Set()));
    set.add(on);
  }
  return days;
}
