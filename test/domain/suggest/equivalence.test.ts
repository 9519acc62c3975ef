/**
 * The journal-wide list's shortcuts (the urgent-only list, the score floor: index.ts, rank.ts)
 * against building every step (`exhaustive`): on random journals both must give the very same
 * suggestions, field for field and in the same order, at several limits. (While the speed-up
 * was written, this compared against a frozen copy of the rules before it; the outputs of the
 * benchmark journals were also checked byte for byte.)
 *
 * The journals are built to hit the corners the speed-up touches: repeated and near-identical
 * texts (memoised per text), names that fold alike or repeat (ties broken by name, id, `with`
 * and action), several steps of one kind (merged whys), introductions in both directions,
 * push-aways and taking (held back), ended contacts, and limits below and above the number of
 * people (the per-person cap).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewContacts } from '../../../src/domain/review/index.js';
import { suggestSteps } from '../../../src/domain/suggest/index.js';
import type { ContactHistory, PromiseRecord, StageChange, Touch } from '../../../src/domain/types.js';
import { CHANNELS, CIRCLES, SUGGESTION_KINDS, INITIATORS, PUSH_AWAY_KINDS, TONES, type GiveKind, type Stage } from '../../../src/domain/vocab.js';
import { AS_OF, ago, contact, history, promise, regular } from './builders.js';

const NAMES = [
  'Ada Lovelace', 'ada lovelace', 'Ada Lovelace', 'Åsa Berg', 'Asa Berg', 'Bo Lin', '-dash Name', "O'Brien Kay",
  'Zoë Line', 'Hugo Marsh', 'Ümit Kaya', 'Chen Wu', 'Dee', 'Eli Stone', 'Fay Grant',
];

const TEXTS = [
  'hiring a security lead', 'security recruiting network', 'pricing strategy', 'pricing for the new plan',
  'the launch plan', 'help with grant writing', 'grant writing', 'a lawyer for our lease', 'legal advice on leases',
  'kubernetes cluster costs', 'cloud costs', 'kubernetes know-how', 'recruiting for startups', 'sales hiring',
  'sales coaching', 'hiring managers network', 'supply chain for a bakery', 'logistics and warehousing',
  'team offsite venue', 'team building', 'SEO for a podcast', 'podcast production', 'SEO audits', 'drafting a novel',
  'jazz', 'sailing', 'a recruiter', 'recruiter hiring', 'investor intros', 'fundraising deck', 'résumé review',
  'café wörds über', 'line\nbreak \u202Etext', 'work', 'business project', 'looking for someone',
  `a very long need about ${'the security of the kubernetes launch plan '.repeat(3)}`,
];

const GIVES: GiveKind[] = ['intro', 'resource', 'advice', 'favor', 'business', 'gift'];

const touchArb = fc.record({
  ago: fc.integer({ min: -5, max: 900 }),
  channel: fc.constantFrom(...CHANNELS),
  by: fc.constantFrom(...INITIATORS),
  outsideWork: fc.boolean(),
  tone: fc.constantFrom(...TONES),
  pushAway: fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...PUSH_AWAY_KINDS) }),
  noReply: fc.boolean(),
  gave: fc.subarray(GIVES, { maxLength: 2 }),
  got: fc.subarray(GIVES, { maxLength: 2 }),
  groupSize: fc.integer({ min: 1, max: 3 }),
});

const contactArb = fc.record({
  name: fc.constantFrom(...NAMES),
  circle: fc.constantFrom(...CIRCLES),
  cadenceDays: fc.option(fc.integer({ min: 7, max: 200 })),
  stage: fc.integer({ min: 0, max: 5 }),
  stageHistory: fc.array(fc.record({ stage: fc.integer({ min: 0, max: 5 }), ago: fc.integer({ min: -10, max: 900 }) }), { maxLength: 3 }),
  metAgo: fc.option(fc.integer({ min: 0, max: 1500 })),
  /** 0..8 active; 9 ended with no day; 10 an end day but not the status; 11 both. */
  end: fc.integer({ min: 0, max: 11 }),
  endAgo: fc.integer({ min: -30, max: 300 }),
  needs: fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }),
  offers: fc.array(fc.constantFrom(...TEXTS), { maxLength: 3 }),
  interests: fc.array(fc.constantFrom(...TEXTS), { maxLength: 2 }),
  touches: fc.array(touchArb, { maxLength: 30 }),
  /** A regular rhythm that stops some while ago (long gaps, fading) ... */
  series: fc.option(fc.record({ from: fc.integer({ min: 200, max: 700 }), to: fc.integer({ min: 10, max: 150 }), every: fc.integer({ min: 4, max: 30 }) })),
  /** ... and unanswered messages after it. */
  unanswered: fc.integer({ min: 0, max: 4 }),
  promises: fc.array(fc.record({
    byMe: fc.boolean(),
    text: fc.constantFrom('send the deck', 'intro to a recruiter', 'send the deck', 'the\nQ3 numbers'),
    dueAgo: fc.option(fc.integer({ min: -10, max: 90 })),
    done: fc.boolean(),
  }), { maxLength: 3 }),
});

