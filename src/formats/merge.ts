/**
 * Planning an import of contacts: which drafts become new contacts, which add to an existing
 * one, which change nothing. Pure and deterministic, so `--dry-run` shows exactly what a real
 * run would do, and importing the same file twice changes nothing the second time.
 *
 * Matching rules (the same inside the file and against the journal):
 * - a draft's name matches a contact's name or one of its aliases (NFC, Unicode case folding,
 *   whitespace collapsed);
 * - any e-mail address matches any e-mail address, ignoring case.
 * A draft's own nicknames are not used to match: two different people are both "Bob" often
 * enough. Merging only ever *adds*: new e-mails, tags and aliases are appended; org, role,
 * how-met, met-on and circle are filled only when empty (or `other`); note lines not already
 * in the contact's notes are appended. Nothing is removed or overwritten.
 */
import { formatDay } from '../domain/dates.js';
import { foldKey } from '../domain/names.js';
import type { Contact, Day } from '../domain/types.js';
import type { Circle } from '../domain/vocab.js';
import type { ContactDraft } from './types.js';

/** What the planner needs to know about each contact already in the journal. */
export type MergeTarget = Pick<Contact, 'id' | 'name' | 'aliases' | 'emails' | 'org' | 'role' | 'tags' | 'notes' | 'circle' | 'metOn' | 'howMet'>;

/** The fields a merge may change, with their values after the merge. */
export type ContactUpdate = Omit<MergeTarget, 'id' | 'name'>;

export type FieldChange =
  | { field: 'aliases' | 'emails' | 'tags'; added: string[] }
  | { field: 'org' | 'role' | 'howMet'; value: string }
  | { field: 'circle'; value: Circle }
  | { field: 'metOn'; value: Day }
  | { field: 'notes'; appended: string };

/** A value the file offers that differs from one already set, which the merge keeps as it is. */
export interface KeptValue {
  field: 'name' | 'org' | 'role' | 'howMet' | 'circle' | 'metOn';
  current: string;
  offered: string;
}

export type MatchReason = 'name' | 'alias' | 'email';

export interface PlannedCreate {
  /** The draft to add; several drafts of the file describing one person are combined here. */
  draft: ContactDraft;
  /** Source lines of every draft combined into it. */
  lines: number[];
}

export interface PlannedMerge {
  id: number;
  name: string;
  matchedBy: MatchReason[];
  changes: FieldChange[];
  /** Every mergeable field after the merge: write these to apply it. */
  after: ContactUpdate;
  kept: KeptValue[];
  lines: number[];
}

export interface PlannedSkip {
  id: number;
  name: string;
  matchedBy: MatchReason[];
  kept: KeptValue[];
  lines: number[];
}

export interface PlannedAmbiguity {
  draft: ContactDraft;
  lines: number[];
  /** The existing contacts it matches, by id order; nothing is done for this draft. */
  candidates: Array<{ id: number; name: string; matchedBy: MatchReason[] }>;
}

export interface MergePlan {
  created: PlannedCreate[];
  merged: PlannedMerge[];
  skipped: PlannedSkip[];
  ambiguous: PlannedAmbiguity[];
  /** Sentences about additions left out (e.g. an alias that is another contact's name). */
  warnings: string[];
}

