/**
 * How checked import records travel from the import worker to the main thread, which writes
 * them. A structured-clone message per record would cost the main thread about what parsing
 * the line did, so interactions (almost every line of a journal) travel packed: their numbers
 * and vocabulary words as numbers in one Float64Array (transferred, not copied), their texts
 * end to end in one string with each length among the numbers. Contacts and promises, a few
 * in a hundred lines, travel as they are.
 *
 * `packingWriter` is the ImportWriter the worker hands to `importJsonl`; `unpackBatch` replays
 * a batch into the real ImportWriter. test/commands/import-pipe.test.ts holds the round trip
 * to writing directly.
 */
import type { ContactLine, InteractionLine, PromiseLine } from '../domain/interchange.js';
import type { GiveGet, PushAway } from '../domain/types.js';
import { CHANNELS, GIVE_KINDS, INITIATORS, PUSH_AWAY_KINDS, TONES } from '../domain/vocab.js';
import type { ImportWriter } from '../store/interchange.js';

type Row<T> = Omit<T, 'type'>;

export interface ImportBatch {
  nums: Float64Array;
  texts: string;
  /** Contacts and promises, in order. */
  records: unknown[];
  /** How far into the file the batch reaches (for the progress line). */
  upTo: number;
}

/**
 * The counters the two threads share, as indexes into one Int32Array: the messages the worker
 * posted (the main thread waits on it), the records it read (its sign of life), and 1 once it
 * has loaded (the main thread hands over the reading when it sees it).
 */
export const POSTED = 0;
export const READ = 1;
export const LOADED = 2;

const CONTACT = 1;
const INTERACTION = 2;
const PROMISE = 3;

/**
 * Records per batch: the first batches are small, so the main thread starts writing at once,
 * and they double up to this, so messages stay few.
 */
export const BATCH_RECORDS = 2048;
const FIRST_BATCH_RECORDS = 32;

/**
 * The worker's writer: packs records into batches and hands each full one to `send`. A contact
 * has no id until the main thread inserts it, so it gets a stand-in, -1 for the first contact of
 * the file, -2 for the second..., which `unpackBatch` maps to the real ids.
 */
export function packingWriter(send: (batch: ImportBatch) => void): ImportWriter & { reached(upTo: number): void; flush(upTo: number): void } {
  let nums: number[] = [];
  let texts: string[] = [];
  let records: unknown[] = [];
  let count = 0;
  let batchSize = FIRST_BATCH_RECORDS;
  let contacts = 0;
  let upTo = 0;
  const text = (s: string) => {
    nums.push(s.length);
    texts.push(s);
  };
  const items = (list: readonly GiveGet[]) => {
    nums.push(list.length);
    for (const g of list) {
      nums.push(GIVE_KINDS.indexOf(g.kind));
      text(g.note);
    }
  };
  const flush = (at: number) => {
    upTo = Math.max(upTo, at);
    if (count === 0) return;
    send({ nums: Float64Array.from(nums), texts: texts.join(''), records, upTo });
    batchSize = Math.min(BATCH_RECORDS, batchSize * 2);
    nums = [];
    texts = [];
    records = [];
    count = 0;
  };
  const added = () => {
    if (++count >= batchSize) flush(upTo);
  };
  return {
    contact(c) {
      nums.push(CONTACT);
      records.push(c);
      added();
      return -++contacts;
    },
    interaction(i, contactIds) {
      nums.push(INTERACTION, i.on, CHANNELS.indexOf(i.channel), INITIATORS.indexOf(i.by), i.outsideWork ? 1 : 0,
        TONES.indexOf(i.tone), i.pushAway ? PUSH_AWAY_KINDS.indexOf(i.pushAway.kind) : -1, i.noReply ? 1 : 0, contactIds.length);
      // One by one: spreading a list of hundreds of thousands of names would overflow the stack.
      for (const id of contactIds) nums.push(id);
      text(i.note);
      if (i.pushAway) text(i.pushAway.note);
      items(i.gave);
      items(i.got);
      added();
    },
    promise(p, contactId) {
      nums.push(PROMISE, contactId);
      records.push(p);
      added();
    },
    /** The reader got this far into the file (the next batch reports it). */
    reached(at) {
      upTo = Math.max(upTo, at);
    },
    /** Sends what is packed, if anything, as reaching `at`. */
    flush,
    finish: () => flush(upTo),
  };
}

/**
 * Writes one batch with `writer`, in the order the worker packed it. `fresh` holds the real ids
 * of the file's contacts so far (stand-in -k is fresh[k - 1]) and grows as contacts go in.
 */
export function unpackBatch(batch: ImportBatch, writer: ImportWriter, fresh: number[]): void {
  const { nums, texts, records } = batch;
  // One loop with no closures inside: this runs for every record of an import, and closures
  // made per call changed their identity from batch to batch, which threw away V8's optimized
  // code for this function again and again (each recompile ~30 ms of a core's time).
  let n = 0;
  let t = 0;
  let r = 0;
  while (n < nums.length) {
    const tag = nums[n++];
    if (tag === CONTACT) {
      fresh.push(writer.contact(records[r++] as Row<ContactLine>));
    } else if (tag === INTERACTION) {
      const on = nums[n++]!;
      const channel = CHANNELS[nums[n++]!]!;
      const by = INITIATORS[nums[n++]!]!;
      const outsideWork = nums[n++] === 1;
      const tone = TONES[nums[n++]!]!;
      const push = nums[n++]!;
      const noReply = nums[n++] === 1;
      const ids: number[] = [];
      for (let k = nums[n++]!; k > 0; k--) {
        const x = nums[n++]!;
        ids.push(x < 0 ? fresh[-x - 1]! : x);
      }
      let len = nums[n++]!;
      const note = texts.slice(t, (t += len));
      let pushAway: PushAway | null = null;
      if (push >= 0) {
        len = nums[n++]!;
        pushAway = { kind: PUSH_AWAY_KINDS[push]!, note: texts.slice(t, (t += len)) };
      }
      const gave: GiveGet[] = [];
      for (let k = nums[n++]!; k > 0; k--) {
        const kind = GIVE_KINDS[nums[n++]!]!;
        len = nums[n++]!;
        gave.push({ kind, note: texts.slice(t, (t += len)) });
      }
      const got: GiveGet[] = [];
      for (let k = nums[n++]!; k > 0; k--) {
        const kind = GIVE_KINDS[nums[n++]!]!;
        len = nums[n++]!;
        got.push({ kind, note: texts.slice(t, (t += len)) });
      }
      const line: Row<InteractionLine> = { on, contacts: [], channel, by, outsideWork, gave, got, tone, pushAway, noReply, note };
      writer.interaction(line, ids);
    } else if (tag === PROMISE) {
      const x = nums[n++]!;
      writer.promise(records[r++] as Row<PromiseLine>, x < 0 ? fresh[-x - 1]! : x);
    } else {
      throw new Error(`import batch: unknown record tag ${tag} at ${n - 1}`);
    }
  }
}