let nextInteraction = 1;
let nextPromise = 1;

type ContactSpec = typeof contactArb extends fc.Arbitrary<infer T> ? T : never;

function build(specs: readonly ContactSpec[]): ContactHistory[] {
  return specs.map((s, i) => {
    const stageHistory: StageChange[] = s.stageHistory
      .map((c) => ({ stage: c.stage as Stage, on: ago(c.ago), note: '' }))
      .sort((a, b) => a.on - b.on);
    const c = contact(s.name, {
      id: i + 1,
      circle: s.circle,
      cadenceDays: s.cadenceDays,
      stage: s.stage as Stage,
      stageHistory,
      metOn: s.metAgo === null ? null : ago(s.metAgo),
      status: s.end === 9 || s.end === 11 ? 'ended' : 'active',
      endedOn: s.end >= 10 ? ago(s.endAgo) : null,
      needs: s.needs,
      offers: s.offers,
      interests: s.interests,
    });
    const plain = { channel: 'call', by: 'me', outsideWork: false, tone: 'neutral', pushAway: null, noReply: false, gave: [], got: [], groupSize: 1 } as const;
    const specs = [...s.touches];
    if (s.series) for (let n = s.series.from; n >= s.series.to; n -= s.series.every) specs.push({ ...plain, ago: n, gave: [], got: [] });
    for (let k = 0; k < s.unanswered; k++) specs.push({ ...plain, ago: 9 + 4 * k, channel: 'message', noReply: true, gave: [], got: [] });
    const touches: Touch[] = specs
      .filter((t) => t.ago >= 0)
      .sort((a, b) => b.ago - a.ago)
      .map((t) => ({
        interactionId: nextInteraction++, on: ago(t.ago), channel: t.channel, by: t.by, outsideWork: t.outsideWork,
        tone: t.tone, pushAway: t.pushAway, noReply: t.noReply && t.by === 'me', gave: t.gave, got: t.got, groupSize: t.groupSize,
      }));
    const promises: PromiseRecord[] = s.promises.map((p) => ({
      id: nextPromise++, contactId: c.id, by: p.byMe ? 'me' : 'them', text: p.text, madeOn: ago(120),
      due: p.dueAgo === null ? null : ago(p.dueAgo), doneOn: p.done ? ago(1) : null,
    }));
    return history(c, touches, promises);
  });
}

const LIMITS = [undefined, 1, 2, 3, 10, 1000];

/** The same call without the shortcuts. */
function referenceSteps(histories: ContactHistory[], asOf: number, options: Parameters<typeof suggestSteps>[2] = {}) {
  return suggestSteps(histories, asOf, { ...options, exhaustive: true });
}

function expectSame(histories: ContactHistory[]): void {
  for (const limit of LIMITS) {
    const options = limit === undefined ? {} : { limit };
    expect(suggestSteps(histories, AS_OF, options)).toStrictEqual(referenceSteps(histories, AS_OF, options));
  }
}

