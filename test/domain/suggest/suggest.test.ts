/**
 * `suggestSteps` end to end through the real review: histories in, ranked steps out, with a
 * fixed as-of day.
 */
import { describe, expect, it } from 'vitest';
import { reviewContacts } from '../../../src/domain/review/index.js';
import { MAX_PER_CONTACT, suggestSteps } from '../../../src/domain/suggest/index.js';
import type { ContactHistory, Suggestion } from '../../../src/domain/types.js';
import type { SuggestionKind } from '../../../src/domain/vocab.js';
import { AS_OF, ago, contact, healthy, history, promise, regular, touch } from './builders.js';

function forContact(histories: ContactHistory[], h: ContactHistory, limit?: number): Suggestion[] {
  return suggestSteps(histories, AS_OF, { contactId: h.contact.id, ...(limit === undefined ? {} : { limit }) });
}

function kinds(list: readonly Suggestion[]): SuggestionKind[] {
  return list.map((s) => s.kind);
}

// ---- The scenarios of issue 4 ---------------------------------------------------------------

/** A contact with a steady history (a touch every 20 days, the last 5 days ago). */
function steady(name: string, extra: Parameters<typeof contact>[1] = {}, touches = regular(305, 5, 20)) {
  const c = contact(name, { stage: 2, interests: ['sailing'], ...extra });
  return { c, touches };
}

const scenarios: Array<{ name: string; build: () => { target: ContactHistory; journal: ContactHistory[] }; first: SuggestionKind; then?: SuggestionKind }> = [
  {
    name: 'a promise of mine 20 days past due',
    build: () => {
      const { c, touches } = steady('Ada Lovelace');
      const target = history(c, touches, [promise({ contactId: c.id, text: 'send the deck', due: ago(20) })]);
      return { target, journal: [target, healthy('Bo Other')] };
    },
    first: 'keep-promise',
  },
  {
    name: 'a hostile push-away 2 days ago',
    build: () => {
      const { c, touches } = steady('Ada Lovelace');
      const target = history(c, [...touches, touch(ago(2), { pushAway: 'hostile', tone: 'cool' })]);
      return { target, journal: [target, healthy('Bo Other')] };
    },
    first: 'repair',
  },
  {
    name: 'a distancing series, escalating to a cancellation',
    build: () => {
      const { c, touches } = steady('Ada Lovelace', {}, regular(305, 45, 20));
      const target = history(c, [...touches,
        touch(ago(40), { pushAway: 'late' }), touch(ago(25), { pushAway: 'distancing' }), touch(ago(9), { pushAway: 'cancelled' })]);
      return { target, journal: [target, healthy('Bo Other')] };
    },
    first: 'repair',
  },
  {
    name: 'one-sided taking: they gave six times, I gave nothing',
    build: () => {
      const { c } = steady('Ada Lovelace');
      const target = history(c, [...regular(305, 185, 20), ...regular(150, 5, 25, { got: ['advice'] })]);
      return { target, journal: [target, healthy('Bo Other')] };
    },
    first: 'give-first',
  },
  {
    name: 'a broken promise and a push-away: the promise first, then repair',
    build: () => {
      const { c, touches } = steady('Ada Lovelace');
      const target = history(c, [...touches, touch(ago(3), { pushAway: 'snide' })],
        [promise({ contactId: c.id, due: ago(10) })]);
      return { target, journal: [target] };
    },
    first: 'keep-promise',
    then: 'repair',
  },
  {
    name: 'a push-away while taking: repair first, then give back',
    build: () => {
      const { c } = steady('Ada Lovelace');
      const target = history(c, [...regular(150, 10, 25, { got: ['advice'] }), touch(ago(4), { pushAway: 'distancing' })]);
      return { target, journal: [target] };
    },
    first: 'repair',
    then: 'give-first',
  },
  {
    name: 'a long gap in a respected relationship',
    build: () => {
      const { c } = steady('Ada Lovelace', { cadenceDays: 30, stageHistory: [{ stage: 2, on: ago(400), note: '' }] });
      const target = history(c, regular(500, 150, 30));
      return { target, journal: [target] };
    },
    first: 'reconnect',
  },
  {
    name: 'a close friend seen only on video for over a year',
    build: () => {
      const { c } = steady('Ada Lovelace', { circle: 'friend', stage: 3, stageHistory: [{ stage: 3, on: ago(200), note: '' }] });
      const target = history(c, [touch(ago(500)), ...regular(400, 5, 20, { channel: 'video' })]);
      return { target, journal: [target] };
    },
    first: 'meet-in-person',
  },
];

