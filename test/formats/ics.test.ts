import { describe, expect, it } from 'vitest';
import {
  formatReminders, matchMeetings, parseIcsCalendar, parseIcsEvents, reminderUid, type IcsEvent, type MeetingContact,
} from '../../src/formats/ics.js';
import { day, fixture } from './helpers.js';

const STAMP = '20260315T090000Z';

describe('formatReminders', () => {
  it('writes a subscribable VCALENDAR: VTODO for promises, all-day VEVENT for next contact dates, CRLF, stable UIDs', () => {
    const out = formatReminders([
      { uid: reminderUid('promise', 7), kind: 'promise', summary: 'Send Dana the deck', description: 'Promised on 2026-03-04', due: day('2026-03-10') },
      { uid: reminderUid('next-contact', 3), kind: 'next-contact', summary: 'Reconnect with Hugo', description: '', due: day('2026-03-31') },
    ], STAMP);
    expect(out).toBe([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//rel//rel reminders//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
      'X-WR-CALNAME:rel follow-ups', 'REFRESH-INTERVAL;VALUE=DURATION:PT12H', 'X-PUBLISHED-TTL:PT12H',
      'BEGIN:VTODO', 'UID:promise-7@rel', `DTSTAMP:${STAMP}`, 'SUMMARY:Send Dana the deck', 'DESCRIPTION:Promised on 2026-03-04',
      'CATEGORIES:promise', 'DUE;VALUE=DATE:20260310', 'STATUS:NEEDS-ACTION', 'END:VTODO',
      'BEGIN:VEVENT', 'UID:next-contact-3@rel', `DTSTAMP:${STAMP}`, 'SUMMARY:Reconnect with Hugo', 'CATEGORIES:next-contact',
      'DTSTART;VALUE=DATE:20260331', 'DTEND;VALUE=DATE:20260401', 'TRANSP:TRANSPARENT', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n'));
  });

  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    const summary = 'Send José the «revised» deck, slides 3; 4 \\ appendix — 日本語 '.repeat(3);
    const out = formatReminders([{ uid: 'promise-1@rel', kind: 'next-contact', summary, description: 'line 1\nline 2', due: day('2026-01-31') }], STAMP);
    for (const line of out.split('\r\n')) {
      const bytes = new TextEncoder().encode(line);
      expect(bytes.length).toBeLessThanOrEqual(75);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    }
    expect(out).toContain('DESCRIPTION:line 1\\nline 2');
    const [event] = parseIcsEvents(out);
    expect(event).toMatchObject({ uid: 'promise-1@rel', summary, start: day('2026-01-31') });
  });

  it('can write promises as events for calendars that ignore VTODO (Google Calendar)', () => {
    const out = formatReminders([{ uid: 'promise-1@rel', kind: 'promise', summary: 's', description: '', due: day('2026-12-31') }], STAMP, { promisesAs: 'event' });
    expect(out).not.toContain('VTODO');
    expect(out).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
  });

  it('refuses a DTSTAMP that is not UTC basic format', () => {
    expect(() => formatReminders([], '2026-03-15T09:00:00Z')).toThrow('DTSTAMP');
  });
});

describe('parseIcsEvents', () => {
  const { events, warnings } = parseIcsCalendar(fixture('meetings.ics'));
  const byUid = (uid: string): IcsEvent[] => events.filter((e) => e.uid === uid);

  it('reads every VEVENT of a Google Calendar export, none from VTIMEZONE', () => {
    expect(warnings).toEqual([]);
    expect(events).toHaveLength(10);
  });

  it('takes the written date for TZID, floating and all-day starts', () => {
    expect(byUid('7kq2m9d1r5lunchdana@google.com')[0]!.start).toBe(day('2026-03-02'));
    expect(byUid('declined-coffee@google.com')[0]!.start).toBe(day('2026-03-07'));
    expect(byUid('offsite2026@google.com')[0]!.start).toBe(day('2026-03-05'));
  });

  it('maps a UTC start to a local day through the injected function (default: the UTC day)', () => {
    expect(byUid('3hb8s0videohugo@google.com')[0]!.start).toBe(day('2026-03-03'));
    const plusTwo = (ms: number): number => Math.floor((ms + 2 * 3_600_000) / 86_400_000);
    const shifted = parseIcsEvents(fixture('meetings.ics'), { dayOfUtc: plusTwo });
    expect(shifted.find((e) => e.uid === '3hb8s0videohugo@google.com')!.start).toBe(day('2026-03-04'));
  });

  it('unfolds and unescapes text; reads attendees with CN and mailto; ignores VALARM attendees and rooms', () => {
    const lunch = byUid('7kq2m9d1r5lunchdana@google.com')[0]!;
    expect(lunch).toMatchObject({
      summary: 'Lunch with Dana', location: 'Cervejaria Ramiro, Av. Almirante Reis 1, Lisboa', online: false,
      organizer: { name: 'Sam Rivera', email: 'me@example.com' },
      attendees: [{ name: 'Dana Whitfield', email: 'dana@example.com', declined: false }, { email: 'me@example.com', declined: false }],
    });
    expect(byUid('offsite2026@google.com')[0]!.attendees).toEqual([{ name: 'Priya Raman', email: 'priya@tailspin.example.com', declined: false }]);
    expect(byUid('logged-already@google.com')[0]!.attendees[1]!.name).toBe('Raman, Priya');
  });

  it('flags online, cancelled, repeating series and their moved occurrences', () => {
    expect(byUid('3hb8s0videohugo@google.com')[0]!.online).toBe(true);
    expect(byUid('cancelled-dinner@google.com')[0]!.cancelled).toBe(true);
    expect(byUid('weekly-1on1@google.com').map((e) => [e.recurring, e.start])).toEqual([[true, day('2026-01-05')], [false, day('2026-03-10')]]);
  });

  it('warns about and skips an event without a readable DTSTART', () => {
    const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:No date\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(parseIcsCalendar(text)).toEqual({ events: [], warnings: ['line 2: event "No date" has no readable DTSTART; skipped'] });
  });

  it('warns about an event cut off before END:VEVENT', () => {
    const text = 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:Cut\nDTSTART:20260301\n';
    expect(parseIcsCalendar(text).warnings).toEqual(['line 2: event "Cut" has no END:VEVENT; skipped']);
  });
});

