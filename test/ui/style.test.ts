/** Colour only for a person at a terminal; chalk is loaded only then. */
import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE, colourWanted, loadStyle } from '../../src/ui/style.js';

describe('loadStyle', () => {
  it('colours on a terminal', async () => {
    const s = await loadStyle(true, {});
    expect(s.enabled).toBe(true);
    expect(s.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(s.severity('high', 'x')).toMatch(/\u001b\[31m/);
  });

  it.each([
    ['piped', false, {}],
    ['NO_COLOR set', true, { NO_COLOR: '1' }],
    ['a dumb terminal', true, { TERM: 'dumb' }],
  ])('is plain when %s', async (_name, tty, env) => {
    expect(colourWanted(tty, env)).toBe(false);
    const s = await loadStyle(tty, env);
    expect(s).toBe(PLAIN_STYLE);
    expect(s.bad('x')).toBe('x');
  });

  it('treats an empty NO_COLOR as unset (no-color.org)', () => {
    expect(colourWanted(true, { NO_COLOR: '' })).toBe(true);
  });
});