describe('the first step', () => {
  it.each(scenarios)('$name -> $first', ({ build, first, then }) => {
    const { target, journal } = build();
    const own = forContact(journal, target);
    expect(own[0]?.kind).toBe(first);
    if (then) expect(own[1]?.kind).toBe(then);
    // The journal-wide list agrees on this person's first step.
    const wide = suggestSteps(journal, AS_OF, {}).filter((s) => s.contactId === target.contact.id);
    expect(wide[0]?.kind).toBe(first);
  });
});

describe('keep-promise', () => {
  it('names the promise and records it with rel done', () => {
    const { c, touches } = steady('Ada Lovelace');
    const p = promise({ contactId: c.id, text: 'send the\nQ3 deck', due: ago(20) });
    const [step] = forContact([history(c, touches, [p])], history(c, touches, [p]));
    expect(step).toMatchObject({ kind: 'keep-promise', action: 'Keep your promise to Ada Lovelace: send the Q3 deck', logCommand: `rel done ${p.id}` });
    expect(step?.why).toContain('2026-05-12 (20 days ago)');
    expect(step?.score).toBeGreaterThanOrEqual(90);
  });

  it('lists each of my overdue promises, the oldest first, and none of theirs', () => {
    const { c, touches } = steady('Ada Lovelace');
    const promises = [
      promise({ contactId: c.id, text: 'send the deck', due: ago(5) }),
      promise({ contactId: c.id, text: 'intro to a recruiter', due: ago(40) }),
      promise({ contactId: c.id, by: 'them', text: 'send their references', due: ago(60) }),
    ];
    const h = history(c, touches, promises);
    const steps = forContact([h], h).filter((s) => s.kind === 'keep-promise');
    expect(steps.map((s) => s.action)).toEqual([
      'Keep your promise to Ada Lovelace: intro to a recruiter',
      'Keep your promise to Ada Lovelace: send the deck',
    ]);
    expect(steps[0]!.score).toBeGreaterThan(steps[1]!.score);
  });

  it('ignores a promise that is kept, not yet due, or due only after the as-of day', () => {
    const { c, touches } = steady('Ada Lovelace');
    const h = history(c, touches, [
      promise({ contactId: c.id, due: ago(20), doneOn: ago(21) }),
      promise({ contactId: c.id, due: ago(-3) }),
    ]);
    expect(kinds(forContact([h], h))).not.toContain('keep-promise');
  });
});

describe('repair', () => {
  it('holds back deepen, introductions, review offers, meetings and reconnects while a push-away is recent', () => {
    const { c, touches } = steady('Ada Lovelace', { needs: ['hiring a security lead', 'the launch plan'], stage: 3, circle: 'friend' });
    const ada = history(c, [...touches, touch(ago(6), { pushAway: 'hostile', tone: 'cool' })]);
    const hugo = healthy('Hugo Marsh', { stage: 3, offers: ['security recruiting network'] });
    const own = kinds(forContact([ada, hugo], ada));
    expect(own[0]).toBe('repair');
    for (const held of ['deepen', 'introduce', 'offer-review', 'meet-in-person', 'reconnect', 'maintain'] as const) {
      expect(own).not.toContain(held);
    }
    // Nor is Ada asked to help anyone while it is fresh.
    const hugoNeeds = healthy('Hugo Two', { needs: ['security recruiting'] });
    const adaOffers = history({ ...ada.contact, offers: ['security recruiting network'] }, ada.touches);
    expect(suggestSteps([adaOffers, hugoNeeds], AS_OF, {}).some((s) => s.with === 'Ada Lovelace')).toBe(false);
  });

  it.each([
    ['cut-off', /door open/],
    ['hostile', /listen/],
    ['snide', /listen/],
    ['late', /warm note/],
    ['cancelled', /warm note/],
    ['distancing', /warm note/],
  ] as const)('after %s the step is calm and asks nothing', (kind, wording) => {
    const { c, touches } = steady('Ada Lovelace');
    const h = history(c, [...touches, touch(ago(3), { pushAway: kind })]);
    const [step] = forContact([h], h);
    expect(step?.kind).toBe('repair');
    expect(step?.action).toMatch(wording);
    expect(step?.why).toMatch(/push-away/);
  });

  it('stops once two good meetings followed the push-away', () => {
    const { c, touches } = steady('Ada Lovelace', {}, regular(305, 30, 20));
    const h = history(c, [...touches, touch(ago(20), { pushAway: 'snide' }), touch(ago(10), { tone: 'warm' }), touch(ago(3), { tone: 'warm' })]);
    expect(kinds(forContact([h], h))).not.toContain('repair');
  });
});

