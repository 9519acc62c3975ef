/** Builders and fixture access for the format tests. */
import { readFileSync } from 'node:fs';
import { parseIsoDay } from '../../src/domain/dates.js';
import type { Contact, Day } from '../../src/domain/types.js';
import type { MergePlan, MergeTarget } from '../../src/formats/merge.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

export function day(iso: string): Day {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

export function contact(overrides: Partial<Contact> & { name: string }): Contact {
  return {
    id: 1, aliases: [], org: null, role: null, circle: 'other', cadenceDays: null, stage: 0, emails: [], tags: [],
    needs: [], offers: [], interests: [], metOn: null, howMet: null, notes: '', status: 'active', endedOn: null,
    endNote: null, addedOn: day('2026-01-01'), stageHistory: [],
    ...overrides,
  };
}

/** What the store would hold after carrying out a plan: merges applied, creations appended. */
export function applyPlan(existing: readonly MergeTarget[], plan: MergePlan): MergeTarget[] {
  const out = existing.map((c) => {
    const m = plan.merged.find((x) => x.id === c.id);
    return m ? { ...c, ...structuredClone(m.after) } : c;
  });
  let id = Math.max(0, ...existing.map((c) => c.id)) + 1;
  for (const { draft } of plan.created) {
    out.push({
      id: id++, name: draft.name, aliases: [...draft.aliases], emails: [...draft.emails], org: draft.org, role: draft.role,
      tags: [...draft.tags], notes: draft.notes, circle: draft.circle ?? 'other', metOn: draft.metOn, howMet: draft.howMet,
    });
  }
  return out;
}
