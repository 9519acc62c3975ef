/**
 * The indexed introduction search against a brute-force check: every need against every
 * offer with the plain `Matcher.match`.
 */
import { describe, expect, it } from 'vitest';
import { buildContactView } from '../../../src/domain/suggest/context.js';
import { preparingStems } from '../../../src/domain/suggest/ideas.js';
import { INTRO_MIN_MATCH, INTROS_PER_CONTACT, findIntroductions } from '../../../src/domain/suggest/introduce.js';
import { JournalTexts } from '../../../src/domain/suggest/texts.js';
import { buildMatcher } from '../../../src/domain/text-match.js';
import { AS_OF, contact, history, regular } from './builders.js';

const people: Array<[string, string[], string[]]> = [
  ['Ann', ['hiring a security lead', 'pricing for the new plan'], ['kubernetes know-how']],
  ['Ben', ['help with grant writing'], ['security recruiting network', 'pricing strategy']],
  ['Cat', ['a lawyer for our lease'], ['legal advice on leases', 'grant writing']],
  ['Dan', ['kubernetes cluster costs'], ['recruiting for startups', 'cloud costs']],
  ['Eve', ['sales hiring'], ['sales coaching', 'hiring managers network']],
  ['Fox', ['supply chain for a bakery'], ['logistics and warehousing']],
  ['Gil', ['team offsite venue'], ['team building']],
  ['Hal', ['SEO for a podcast'], ['podcast production', 'SEO audits']],
];

function journal() {
  return people.map(([name, needs, offers], i) =>
    history(contact(name, { id: i + 1, stage: (i % 5) as 0, needs, offers }), regular(200, i * 7, 30)));
}

describe('findIntroductions', () => {
  it('finds exactly the pairs a brute-force match finds, best first', () => {
    const histories = journal();
    const views = histories.map((h) => buildContactView(h, AS_OF, []));
    const matcher = buildMatcher(histories.flatMap((h) => [...h.contact.needs, ...h.contact.offers, ...h.contact.interests]));
    const found = findIntroductions(views, views, new JournalTexts(histories, preparingStems()));

    for (const needer of views) {
      // Brute force: the best match per helper.
      const best = new Map<string, number>();
      for (const helper of views) {
        if (helper.id === needer.id) continue;
        for (const need of needer.history.contact.needs) {
          for (const offer of helper.history.contact.offers) {
            const { score } = matcher.match(need, offer);
            if (score >= INTRO_MIN_MATCH) best.set(helper.name, Math.max(best.get(helper.name) ?? 0, score));
          }
        }
      }
      const intros = found.get(needer.id) ?? [];
      expect(intros.length).toBe(Math.min(INTROS_PER_CONTACT, best.size));
      for (const intro of intros) {
        expect(intro.matchScore).toBeCloseTo(best.get(intro.helper.name)!, 10);
        expect(intro.step.with).toBe(intro.helper.name);
      }
      for (let i = 1; i < intros.length; i++) {
        expect(intros[i - 1]!.step.score).toBeGreaterThanOrEqual(intros[i]!.step.score);
      }
    }
    // A few that must be there; none for people whose match is only themselves (Cat, Fox) or
    // only the generic "team" (Gil).
    const pairs = [...found.values()].flat().map((i) => `${i.needer.name}->${i.helper.name}`);
    expect(pairs).toEqual(expect.arrayContaining(['Ann->Ben', 'Ben->Cat', 'Dan->Ann', 'Ann->Dan']));
    for (const name of ['Cat', 'Fox', 'Gil']) expect(pairs.some((p) => p.startsWith(`${name}->`))).toBe(false);
  });
});
