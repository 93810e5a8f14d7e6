import { describe, expect, it } from 'vitest';
import { isKnown, tString, unknown } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain } from '../values-helpers.js';

describe('timeadd', () => {
  it('adds Go durations, keeping the zone of the input', () => {
    expect(plain(evalOk('timeadd("2024-01-31T23:30:00Z", "1h30m")'))).toBe('2024-02-01T01:00:00Z');
    expect(plain(evalOk('timeadd("2024-03-01T00:00:00+02:00", "-24h")'))).toBe('2024-02-29T00:00:00+02:00');
    expect(plain(evalOk('timeadd("2024-01-01T00:00:00Z", "1.5s")'))).toBe('2024-01-01T00:00:01Z');
  });
  it('refuses bad timestamps and durations at the right argument', () => {
    const ts = evalText('timeadd("2024-01-01", "1h")').diagnostics[0];
    expect(ts.detail).toContain('"timestamp" parameter of timeadd: not a valid RFC3339 timestamp');
    const du = evalText('timeadd("2024-01-01T00:00:00Z", "1d")').diagnostics[0];
    expect(du.detail).toContain('"duration" parameter');
  });
  it('is unknown for an unknown timestamp', () => {
    expect(isKnown(evalOk('timeadd(t, "1h")', { t: unknown(tString) }))).toBe(false);
  });
});

describe('formatdate', () => {
  const t = '"2018-01-04T23:12:01-08:00"';
  it('formats every documented verb and quoted literals', () => {
    expect(plain(evalOk(`formatdate("DD MMM YYYY hh:mm ZZZ", ${t})`))).toBe('04 Jan 2018 23:12 -0800');
    expect(plain(evalOk(`formatdate("EEEE, MMMM D, YY", ${t})`))).toBe('Thursday, January 4, 18');
    expect(plain(evalOk(`formatdate("H:mm AA aa h:m:s", ${t})`))).toBe('11:12 PM pm 23:12:1');
    expect(plain(evalOk(`formatdate("ZZZZZ Z EEE M", ${t})`))).toBe('-08:00 -08:00 Thu 1');
    expect(plain(evalOk(`formatdate("YYYY-MM-DD'T'hh:mm:ssZ", "2024-05-06T07:08:09Z")`))).toBe('2024-05-06T07:08:09Z');
    expect(plain(evalOk(`formatdate("ZZZ HH", "2024-05-06T00:08:09Z")`))).toBe('UTC 12');
    expect(plain(evalOk(`formatdate("h 'o''clock'", "2024-05-06T07:08:09Z")`))).toBe("7 o'clock");
  });
  it('refuses unknown verbs and bad timestamps', () => {
    expect(evalText(`formatdate("YYYY Q", ${t})`).diagnostics[0].detail).toContain('invalid date format verb "Q"');
    expect(evalText('formatdate("YYYY", "yesterday")').diagnostics[0].detail).toContain('"time" parameter');
  });
});