describe('suggestSteps gives what building every step gives', () => {
  it('on random journals', () => {
    fc.assert(fc.property(fc.array(contactArb, { minLength: 1, maxLength: 14 }), (specs) => {
      expectSame(build(specs));
    }), { numRuns: 100, seed: 20261120 });
  });

  it('whatever order the histories come in (rel suggest reads its contacts unsorted)', () => {
    fc.assert(fc.property(fc.array(contactArb, { minLength: 1, maxLength: 14 }), fc.integer({ min: 0, max: 1000 }), (specs, seed) => {
      const histories = build(specs);
      // A shuffle drawn from the seed (Fisher-Yates with a small LCG), so a failure replays.
      const shuffled = [...histories];
      let state = seed + 1;
      for (let i = shuffled.length - 1; i > 0; i--) {
        state = (state * 1103515245 + 12345) % 2147483648;
        const j = state % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      for (const limit of LIMITS) {
        const options = limit === undefined ? {} : { limit };
        expect(suggestSteps(shuffled, AS_OF, options)).toStrictEqual(suggestSteps(histories, AS_OF, options));
      }
      for (const h of histories.slice(0, 3)) {
        expect(suggestSteps(shuffled, AS_OF, { contactId: h.contact.id })).toStrictEqual(suggestSteps(histories, AS_OF, { contactId: h.contact.id }));
      }
    }), { numRuns: 100, seed: 20261123 });
  });

  it('on a larger journal, and with the flags passed in', () => {
    const specs = fc.sample(contactArb, { numRuns: 160, seed: 7 });
    const histories = build(specs);
    expectSame(histories);
    // The journal is varied enough to reach every kind, merged whys and helper-side introductions.
    const all = suggestSteps(histories, AS_OF, { limit: 1000 });
    expect(new Set(all.map((s) => s.kind)).size).toBe(SUGGESTION_KINDS.length);
    expect(all.some((s) => s.kind === 'reconnect' && s.why.includes('pick up. ') && s.why.includes('keeps them alive'))).toBe(true);
    const helping = histories.flatMap((h) => suggestSteps(histories, AS_OF, { contactId: h.contact.id, limit: 1000 }))
      .filter((s) => s.kind === 'introduce' && s.action.startsWith(`Introduce ${s.with} to ${s.contact}:`));
    expect(helping.length).toBeGreaterThan(0);
    const flags = reviewContacts([...histories], AS_OF);
    for (const limit of [10, 1000]) {
      expect(suggestSteps(histories, AS_OF, { flags, limit })).toStrictEqual(referenceSteps(histories, AS_OF, { flags, limit }));
    }
  });

  it('where steps tie: equal helpers for one need, equal promises, equal people', () => {
    // Five helpers with the same history and offer: equal positions, decided by name, the
    // alphabetically first ones coming last (a walk that stopped at an equal position would lose them).
    const same = (name: string, id: number, over: Parameters<typeof contact>[1] = {}) =>
      history(contact(name, { id, stage: 2, ...over }), regular(300, 10, 20));
    const helpers = ['Eve', 'Dan', 'Cat', 'Ben', 'Ann'].map((name, i) => same(name, 10 + i, { offers: ['grant writing', 'grant writing'] }));
    const needer = same('Zed', 1, { needs: ['grant writing', 'help with grant writing'] });
    // Three promises of mine with the same text, all past full urgency: equal scores and actions.
    const promiser = history(contact('Pat', { id: 2, stage: 1 }), regular(300, 10, 20), [1, 2, 3].map((n) =>
      ({ id: 100 + n, contactId: 2, by: 'me' as const, text: 'send the deck', madeOn: ago(200), due: ago(40 + n), doneOn: null })));
    const twins = [same('Twin', 3, { interests: ['jazz'] }), same('twin', 4, { interests: ['jazz'] }), same('Twin', 5, { interests: ['jazz'] })];
    const journal = [needer, promiser, ...twins, ...helpers];
    expectSame(journal);
    for (const limit of [1, 2, 4, 5, 6, 7]) {
      expect(suggestSteps(journal, AS_OF, { limit })).toStrictEqual(referenceSteps(journal, AS_OF, { limit }));
    }
  });

  it('when the urgent steps alone decide the journal-wide list, gifts included', () => {
    // Four overdue promises and two people I have been taking from: the list is all urgent
    // steps, and the give-first gifts are worded from an introduction and from a review.
    const promised = ['Pia', 'Quinn', 'Rae', 'Sol'].map((name, i) => {
      const c = contact(name, { id: 20 + i, stage: 2 });
      return history(c, regular(300, 10, 20), [promise({ contactId: c.id, due: ago(10 + 10 * i) })]);
    });
    const taker = (name: string, id: number, needs: string[]) =>
      history(contact(name, { id, stage: 2, needs }), [...regular(305, 185, 20), ...regular(150, 5, 25, { got: ['advice'] })]);
    const journal = [
      ...promised,
      taker('Gus', 30, ['grant writing']),
      taker('Ray', 31, ['drafting the launch plan']),
      history(contact('Hal', { id: 32, stage: 3, offers: ['grant writing help'] }), regular(300, 10, 20)),
    ];
    for (const limit of [1, 4, 5, 6, 7, 8, 10]) {
      const ours = suggestSteps(journal, AS_OF, { limit });
      expect(ours).toStrictEqual(referenceSteps(journal, AS_OF, { limit }));
      if (limit === 6) {
        expect(ours.map((x) => x.kind).sort()).toEqual(['give-first', 'give-first', 'keep-promise', 'keep-promise', 'keep-promise', 'keep-promise']);
        expect(ours.find((x) => x.contact === 'Gus')?.action).toContain('introduce them to Hal');
        expect(ours.find((x) => x.contact === 'Ray')?.action).toContain('offer to review');
      }
    }
  });

  it('for a contact that is not in the journal, or ended', () => {
    const histories = build(fc.sample(contactArb, { numRuns: 10, seed: 3 }));
    expect(suggestSteps(histories, AS_OF, { contactId: 999 })).toEqual([]);
  });
});
