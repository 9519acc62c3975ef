import { describe, expect, it } from 'vitest';
import {
  LineError, MAX_TEXT_BYTES, formatContactLine, formatInteractionLine, formatPromiseLine, parseLine, utf8Length,
} from '../../src/domain/interchange.js';

const CONTACT = '{"type":"contact","name":"Dana Whitfield","aliases":["Dana"],"org":"Northwind","role":"VP Operations","circle":"client","cadenceDays":30,"stage":2,"emails":["dana@example.com"],"tags":["sf"],"needs":["hiring a security lead"],"offers":["supply-chain know-how"],"interests":["sailing"],"metOn":"2025-06-01","howMet":"conference panel","notes":"","status":"active","endedOn":null,"endNote":null,"stageHistory":[{"stage":2,"on":"2026-01-10","note":"asked me to review their RFP"}]}';
const INTERACTION = '{"type":"interaction","on":"2026-03-04","contacts":["Dana Whitfield"],"channel":"in-person","by":"me","outsideWork":false,"gave":[{"kind":"intro","note":"to Hugo for the security role"}],"got":[],"tone":"warm","pushAway":null,"noReply":false,"note":"lunch, talked about Q3 plans"}';
const PROMISE = '{"type":"promise","contact":"Dana Whitfield","by":"me","text":"send the deck","madeOn":"2026-03-04","due":"2026-03-10","doneOn":null}';

describe('the spec examples', () => {
  it('parse and format back byte for byte', () => {
    const c = parseLine(CONTACT);
    const i = parseLine(INTERACTION);
    const p = parseLine(PROMISE);
    if (c.type !== 'contact' || i.type !== 'interaction' || p.type !== 'promise') throw new Error('wrong types');
    expect(formatContactLine(c)).toBe(CONTACT);
    expect(formatInteractionLine(i)).toBe(INTERACTION);
    expect(formatPromiseLine(p)).toBe(PROMISE);
  });

  it('fill in every default', () => {
    const c = parseLine('{"type":"contact","name":"Min"}');
    if (c.type !== 'contact') throw new Error('wrong type');
    expect(formatContactLine(c)).toBe('{"type":"contact","name":"Min","aliases":[],"org":null,"role":null,"circle":"other","cadenceDays":null,"stage":0,"emails":[],"tags":[],"needs":[],"offers":[],"interests":[],"metOn":null,"howMet":null,"notes":"","status":"active","endedOn":null,"endNote":null,"stageHistory":[]}');
    const i = parseLine('{"type":"interaction","on":"2026-01-01","contacts":["Min"],"gave":[{"kind":"gift"}],"pushAway":{"kind":"late"}}');
    if (i.type !== 'interaction') throw new Error('wrong type');
    expect(formatInteractionLine(i)).toBe('{"type":"interaction","on":"2026-01-01","contacts":["Min"],"channel":"in-person","by":"me","outsideWork":false,"gave":[{"kind":"gift","note":""}],"got":[],"tone":"neutral","pushAway":{"kind":"late","note":""},"noReply":false,"note":""}');
    const p = parseLine('{"type":"promise","contact":"Min","text":"call back","madeOn":"2026-01-01"}');
    if (p.type !== 'promise') throw new Error('wrong type');
    expect(formatPromiseLine(p)).toBe('{"type":"promise","contact":"Min","by":"me","text":"call back","madeOn":"2026-01-01","due":null,"doneOn":null}');
  });
});

describe('refusals name the problem', () => {
  it.each([
    ['not json', /not valid JSON/],
    ['[1]', /expected a JSON object/],
    ['{"name":"x"}', /missing "type"/],
    ['{"type":"meeting"}', /unknown type/],
    ['{"type":"contact","name":"x","nmae":"y"}', /unknown key "nmae"/],
    ['{"type":"contact","name":""}', /name: required/],
    ['{"type":"contact","name":"x","circle":"enemy"}', /circle: "enemy" is not one of/],
    ['{"type":"contact","name":"x","stage":6}', /stage: expected 0 to 5/],
    ['{"type":"contact","name":"x","cadenceDays":0}', /cadenceDays/],
    ['{"type":"contact","name":"x","metOn":"2024-02-30"}', /metOn: "2024-02-30" is not a valid/],
    ['{"type":"contact","name":"x","stageHistory":[{"stage":1}]}', /stageHistory\[0\]\.on: required/],
    ['{"type":"interaction","on":"2026-01-01","contacts":[]}', /contacts: at least one/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["a","A"]}', /appears twice/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["a"],"channel":"fax"}', /channel/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["a"],"gave":[{"kind":"bribe"}]}', /gave\[0\]\.kind/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["a"],"pushAway":{"kind":"rude"}}', /pushAway\.kind/],
    ['{"type":"interaction","on":"2026-01-01","contacts":["a"],"noReply":"yes"}', /noReply: expected true or false/],
    ['{"type":"promise","contact":"a","text":"t","madeOn":"2026-01-01","by":"us"}', /by: "us"/],
  ])('%s', (line, message) => {
    expect(() => parseLine(line)).toThrow(LineError);
    expect(() => parseLine(line)).toThrow(message);
  });

  it('caps a text at MAX_TEXT_BYTES and accepts exactly the cap', () => {
    const atCap = 'a'.repeat(MAX_TEXT_BYTES);
    expect(() => parseLine(JSON.stringify({ type: 'contact', name: 'x', notes: atCap }))).not.toThrow();
    expect(() => parseLine(JSON.stringify({ type: 'contact', name: 'x', notes: atCap + 'é' }))).toThrow(/over the 1048576-byte limit/);
  });
});

describe('utf8Length', () => {
  it.each([['', 0], ['abc', 3], ['é', 2], ['李', 3], ['😀', 4], ['\ud800', 3]])('%j is %d bytes', (s, n) => {
    expect(utf8Length(s)).toBe(n);
    if (!/[\ud800-\udfff]/.test(s) || s === '😀') expect(Buffer.byteLength(s)).toBe(n);
  });
});
