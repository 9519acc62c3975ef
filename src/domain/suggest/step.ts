/**
 * A suggestion before it is worded. Ranking needs only the kind, the contact and the score;
 * the words (action, why, log line) are most of the cost of a suggestion, and the journal-wide
 * list shows 10 of the thousands of steps it weighs. So each rule returns a `Step` whose words
 * are written on first use: for the steps that survive ranking and the limit, and, rarely, to
 * break a tie between two steps of one person with the same kind, score and `with` (the
 * action is the last tie-break, see rank.ts).
 */
import { foldKey } from '../names.js';
import type { Suggestion } from '../types.js';
import type { SuggestionKind } from '../vocab.js';
import type { ContactView } from './context.js';

/** The worded part of a suggestion. */
export interface Words {
  action: string;
  why: string;
  /** Absent only for a promise without an id (nothing to `rel done`). */
  logCommand?: string;
}

export interface Step {
  readonly contactId: number;
  readonly contact: string;
  /** `foldKey(contact)`: the name's place in the order. */
  readonly nameKey: string;
  readonly kind: SuggestionKind;
  /** The other person, for `introduce` only. */
  readonly with?: string;
  readonly score: number;
  /** The words, written once on the first call. */
  words(): Words;
}

/**
 * The person a step is for. The folded name is worked out on first use, once per person: most
 * steps are ranked on their score and kind alone.
 */
export interface StepOwner {
  id: number;
  name: string;
  nameKey?: string;
}

class LazyStep implements Step {
  readonly with: string | undefined;
  private written: Words | undefined;

  constructor(
    readonly owner: StepOwner,
    readonly kind: SuggestionKind,
    readonly score: number,
    private readonly write: () => Words,
    withName: string | undefined,
  ) {
    this.with = withName;
  }

  get contactId(): number {
    return this.owner.id;
  }

  get contact(): string {
    return this.owner.name;
  }

  get nameKey(): string {
    return (this.owner.nameKey ??= foldKey(this.owner.name));
  }

  words(): Words {
    return (this.written ??= this.write());
  }
}

/** A step for `view` of `kind` with `score`; `write` words it when (and if) it is needed. */
export function makeStep(view: ContactView, kind: SuggestionKind, score: number, write: () => Words, withName?: string): Step {
  return new LazyStep(view, kind, score, write, withName);
}

/** The same step under another person (an introduction seen from the helper's side), with its own score. */
export function restep(step: Step, view: ContactView, withName: string, score: number): Step {
  return new LazyStep(view, step.kind, score, () => step.words(), withName);
}

/** `step` with more evidence joined to its `why` (several steps of one kind become one). */
export function withMoreWhy(step: Step, more: readonly Step[]): Step {
  const owner = step instanceof LazyStep ? step.owner : { id: step.contactId, name: step.contact, nameKey: step.nameKey };
  return new LazyStep(owner, step.kind, step.score, () => {
    const words = step.words();
    const extra = more.map((s) => s.words().why).filter((w) => w !== words.why);
    return extra.length === 0 ? words : { ...words, why: [words.why, ...extra].join(' ') };
  }, step.with);
}

/**
 * The suggestion as the callers see it, with the same fields in the same order as the rules
 * always built them (`with` only for introductions, `logCommand` only when there is one).
 */
export function toSuggestion(step: Step): Suggestion {
  const { action, why, logCommand } = step.words();
  return {
    contactId: step.contactId,
    contact: step.contact,
    kind: step.kind,
    ...(step.with !== undefined ? { with: step.with } : {}),
    action,
    why,
    score: step.score,
    ...(logCommand !== undefined ? { logCommand } : {}),
  };
}