describe('matchMeetings', () => {
  const contacts: MeetingContact[] = [
    { id: 1, name: 'Dana Whitfield', aliases: ['Dee'], emails: ['dana@example.com'] },
    { id: 2, name: 'Hugo Almeida', aliases: [], emails: ['hugo.almeida@example.com'] },
    { id: 3, name: 'Priya Raman', aliases: [], emails: ['priya.raman@example.com'] },
    { id: 4, name: 'Mei Chen', aliases: [], emails: ['mei.chen@example.com'] },
  ];
  const events = parseIcsEvents(fixture('meetings.ics'));
  const today = day('2026-03-15');

  it('lists past meetings with known people not yet logged that day, oldest first, with a channel guess', () => {
    const logged = new Map([[1, new Set([day('2026-03-09')])]]);
    const matches = matchMeetings(events, contacts, logged, today);
    expect(matches.map((m) => [m.event.summary, m.day, m.contactIds, m.alreadyLogged, m.channel])).toEqual([
      ['Lunch with Dana', day('2026-03-02'), [1], [], 'in-person'],
      ['Hugo / Sam: security roadmap', day('2026-03-03'), [2], [], 'video'], // e-mail matched ignoring case
      ['Partner offsite', day('2026-03-05'), [3], [], 'in-person'], // matched by name: the address is unknown
      ['Mei 1:1 (moved to Tuesday)', day('2026-03-10'), [4], [], null], // a moved occurrence; the series itself is skipped
    ]);
    // Not listed: the cancelled dinner, the declined coffee, the vendor demo (no known people),
    // the future review, and drinks on 03-09 (Dana logged; "Raman, Priya" matches no one).
  });

  it('lists the people still to log when only some were logged', () => {
    const withPriya = [...contacts.slice(0, 2), { ...contacts[2]!, emails: ['priya.r@other.example.com'] }];
    const logged = new Map([[1, new Set([day('2026-03-09')])]]);
    const drinks = matchMeetings(events, withPriya, logged, today).find((m) => m.event.uid === 'logged-already@google.com');
    expect(drinks).toMatchObject({ contactIds: [3], alreadyLogged: [1] });
  });

  it('leaves today out unless asked, and the future always', () => {
    const march2 = day('2026-03-02');
    expect(matchMeetings(events, contacts, new Map(), march2).map((m) => m.day)).toEqual([]);
    expect(matchMeetings(events, contacts, new Map(), march2, { includeToday: true }).map((m) => m.day)).toEqual([march2]);
  });

  it('ignores a name or address that two contacts share', () => {
    const twins: MeetingContact[] = [
      { id: 1, name: 'Dana Whitfield', aliases: [], emails: ['shared@example.com'] },
      { id: 2, name: 'Dana Whitfield Sr.', aliases: ['Dana Whitfield'], emails: ['shared@example.com'] },
    ];
    expect(matchMeetings(events, twins, new Map(), today).filter((m) => m.event.summary === 'Lunch with Dana')).toEqual([]);
  });

  it('lists the same occurrence once even if the file repeats it', () => {
    const once = matchMeetings(events, contacts, new Map(), today).length;
    expect(matchMeetings([...events, ...events], contacts, new Map(), today)).toHaveLength(once);
  });
});