export function planMerge(existing: readonly MergeTarget[], drafts: readonly ContactDraft[]): MergePlan {
  const warnings: string[] = [];
  const groups = groupDrafts(drafts);

  // Index of the journal: name and alias keys, e-mail keys.
  const byName = new Map<string, Array<{ id: number; reason: MatchReason }>>();
  const byEmail = new Map<string, number[]>();
  for (const c of existing) {
    push(byName, foldKey(c.name), { id: c.id, reason: 'name' });
    for (const a of c.aliases) push(byName, foldKey(a), { id: c.id, reason: 'alias' });
    for (const e of c.emails) push(byEmail, e.toLowerCase(), c.id);
  }
  const original = new Map(existing.map((c) => [c.id, c]));

  interface Touched { target: MergeTarget; state: ContactUpdate; reasons: Set<MatchReason>; kept: KeptValue[]; lines: number[] }
  const touched = new Map<number, Touched>();
  const created: PlannedCreate[] = [];
  const ambiguous: PlannedAmbiguity[] = [];

  for (const group of groups) {
    const matches = new Map<number, Set<MatchReason>>();
    for (const d of group.members) {
      for (const m of byName.get(foldKey(d.name)) ?? []) addReason(matches, m.id, m.reason);
      for (const e of d.emails) for (const id of byEmail.get(e.toLowerCase()) ?? []) addReason(matches, id, 'email');
    }
    const lines = group.members.map((d) => d.line);
    if (matches.size === 0) {
      const aliases = group.draft.aliases.filter((a) => {
        const clash = byName.get(foldKey(a));
        if (!clash) return true;
        warnings.push(`line ${group.draft.line}: alias "${a}" of ${group.draft.name} is already ${nameOf(original, clash[0]!.id)}'s name or alias; left out`);
        return false;
      });
      created.push({ draft: { ...group.draft, aliases }, lines });
      continue;
    }
    if (matches.size > 1) {
      const candidates = [...matches.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([id, reasons]) => ({ id, name: nameOf(original, id), matchedBy: sortReasons(reasons) }));
      ambiguous.push({ draft: group.draft, lines, candidates });
      continue;
    }
    const [id, reasons] = [...matches.entries()][0]!;
    let t = touched.get(id);
    if (!t) {
      const target = original.get(id)!;
      t = {
        target,
        state: {
          aliases: [...target.aliases], emails: [...target.emails], org: target.org, role: target.role,
          tags: [...target.tags], notes: target.notes, circle: target.circle, metOn: target.metOn, howMet: target.howMet,
        },
        reasons: new Set(), kept: [], lines: [],
      };
      touched.set(id, t);
    }
    for (const r of reasons) t.reasons.add(r);
    t.lines.push(...lines);
    applyDraft(t.target, t.state, group.draft, t.kept, byName, original, warnings);
  }

  const merged: PlannedMerge[] = [];
  const skipped: PlannedSkip[] = [];
  for (const t of touched.values()) {
    const changes = diff(t.target, t.state);
    const base = { id: t.target.id, name: t.target.name, matchedBy: sortReasons(t.reasons), kept: t.kept, lines: t.lines };
    if (changes.length === 0) skipped.push(base);
    else merged.push({ ...base, changes, after: t.state });
  }
  return { created, merged, skipped, ambiguous, warnings };
}

// ---- inside the file: drafts that describe the same person become one

interface DraftGroup { draft: ContactDraft; members: ContactDraft[] }

/** Union-find over drafts sharing a name (or name = other's alias) or an e-mail. File order kept. */
function groupDrafts(drafts: readonly ContactDraft[]): DraftGroup[] {
  const parent = drafts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstByName = new Map<string, number>();
  const firstByEmail = new Map<string, number>();
  drafts.forEach((d, i) => {
    const k = foldKey(d.name);
    const seen = firstByName.get(k);
    if (seen === undefined) firstByName.set(k, i);
    else union(seen, i);
    for (const e of d.emails) {
      const ek = e.toLowerCase();
      const s = firstByEmail.get(ek);
      if (s === undefined) firstByEmail.set(ek, i);
      else union(s, i);
    }
  });
  drafts.forEach((d, i) => {
    for (const a of d.aliases) {
      const j = firstByName.get(foldKey(a));
      if (j !== undefined) union(i, j);
    }
  });
  const byRoot = new Map<number, ContactDraft[]>();
  drafts.forEach((d, i) => push(byRoot, find(i), d));
  // Roots are the smallest index of each group, so sorting roots keeps file order.
  return [...byRoot.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, members]) => ({ draft: members.slice(1).reduce(combineDrafts, members[0]!), members }));
}

function combineDrafts(a: ContactDraft, b: ContactDraft): ContactDraft {
  const nameKey = foldKey(a.name);
  return {
    name: a.name,
    aliases: unionBy(a.aliases, b.aliases, foldKey).filter((x) => foldKey(x) !== nameKey),
    org: a.org ?? b.org,
    role: a.role ?? b.role,
    emails: unionBy(a.emails, b.emails, (e) => e.toLowerCase()),
    tags: unionBy(a.tags, b.tags, foldKey),
    notes: appendNoteLines(a.notes, b.notes).notes,
    phones: unionBy(a.phones, b.phones, (p) => p.replace(/[^\d+]/g, '')),
    birthday: a.birthday ?? b.birthday,
    circle: a.circle ?? b.circle,
    metOn: a.metOn ?? b.metOn,
    howMet: a.howMet ?? b.howMet,
    line: a.line,
  };
}

// ---- against the journal

