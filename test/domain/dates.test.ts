import { describe, expect, it } from 'vitest';
import {
  addMonths, civilFromDay, dayFromCivil, dayOfInstant, formatDay, formatDuration, parseDateExpression, parseDuration, parseIsoDay, weekdayOf,
} from '../../src/domain/dates.js';

const d = (iso: string) => parseIsoDay(iso)!;
// 2026-11-20 is a Friday.
const TODAY = d('2026-11-20');

describe('parseIsoDay', () => {
  it.each([
    ['2026-01-05', true], ['2024-02-29', true], ['2023-02-29', false], ['2024-02-30', false], ['2026-13-01', false],
    ['2026-00-10', false], ['2026-1-5', false], ['03/04/2024', false], ['2026-11-20T00:00', false], ['', false],
  ])('%s valid: %s', (text, valid) => {
    expect(parseIsoDay(text) !== null).toBe(valid);
  });

  it('gives the day number of dayFromCivil for every real day, and null for every other day of month 1-31 (years 0000-0100, 1600-2400, 9900-9999)', () => {
    const wrong: string[] = [];
    const years = [...Array.from({ length: 101 }, (_, i) => i), ...Array.from({ length: 801 }, (_, i) => 1600 + i), ...Array.from({ length: 100 }, (_, i) => 9900 + i)];
    for (const y of years) for (let m = 1; m <= 12; m++) for (let day = 1; day <= 31; day++) {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const t = new Date(0);
      t.setUTCFullYear(y, m, 0);
      const want = day <= t.getUTCDate() ? dayFromCivil(y, m, day) : null;
      if (parseIsoDay(text) !== want) wrong.push(`${text}: ${parseIsoDay(text)}, expected ${want}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it.each(['2026-1a-05', '+026-01-05', '2026-01-0\uff15', '\uff12026-01-05', '2026_01_05', '2026-01-05 ', ' 2026-01-05', '-002-01-05'])('refuses %j', (text) => {
    expect(parseIsoDay(JSON.parse(`"${text}"`))).toBeNull();
  });

  it('formatDay writes what civilFromDay reads, for every day of years 0000-0100, 1600-2400 and 9900-9999, and years outside 1000-9999 padded', () => {
    const wrong: string[] = [];
    const spans = [[dayFromCivil(0, 1, 1), dayFromCivil(101, 1, 1)], [dayFromCivil(1600, 1, 1), dayFromCivil(2401, 1, 1)], [dayFromCivil(9900, 1, 1), dayFromCivil(10_000, 1, 1)]];
    for (const [from, to] of spans) for (let day = from!; day < to!; day++) {
      const { y, m, d: dd } = civilFromDay(day);
      const want = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
      if (formatDay(day) !== want) wrong.push(`${day}: ${formatDay(day)}, expected ${want}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(formatDay(dayFromCivil(10_000, 3, 1))).toBe('10000-03-01');
  });

  it('round-trips through formatDay', () => {
    for (const iso of ['1970-01-01', '1969-12-31', '2000-02-29', '2026-11-20', '0099-03-04']) expect(formatDay(d(iso))).toBe(iso);
  });
});

describe('parseDateExpression', () => {
  it.each([
    ['today', '2026-11-20'], ['Today', '2026-11-20'], ['yesterday', '2026-11-19'], ['tomorrow', '2026-11-21'],
    ['2d ago', '2026-11-18'], ['3w ago', '2026-10-30'], ['1m ago', '2026-10-20'], ['12m ago', '2025-11-20'],
    ['in 5d', '2026-11-25'], ['in 2w', '2026-12-04'], ['in 1m', '2026-12-20'], ['2026-02-01', '2026-02-01'],
    // weekdays: the most recent past one; today is a Friday, so "friday" is a week ago
    ['monday', '2026-11-16'], ['thursday', '2026-11-19'], ['friday', '2026-11-13'], ['saturday', '2026-11-14'], ['sun', '2026-11-15'],
  ])('%s -> %s', (text, iso) => {
    const r = parseDateExpression(text, TODAY);
    expect(r).toEqual({ ok: true, day: d(iso) });
  });

  it.each(['2024-02-30', '03/04/2024', 'yesterdayy', '2 days ago', 'in 2', 'last week', '', 'mon day', '-1d ago'])('refuses %j', (text) => {
    expect(parseDateExpression(text, TODAY).ok).toBe(false);
  });

  it('clamps month arithmetic to the end of the month', () => {
    expect(formatDay(addMonths(d('2026-03-31'), -1))).toBe('2026-02-28');
    expect(formatDay(addMonths(d('2024-03-31'), -1))).toBe('2024-02-29');
    expect(formatDay(addMonths(d('2026-01-31'), 13))).toBe('2027-02-28');
  });
});

describe('dayOfInstant', () => {
  it('takes the local calendar day of the instant', () => {
    expect(formatDay(dayOfInstant(new Date(2026, 10, 20, 23, 59)))).toBe('2026-11-20');
    expect(formatDay(dayOfInstant(new Date(2026, 10, 21, 0, 1)))).toBe('2026-11-21');
  });
  it('knows weekdays', () => {
    expect(weekdayOf(dayFromCivil(1970, 1, 1))).toBe(4);
    expect(weekdayOf(TODAY)).toBe(5);
  });
});

describe('durations', () => {
  it.each([['30d', 30], ['2w', 14], ['3m', 90], ['1D', 1]])('%s = %d days', (text, days) => {
    expect(parseDuration(text)).toEqual({ ok: true, days });
  });
  it.each(['30', 'd', '2 w', '0d', '1y', '1.5m', '-3d'])('refuses %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
  it.each([[90, '3m'], [14, '2w'], [10, '10d']])('formats %d as %s', (days, text) => {
    expect(formatDuration(days)).toBe(text);
  });
});
