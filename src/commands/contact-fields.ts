/** The profile flags shared by `rel add` and `rel edit`, parsed and validated once. */
import { UserError } from '../cli/errors.js';
import type { Day } from '../domain/types.js';
import { CIRCLES, type Circle, type Stage } from '../domain/vocab.js';
import { cleanName } from '../domain/names.js';
import { utf8Length, MAX_TEXT_BYTES } from '../domain/interchange.js';
import { optionalDate, parseCadence, parseStage, parseWord } from './common.js';

export interface ProfileFlags {
  alias?: string[]; org?: string; role?: string; circle?: string; cadence?: string; stage?: string;
  email?: string[]; tag?: string[]; need?: string[]; offer?: string[]; interest?: string[];
  metOn?: string; howMet?: string; notes?: string;
}

export interface ParsedProfile {
  aliases: string[]; org?: string; role?: string; circle?: Circle; cadenceDays?: number; stage?: Stage;
  emails: string[]; tags: string[]; needs: string[]; offers: string[]; interests: string[];
  metOn?: Day; howMet?: string; notes?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function parseProfile(o: ProfileFlags, today: Day): ParsedProfile {
  const list = (values: string[] | undefined, flag: string) =>
    (values ?? []).map((v) => checkedText(v, flag)).filter((v) => {
      if (v.trim() === '') throw new UserError(`${flag}: the text is empty`);
      return true;
    });
  const emails = list(o.email, '--email').map((e) => e.trim());
  for (const e of emails) if (!EMAIL.test(e)) throw new UserError(`--email: "${e}" does not look like an e-mail address`);
  return {
    aliases: list(o.alias, '--alias').map(cleanName),
    org: o.org === undefined ? undefined : checkedText(o.org, '--org'),
    role: o.role === undefined ? undefined : checkedText(o.role, '--role'),
    circle: o.circle === undefined ? undefined : parseWord(o.circle, CIRCLES, '--circle'),
    cadenceDays: o.cadence === undefined ? undefined : parseCadence(o.cadence),
    stage: o.stage === undefined ? undefined : parseStage(o.stage, '--stage'),
    emails,
    tags: list(o.tag, '--tag').map((t) => t.trim()),
    needs: list(o.need, '--need'),
    offers: list(o.offer, '--offer'),
    interests: list(o.interest, '--interest'),
    metOn: optionalDate(o.metOn, '--met-on', today),
    howMet: o.howMet === undefined ? undefined : checkedText(o.howMet, '--how-met'),
    notes: o.notes === undefined ? undefined : checkedText(o.notes, '--notes'),
  };
}

/** Text over the size cap is refused with its size, before anything is written. */
export function checkedText(value: string, flag: string): string {
  const bytes = utf8Length(value);
  if (bytes > MAX_TEXT_BYTES) throw new UserError(`${flag}: ${bytes} bytes is over the ${MAX_TEXT_BYTES}-byte limit for one text`);
  return value;
}

export function checkedName(value: string, flag = 'NAME'): string {
  const name = cleanName(checkedText(value, flag));
  if (name === '') throw new UserError(`${flag}: a contact needs a name`);
  if (name.length > 200) throw new UserError(`${flag}: a name of ${name.length} characters is too long (200 at most)`);
  return name;
}
