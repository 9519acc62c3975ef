import { describe, expect, it } from 'vitest';
import { bandScore, relationshipStrength } from '../../../src/domain/suggest/score.js';
import { formatLogCommand, oneLine, shellQuote } from '../../../src/domain/suggest/shell.js';
import { AS_OF, ago, contact, history, regular, touch } from './builders.js';

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['--channel', '--channel'],
    ['intro:x', 'intro:x'],
    ['Dana Whitfield', "'Dana Whitfield'"],
    ["O'Brien", "'O'\\''Brien'"],
    ['', "''"],
    ['$(rm -rf ~)', "'$(rm -rf ~)'"],
    ['`id` ; echo', "'`id` ; echo'"],
    ['a"b', "'a\"b'"],
    ['José', "'José'"],
  ])('%j -> %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });
});

describe('oneLine', () => {
  it('flattens control characters, bidi overrides and whitespace', () => {
    expect(oneLine('send\nthe\t\u001b[31mdeck\u202e  now')).toBe('send the [31mdeck now');
  });
  it('cuts long text with an ellipsis', () => {
    expect(oneLine('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});

describe('formatLogCommand', () => {
  it.each([
    [{ names: ['Ada Lovelace'] }, "rel log 'Ada Lovelace'"],
    [{ names: ['Ada', 'Bo'], channel: 'email', gave: ["intro:Ada's friend"] }, "rel log Ada Bo --channel email --gave 'intro:Ada'\\''s friend'"],
    [{ names: ['Di'], outsideWork: true, note: 'time\ntogether' }, "rel log Di --outside-work --note 'time together'"],
    // A name that looks like a flag goes after `--`.
    [{ names: ['-x Person'], channel: 'call' }, "rel log --channel call -- '-x Person'"],
  ])('%j', (line, command) => {
    expect(formatLogCommand(line)).toBe(command);
  });
});

describe('relationshipStrength', () => {
  const strength = (stage: 0 | 1 | 2 | 3 | 4 | 5, touches = regular(300, 0, 30, { tone: 'warm' })) =>
    relationshipStrength(history(contact('S', { stage }), touches), AS_OF);

  it.each([
    ['new, never in touch', 0, [], 0.1],
    ['enduring, warm, in touch today', 5, regular(300, 0, 30, { tone: 'warm' }), 1],
    ['enduring, nothing for a long time', 5, [touch(ago(2000))], 0.45 + 0.35 * 0.5 ** (2000 / 90) + 0.1],
  ] as const)('%s', (_label, stage, touches, expected) => {
    expect(strength(stage, [...touches])).toBeCloseTo(expected, 6);
  });

  it('grows with the stage and falls with time since the last contact', () => {
    expect(strength(3)).toBeGreaterThan(strength(1));
    expect(strength(3, regular(300, 100, 30))).toBeLessThan(strength(3, regular(300, 0, 30)));
  });

  it('counts neither unanswered outreach nor anything after the as-of day', () => {
    const base = [touch(ago(200))];
    expect(strength(2, [...base, touch(ago(1), { noReply: true }), touch(AS_OF + 3)])).toBeCloseTo(strength(2, base), 10);
  });

  it('is lower after cool meetings and push-aways', () => {
    expect(strength(2, [touch(ago(10), { tone: 'cool', pushAway: 'snide' })])).toBeLessThan(strength(2, [touch(ago(10))]));
  });
});

describe('bandScore', () => {
  it.each([
    ['keep-promise', 0, 90], ['keep-promise', 1, 100], ['repair', 0.5, 85], ['maintain', 1, 10],
    ['introduce', 0, 20], ['introduce', 1, 70], ['deepen', 2, 70], ['deepen', -1, 20], ['reconnect', Number.NaN, 20],
  ] as const)('%s at %s -> %s', (kind, position, score) => {
    expect(bandScore(kind, position)).toBe(score);
  });
});
