/**
 * The import worker's packing (src/commands/import-pipe.ts), without a thread: a file read by
 * `importJsonl` with the packing writer, its batches replayed by `unpackBatch`, must make the
 * same writer calls, with the same ids, as reading it with the writer directly. The thread
 * itself is exercised through the built rel in test/reliability/import-worker.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { importJsonl } from '../../src/commands/import-jsonl.js';
import { BATCH_RECORDS, packingWriter, unpackBatch, type ImportBatch } from '../../src/commands/import-pipe.js';
import { CHANNELS, GIVE_KINDS, INITIATORS, PUSH_AWAY_KINDS, TONES } from '../../src/domain/vocab.js';
import type { ImportWriter } from '../../src/store/interchange.js';

/** A writer that records every call; contacts get ids 1000, 1001, ... */
function recorder() {
  const calls: unknown[] = [];
  let next = 1000;
  const writer: ImportWriter = {
    contact: (c) => { calls.push(['contact', c.name, c]); return next++; },
    interaction: (i, ids) => {
      // The names are not carried through the pipe (the ids are); everything else must be.
      const { contacts: _names, ...rest } = i as typeof i & { type?: string };
      delete (rest as { type?: string }).type;
      calls.push(['interaction', ids, rest]);
    },
    promise: (p, id) => { calls.push(['promise', id, p]); },
    finish: () => { calls.push(['finish']); },
  };
  return { calls, writer };
}

function journalFile(): string {
  const lines: string[] = [];
  for (let k = 0; k < 40; k++) lines.push(JSON.stringify({ type: 'contact', name: `Person ${k}`, tags: [`t${k}`], stageHistory: [{ stage: 1, on: '2024-01-01', note: 'é' }] }));
  // Every word of every vocabulary, empty and long and non-ASCII notes, groups, existing contacts.
  for (let k = 0; k < BATCH_RECORDS * 2 + 77; k++) {
    const push = k % 5 === 0 ? { kind: PUSH_AWAY_KINDS[k % PUSH_AWAY_KINDS.length], note: k % 10 === 0 ? '' : `late again ${'ü'.repeat(k % 7)}` } : null;
    lines.push(JSON.stringify({
      type: 'interaction', on: `2025-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`,
      contacts: k % 9 === 0 ? [`Person ${k % 40}`, 'Existing One', `Person ${(k + 1) % 40}`] : [k % 13 === 0 ? 'existing two' : `Person ${k % 40}`],
      channel: CHANNELS[k % CHANNELS.length], by: INITIATORS[k % INITIATORS.length], outsideWork: k % 2 === 0,
      gave: k % 4 === 0 ? [{ kind: GIVE_KINDS[k % GIVE_KINDS.length], note: `gift ${k}` }, { kind: 'intro', note: '' }] : [],
      got: k % 6 === 0 ? [{ kind: GIVE_KINDS[(k + 3) % GIVE_KINDS.length], note: '日本語 \u0000 nul' }] : [],
      tone: TONES[k % TONES.length], pushAway: push, noReply: k % 11 === 0, note: k % 3 === 0 ? '' : `note ${k} ${'x'.repeat(k % 50)}`,
    }));
    if (k % 500 === 0) lines.push(JSON.stringify({ type: 'promise', contact: `Person ${k % 40}`, text: `promise ${k}`, madeOn: '2025-03-01', due: null, doneOn: null }));
  }
  lines.push(JSON.stringify({ type: 'promise', contact: 'Existing One', by: 'them', text: 'last', madeOn: '2025-03-01', due: '2025-04-01', doneOn: null }));
  return lines.join('\n') + '\n';
}

const EXISTING = new Map([['existing one', 7], ['existing two', 9]]);

describe('the import pipe', () => {
  it('replays a file into the writer exactly as reading it directly does, across many batches', () => {
    const text = journalFile();
    const direct = recorder();
    const counts = importJsonl(text, EXISTING, direct.writer);

    const batches: ImportBatch[] = [];
    const packer = packingWriter((b) => batches.push(b));
    expect(importJsonl(Buffer.from(text), EXISTING, packer, (done) => packer.reached(done))).toEqual(counts);
    expect(batches.length).toBeGreaterThan(3);
    const piped = recorder();
    const fresh: number[] = [];
    for (const b of batches) unpackBatch(b, piped.writer, fresh);
    piped.writer.finish();
    expect(fresh).toEqual(Array.from({ length: 40 }, (_, k) => 1000 + k));
    expect(piped.calls.length).toBe(direct.calls.length);
    expect(piped.calls).toEqual(direct.calls);
    // Progress only ever moves forward, to the end of the file at most.
    const upTos = batches.map((b) => b.upTo);
    expect([...upTos].sort((a, b) => a - b)).toEqual(upTos);
    expect(upTos.at(-1)!).toBeLessThanOrEqual(Buffer.byteLength(text));
  });

  it('refuses the same line with the same message', () => {
    const text = journalFile().replace('"channel":"video"', '"channel":"pigeon"');
    const direct = (() => { try { importJsonl(text, EXISTING, recorder().writer); } catch (e) { return (e as Error).message; } })();
    const piped = (() => { try { importJsonl(Buffer.from(text), EXISTING, packingWriter(() => {})); } catch (e) { return (e as Error).message; } })();
    expect(direct).toMatch(/^line \d+: channel: "pigeon" is not one of/);
    expect(piped).toBe(direct);
  });

  it('carries an interaction naming half a million contacts (no argument list that long)', () => {
    const batches: ImportBatch[] = [];
    const packer = packingWriter((b) => batches.push(b));
    const ids = Array.from({ length: 500_000 }, (_, k) => k + 1);
    packer.interaction({ on: 20_000, contacts: [], channel: 'event', by: 'me', outsideWork: false, gave: [], got: [], tone: 'warm',
      pushAway: null, noReply: false, note: 'everyone' }, ids);
    packer.finish();
    const got = recorder();
    unpackBatch(batches[0]!, got.writer, []);
    expect((got.calls[0] as [string, number[]])[1]).toEqual(ids);
  });

  it('reads bytes as it reads text: a byte order mark, CRLF line ends, blank lines', () => {
    const text = '{"type":"contact","name":"Zoë"}\r\n\r\n{"type":"interaction","on":"2025-01-02","contacts":["zoë"],"note":"a\\r\\nb"}\r\n';
    const fromText = recorder();
    importJsonl(text, new Map(), fromText.writer);
    const fromBytes = recorder();
    importJsonl(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), new Map(), fromBytes.writer);
    expect(fromBytes.calls).toEqual(fromText.calls);
    expect(fromText.calls).toHaveLength(3);
  });
});