function applyDraft(
  target: MergeTarget, state: ContactUpdate, d: ContactDraft, kept: KeptValue[],
  byName: Map<string, Array<{ id: number; reason: MatchReason }>>, original: Map<number, MergeTarget>, warnings: string[],
): void {
  if (foldKey(d.name) !== foldKey(target.name) && !state.aliases.some((a) => foldKey(a) === foldKey(d.name))) {
    keep(kept, 'name', target.name, d.name);
  }
  const nameKey = foldKey(target.name);
  for (const a of d.aliases) {
    const k = foldKey(a);
    if (k === nameKey || state.aliases.some((x) => foldKey(x) === k)) continue;
    const other = (byName.get(k) ?? []).find((m) => m.id !== target.id);
    if (other) {
      warnings.push(`line ${d.line}: alias "${a}" is already ${nameOf(original, other.id)}'s name or alias; not added to ${target.name}`);
      continue;
    }
    state.aliases.push(a);
  }
  for (const e of d.emails) if (!state.emails.some((x) => x.toLowerCase() === e.toLowerCase())) state.emails.push(e);
  for (const t of d.tags) if (!state.tags.some((x) => foldKey(x) === foldKey(t))) state.tags.push(t);

  if (d.org !== null) {
    if (isEmpty(state.org)) state.org = d.org;
    else if (foldKey(state.org!) !== foldKey(d.org)) keep(kept, 'org', state.org!, d.org);
  }
  if (d.role !== null) {
    if (isEmpty(state.role)) state.role = d.role;
    else if (foldKey(state.role!) !== foldKey(d.role)) keep(kept, 'role', state.role!, d.role);
  }
  if (d.howMet !== null) {
    if (isEmpty(state.howMet)) state.howMet = d.howMet;
    else if (foldKey(state.howMet!) !== foldKey(d.howMet)) keep(kept, 'howMet', state.howMet!, d.howMet);
  }
  if (d.circle !== null && d.circle !== 'other') {
    if (state.circle === 'other') state.circle = d.circle;
    else if (state.circle !== d.circle) keep(kept, 'circle', state.circle, d.circle);
  }
  if (d.metOn !== null) {
    if (state.metOn === null) state.metOn = d.metOn;
    else if (state.metOn !== d.metOn) keep(kept, 'metOn', formatDay(state.metOn), formatDay(d.metOn));
  }
  state.notes = appendNoteLines(state.notes, d.notes).notes;
}

function diff(before: MergeTarget, after: ContactUpdate): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ['aliases', 'emails', 'tags'] as const) {
    const added = after[field].slice(before[field].length);
    if (added.length > 0) changes.push({ field, added });
  }
  for (const field of ['org', 'role', 'howMet'] as const) {
    const v = after[field];
    if (v !== before[field] && v !== null) changes.push({ field, value: v });
  }
  if (after.circle !== before.circle) changes.push({ field: 'circle', value: after.circle });
  if (after.metOn !== before.metOn && after.metOn !== null) changes.push({ field: 'metOn', value: after.metOn });
  // Notes only ever grow at the end (see appendNoteLines).
  if (after.notes !== before.notes) changes.push({ field: 'notes', appended: after.notes.slice(before.notes.length).replace(/^\n/, '') });
  return changes;
}

/**
 * Appends the lines of `incoming` that `notes` doesn't already contain (compared with
 * whitespace collapsed and NFC), so re-importing a card whose note was edited in rel adds
 * only what is really new.
 */
export function appendNoteLines(notes: string, incoming: string): { notes: string; added: string } {
  const have = squash(notes);
  const added = incoming
    .split('\n')
    .filter((l) => l.trim() !== '' && !have.includes(squash(l)));
  // Keep each distinct line once even if the file repeats it.
  const unique = added.filter((l, i) => added.findIndex((x) => squash(x) === squash(l)) === i);
  if (unique.length === 0) return { notes, added: '' };
  const text = unique.join('\n');
  return { notes: notes === '' ? text : `${notes}\n${text}`, added: text };
}

function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

// ---- small helpers

function isEmpty(v: string | null): boolean {
  return v === null || v.trim() === '';
}

function keep(kept: KeptValue[], field: KeptValue['field'], current: string, offered: string): void {
  if (!kept.some((k) => k.field === field && k.offered === offered)) kept.push({ field, current, offered });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addReason(map: Map<number, Set<MatchReason>>, id: number, reason: MatchReason): void {
  const set = map.get(id) ?? new Set<MatchReason>();
  set.add(reason);
  map.set(id, set);
}

const REASON_ORDER: MatchReason[] = ['name', 'alias', 'email'];
function sortReasons(reasons: Set<MatchReason>): MatchReason[] {
  return REASON_ORDER.filter((r) => reasons.has(r));
}

function nameOf(original: Map<number, MergeTarget>, id: number): string {
  return original.get(id)?.name ?? `#${id}`;
}

function unionBy(a: string[], b: string[], key: (s: string) => string): string[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}