describe('give-first', () => {
  it('offers the best gift: an introduction when one fits', () => {
    const c = contact('Ada Lovelace', { stage: 2, needs: ['hiring a security lead'] });
    const ada = history(c, regular(150, 5, 25, { got: ['advice'] }));
    const hugo = healthy('Hugo Marsh', { stage: 3, offers: ['security recruiting network'] });
    const [step] = forContact([ada, hugo], ada);
    expect(step?.kind).toBe('give-first');
    expect(step?.action).toContain('introduce them to Hugo Marsh');
    expect(step?.why).toMatch(/gave you 6 things and you gave 0/);
    expect(step?.logCommand).toBe("rel log 'Ada Lovelace' --gave 'intro:introduced Ada Lovelace to Hugo Marsh for hiring a security lead'");
  });

  it('journal-wide, does not list its introduction a second time; the person\'s own options keep both', () => {
    const c = contact('Ada Lovelace', { stage: 2, needs: ['hiring a security lead'] });
    const ada = history(c, regular(150, 5, 25, { got: ['advice'] }));
    const hugo = healthy('Hugo Marsh', { stage: 3, offers: ['security recruiting network'] });
    const wide = suggestSteps([ada, hugo], AS_OF, { limit: 50 }).filter((s) => s.contact === 'Ada Lovelace');
    expect(kinds(wide)).toContain('give-first');
    expect(kinds(wide)).not.toContain('introduce');
    expect(kinds(forContact([ada, hugo], ada))).toEqual(expect.arrayContaining(['give-first', 'introduce']));
  });

  it('is not proposed when I am the one giving', () => {
    const { c } = steady('Ada Lovelace');
    const h = history(c, regular(150, 5, 25, { gave: ['advice'] }));
    expect(kinds(forContact([h], h))).not.toContain('give-first');
  });
});

// ---- Introductions --------------------------------------------------------------------------

describe('introduce', () => {
  const dana = () => history(contact('Dana Whitfield', { stage: 2, needs: ['hiring a security lead'] }), regular(305, 5, 20));
  const hugo = () => healthy('Hugo Marsh', { stage: 3, offers: ['security recruiting network'] });

  it('matches a need and an offer written in different words', () => {
    const d = dana();
    const h = hugo();
    const intro = forContact([d, h], d).find((s) => s.kind === 'introduce');
    expect(intro).toMatchObject({
      contact: 'Dana Whitfield',
      with: 'Hugo Marsh',
      action: 'Introduce Dana Whitfield to Hugo Marsh: Hugo Marsh offers "security recruiting network", which fits Dana Whitfield\'s need "hiring a security lead"',
      logCommand: "rel log 'Dana Whitfield' 'Hugo Marsh' --channel email --gave 'intro:introduced Dana Whitfield to Hugo Marsh for hiring a security lead'",
    });
    expect(intro?.why).toContain('they meet on hiring and security');
    // Journal-wide, listed under the person in need.
    expect(suggestSteps([d, h], AS_OF, {}).filter((s) => s.kind === 'introduce').map((s) => [s.contact, s.with]))
      .toEqual([['Dana Whitfield', 'Hugo Marsh']]);
  });

  it('shows the same introduction among the options of the person who offers', () => {
    const d = dana();
    const h = hugo();
    const own = forContact([d, h], h).find((s) => s.kind === 'introduce');
    expect(own).toMatchObject({ contact: 'Hugo Marsh', with: 'Dana Whitfield' });
  });

  it('works both ways', () => {
    const d = history({ ...dana().contact, offers: ['pricing strategy for SaaS'] }, dana().touches);
    const h = history({ ...hugo().contact, needs: ['help with SaaS pricing'] }, hugo().touches);
    const intros = suggestSteps([d, h], AS_OF, { limit: 20 }).filter((s) => s.kind === 'introduce');
    expect(intros.map((s) => [s.contact, s.with]).sort()).toEqual([['Dana Whitfield', 'Hugo Marsh'], ['Hugo Marsh', 'Dana Whitfield']]);
  });

  it.each([
    ['growing the team', 'team building workshops'],
    ['help with our business', 'happy to help any business'],
    ['need a good new thing', 'good at new things'],
  ])('no introduction for a need %j and an offer %j that share only common words', (need, offer) => {
    const a = healthy('Ann Need', { needs: [need] });
    const b = healthy('Ben Offer', { offers: [offer] });
    expect(kinds(suggestSteps([a, b], AS_OF, { limit: 50 }))).not.toContain('introduce');
  });

  it('no introduction when the only shared word is common across the journal', () => {
    const a = healthy('Ann Need', { needs: ['marketing for our bakery'] });
    const b = healthy('Ben Offer', { offers: ['marketing analytics dashboards'] });
    const others = ['marketing strategy', 'content marketing', 'marketing a podcast', 'marketing automation', 'brand marketing', 'marketing ops']
      .map((text, i) => healthy(`Other ${i}`, { interests: [text] }));
    const journal = [a, b, ...others];
    expect(suggestSteps(journal, AS_OF, { limit: 50 }).some((s) => s.kind === 'introduce')).toBe(false);
    // In a journal without the noise, the same pair does match.
    expect(suggestSteps([a, b], AS_OF, { limit: 50 }).some((s) => s.kind === 'introduce')).toBe(true);
  });

  it('ranks the helper I know better first', () => {
    const d = dana();
    const close = history(contact('Zoe Close', { stage: 4, offers: ['security recruiting network'] }), regular(300, 3, 15, { tone: 'warm' }));
    const distant = history(contact('Al Distant', { stage: 0, offers: ['security recruiting network'] }), [touch(ago(300))]);
    const intros = forContact([d, close, distant], d).filter((s) => s.kind === 'introduce');
    expect(intros.map((s) => s.with)).toEqual(['Zoe Close', 'Al Distant']);
    expect(intros[0]!.score).toBeGreaterThan(intros[1]!.score);
  });

  it('never introduces anyone to themselves', () => {
    const self = healthy('Sam Self', { needs: ['hiring a security lead'], offers: ['security recruiting network'] });
    expect(suggestSteps([self], AS_OF, { contactId: self.contact.id, limit: 50 }).some((s) => s.kind === 'introduce')).toBe(false);
  });

  it('asks no help of someone I have been taking from', () => {
    const d = dana();
    const owed = history(contact('Hugo Marsh', { stage: 3, offers: ['security recruiting network'] }), regular(150, 5, 25, { got: ['advice'] }));
    expect(forContact([d, owed], d).some((s) => s.kind === 'introduce')).toBe(false);
  });
});

// ---- Ended contacts -------------------------------------------------------------------------

describe('ended contacts', () => {
  const endings = [
    ['status ended', { status: 'ended' as const, endedOn: ago(30), endNote: 'parted well' }],
    ['an end day on the as-of day', { endedOn: AS_OF }],
    ['an end day before it', { endedOn: ago(1) }],
  ] as const;

  it.each(endings)('never a suggestion for a contact with %s, even with a broken promise or push-away', (_label, ending) => {
    const c = contact('Eve Ended', { stage: 3, needs: ['hiring a security lead'], interests: ['jazz'], ...ending });
    const eve = history(c, [...regular(300, 5, 20), touch(ago(2), { pushAway: 'hostile' })], [promise({ contactId: c.id })]);
    const hugo = healthy('Hugo Marsh', { offers: ['security recruiting network'] });
    const all = suggestSteps([eve, hugo], AS_OF, { limit: 50 });
    expect(all.some((s) => s.contactId === c.id || s.contact === 'Eve Ended' || s.with === 'Eve Ended')).toBe(false);
    expect(suggestSteps([eve, hugo], AS_OF, { contactId: c.id })).toEqual([]);
  });

  it.each(endings)('never an introduction to a contact with %s', (_label, ending) => {
    const d = history(contact('Dana Whitfield', { needs: ['hiring a security lead'] }), regular(300, 5, 20));
    const eve = history(contact('Eve Ended', { offers: ['security recruiting network'], ...ending }), regular(300, 5, 20));
    expect(suggestSteps([d, eve], AS_OF, { limit: 50 }).some((s) => s.with === 'Eve Ended')).toBe(false);
    expect(forContact([d, eve], d).some((s) => s.kind === 'introduce')).toBe(false);
  });

  it('a contact ended after the as-of day still counts on that day', () => {
    const c = contact('Eve Later', { endedOn: AS_OF + 10 });
    const eve = history(c, regular(300, 5, 20), [promise({ contactId: c.id })]);
    expect(forContact([eve], eve)[0]?.kind).toBe('keep-promise');
  });
});

// ---- The journal-wide list ------------------------------------------------------------------

/** One person with many pressing steps, and eight with one or two each. */
function busyJournal(): ContactHistory[] {
  const c = contact('Ada Busy', { stage: 2, needs: ['the launch plan', 'a tax accountant'], interests: ['sailing'] });
  const ada = history(c, [...regular(305, 5, 20), touch(ago(3), { pushAway: 'late' })],
    [1, 2, 3, 4].map((n) => promise({ contactId: c.id, text: `promise ${n}`, due: ago(10 * n) })));
  const others = ['Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy'].map((n, i) =>
    healthy(`${n} Person`, { stage: (i % 5) as 0, interests: ['jazz'] }));
  return [ada, ...others];
}

describe('the journal-wide list', () => {
  it('is spread across people: at most two steps each', () => {
    const list = suggestSteps(busyJournal(), AS_OF, {});
    expect(list).toHaveLength(10);
    const perPerson = new Map<string, number>();
    for (const s of list) perPerson.set(s.contact, (perPerson.get(s.contact) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(MAX_PER_CONTACT);
    expect(list[0]?.contact).toBe('Ada Busy');
  });

  it('is ordered by score, highest first, scores within 0..100', () => {
    const list = suggestSteps(busyJournal(), AS_OF, { limit: 50 });
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
    for (const s of list) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
  });

  it('fills the list from fewer people when the journal is small', () => {
    const list = suggestSteps(busyJournal().slice(0, 2), AS_OF, { limit: 6 });
    expect(list).toHaveLength(6);
  });

  it.each([[1, 1], [3, 3], [0, 0], [2.7, 2]])('respects limit %s', (limit, expected) => {
    expect(suggestSteps(busyJournal(), AS_OF, { limit })).toHaveLength(expected);
  });

  it('applies the limit to one contact\'s options too', () => {
    const journal = busyJournal();
    expect(suggestSteps(journal, AS_OF, { contactId: journal[0]!.contact.id, limit: 3 })).toHaveLength(3);
    expect(suggestSteps(journal, AS_OF, { contactId: journal[0]!.contact.id, limit: 50 }).length).toBeGreaterThan(3);
  });

  it('returns nothing for an unknown contact id', () => {
    expect(suggestSteps(busyJournal(), AS_OF, { contactId: -1 })).toEqual([]);
  });

  it('is deterministic: the same list for the same journal in any order', () => {
    const journal = busyJournal();
    const a = suggestSteps(journal, AS_OF, { limit: 50 });
    const b = suggestSteps([...journal].reverse(), AS_OF, { limit: 50 });
    expect(b).toEqual(a);
    expect(suggestSteps(journal, AS_OF, { limit: 50 })).toEqual(a);
  });

  it('gives the same result with precomputed flags', () => {
    const journal = busyJournal();
    const flags = reviewContacts(journal, AS_OF);
    expect(suggestSteps(journal, AS_OF, { flags })).toEqual(suggestSteps(journal, AS_OF, {}));
  });

  it('ignores anything dated after the as-of day', () => {
    const { c, touches } = steady('Ada Lovelace');
    const h = history(c, [...touches, touch(AS_OF + 5, { pushAway: 'cut-off' })], [promise({ contactId: c.id, madeOn: AS_OF + 1, due: AS_OF + 2 })]);
    expect(kinds(forContact([h], h))).not.toContain('repair');
    expect(kinds(forContact([h], h))).not.toContain('keep-promise');
  });

  it('every step is an imperative action with evidence, and none is an ask', () => {
    const list = suggestSteps(busyJournal(), AS_OF, { limit: 100 });
    for (const s of list) {
      expect(s.action).toMatch(/^[A-Z][a-z]+\b/);
      expect(s.action).not.toMatch(/\bask (them|him|her)\b|^Ask\b/i);
      expect(s.why.length).toBeGreaterThan(20);
    }
  });
});

// ---- Upkeep and the ladder ------------------------------------------------------------------

describe('maintain', () => {
  it('is the low-key step for a healthy relationship with nothing flagged', () => {
    const c = contact('Mo Fine', { stage: 5, stageHistory: [{ stage: 5, on: ago(100), note: '' }] });
    const h = history(c, regular(305, 5, 20));
    expect(reviewContacts([h], AS_OF)).toEqual([]);
    const steps = forContact([h], h);
    expect(steps.map((s) => s.kind)).toEqual(['maintain']);
    expect(steps[0]!.score).toBeLessThanOrEqual(10);
    expect(steps[0]!.action).toBe('Keep in touch with Mo Fine: a short, friendly note around 2026-06-16');
  });
});

describe('deepen', () => {
  it.each([
    [0, /friendly and helpful/, false],
    [1, /Follow up/, false],
    [2, /outside work, one-on-one/, true],
    [3, /Include families/, true],
    [4, /Keep the intensity/, true],
  ] as const)('from stage %s', (stage, action, outsideWork) => {
    const c = contact('Di Deep', { stage, stageHistory: [{ stage, on: ago(100), note: '' }] });
    const h = history(c, regular(305, 5, 20));
    const step = forContact([h], h).find((s) => s.kind === 'deepen');
    expect(step?.action).toMatch(action);
    expect(step?.logCommand?.includes('--outside-work')).toBe(outsideWork);
    expect(step?.why).toContain(`rel stage 'Di Deep' ${stage + 1}`);
  });

  it('has no next rung at stage 5', () => {
    const c = contact('Di Deep', { stage: 5, stageHistory: [{ stage: 5, on: ago(100), note: '' }] });
    const h = history(c, regular(305, 5, 20));
    expect(kinds(forContact([h], h))).not.toContain('deepen');
  });

  it('scores higher when the review says the relationship is stalled on its rung', () => {
    const fresh = history(contact('Fay Fresh', { stage: 2, stageHistory: [{ stage: 2, on: ago(100), note: '' }] }), regular(305, 5, 20));
    const stalled = history(contact('Sal Stalled', { stage: 2, stageHistory: [{ stage: 2, on: ago(800), note: '' }] }), regular(305, 5, 20));
    const score = (h: ContactHistory) => forContact([fresh, stalled], h).find((s) => s.kind === 'deepen')!.score;
    expect(score(stalled)).toBeGreaterThan(score(fresh));
  });

  it('names the business need that ended at the last rung', () => {
    const c = contact('Cli Ent', { circle: 'client', stage: 4, stageHistory: [{ stage: 4, on: ago(100), note: '' }] });
    const h = history(c, [...regular(600, 300, 30, { gave: ['business'] }), ...regular(290, 5, 20)]);
    const step = forContact([h], h).find((s) => s.kind === 'deepen');
    expect(step?.why).toContain('business between you has gone quiet');
  });
});

describe('offer-review and share-resource', () => {
  it('offers a review of something being prepared, and a resource on an interest', () => {
    const c = contact('Pru Prep', { stage: 1, needs: ['finishing the Series A pitch deck'], interests: ['jazz'], stageHistory: [{ stage: 1, on: ago(50), note: '' }] });
    const h = history(c, regular(305, 5, 20));
    const steps = forContact([h], h);
    expect(steps.find((s) => s.kind === 'offer-review')).toMatchObject({
      action: 'Offer to review and comment on Pru Prep\'s work on "finishing the Series A pitch deck"',
      logCommand: "rel log 'Pru Prep' --gave 'review:comments on finishing the Series A pitch deck'",
    });
    expect(steps.find((s) => s.kind === 'share-resource')).toMatchObject({
      action: 'Send Pru Prep an article on jazz',
      logCommand: "rel log 'Pru Prep' --channel email --gave 'resource:article on jazz'",
    });
  });

  it.each([
    ['finishing the Series A pitch deck', true],
    ['drafting the 2027 budget', true],
    ['hiring a security lead', true],
    ['a good security recruiter', false],
    ['sailing', false],
  ])('%j reads like work in preparation: %s', (need, expected) => {
    const h = healthy('Pru Prep', { needs: [need] });
    expect(kinds(forContact([h], h)).includes('offer-review')).toBe(expected);
  });

  it('sends something on a need that no introduction answers', () => {
    const c = contact('Nia Need', { needs: ['visa paperwork for Portugal'], interests: ['jazz'] });
    const h = history(c, regular(305, 5, 20));
    expect(forContact([h], h).find((s) => s.kind === 'share-resource')?.action)
      .toBe('Send Nia Need something useful on "visa paperwork for Portugal": an article, a tool or a how-to');
  });
});
