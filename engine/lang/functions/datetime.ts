// Time functions: RFC 3339 timestamps, Go duration strings (timeadd) and Terraform's formatdate spec.
import { tString } from '../types.js';
import { asString, str } from '../values.js';
import { param } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

/** A point in time with the UTC offset it was written in (kept so results stay in the same zone). */
interface Stamp {
  readonly ms: number;
  readonly offsetMin: number;
  readonly utc: boolean;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseStamp(s: string, arg: number): Stamp {
  const m = RFC3339.exec(s);
  if (!m) throw new FuncError(`not a valid RFC3339 timestamp: "${s}"`, arg);
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const nums = [y, mo, d, h, mi, se].map(Number);
  if (nums[1] < 1 || nums[1] > 12 || nums[2] < 1 || nums[2] > 31 || nums[3] > 23 || nums[4] > 59 || nums[5] > 60)
    throw new FuncError(`not a valid RFC3339 timestamp: "${s}" has a field out of range`, arg);
  const utc = zone === 'Z' || zone === 'z';
  const offsetMin = utc ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const base = Date.UTC(nums[0], nums[1] - 1, nums[2], nums[3], nums[4], nums[5]);
  const days = new Date(Date.UTC(nums[0], nums[1], 0)).getUTCDate();
  if (nums[2] > days) throw new FuncError(`not a valid RFC3339 timestamp: "${s}" has a day out of range`, arg);
  const fracMs = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  return { ms: base + fracMs - offsetMin * 60_000, offsetMin, utc };
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration string ("1h30m", "-2.5s", "300ms") into milliseconds. */
export function parseDuration(s: string, arg: number): number {
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)[a-zµμ]+)+|0)$/.exec(s);
  if (!m) throw new FuncError(`invalid duration "${s}"`, arg);
  if (m[2] === '0') return 0;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)([a-zµμ]+)/g)) {
    const unit = UNITS[part[2]];
    if (unit === undefined) throw new FuncError(`unknown unit "${part[2]}" in duration "${s}"`, arg);
    total += Number(part[1]) * unit;
  }
  return m[1] === '-' ? -total : total;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function fields(t: Stamp) {
  const d = new Date(t.ms + t.offsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

function offset(t: Stamp, colon: boolean): string {
  const sign = t.offsetMin < 0 ? '-' : '+';
  const a = Math.abs(t.offsetMin);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** Renders a stamp as RFC 3339 in its own zone, as Go's time.RFC3339 layout does (no fractional seconds). */
function rfc3339(t: Stamp): string {
  const f = fields(t);
  const zone = t.utc ? 'Z' : offset(t, true);
  return `${pad(f.year, 4)}-${pad(f.month + 1)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${zone}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Formats a stamp with Terraform's formatdate specification. */
export function formatDate(spec: string, t: Stamp): string {
  const f = fields(t);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const verbs: Readonly<Record<string, () => string>> = {
    YYYY: () => pad(f.year, 4),
    YY: () => pad(f.year % 100),
    MMMM: () => MONTHS[f.month],
    MMM: () => MONTHS[f.month].slice(0, 3),
    MM: () => pad(f.month + 1),
    M: () => String(f.month + 1),
    DD: () => pad(f.day),
    D: () => String(f.day),
    EEEE: () => DAYS[f.weekday],
    EEE: () => DAYS[f.weekday].slice(0, 3),
    hh: () => pad(f.hour),
    h: () => String(f.hour),
    HH: () => pad(h12),
    H: () => String(h12),
    AA: () => (f.hour < 12 ? 'AM' : 'PM'),
    aa: () => (f.hour < 12 ? 'am' : 'pm'),
    mm: () => pad(f.minute),
    m: () => String(f.minute),
    ss: () => pad(f.second),
    s: () => String(f.second),
    ZZZZZ: () => offset(t, true),
    ZZZZ: () => offset(t, false),
    ZZZ: () => (t.offsetMin === 0 ? 'UTC' : offset(t, false)),
    Z: () => (t.offsetMin === 0 ? 'Z' : offset(t, true)),
  };
  let out = '';
  let i = 0;
  while (i < spec.length) {
    const c = spec[i];
    if (c === "'") {
      if (spec[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // A quoted literal runs to the next lone quote; a doubled quote inside it stands for one quote.
      let j = i + 1;
      for (;;) {
        if (j >= spec.length) throw new FuncError('unterminated literal quote in format specification', 0);
        if (spec[j] === "'" && spec[j + 1] === "'") {
          out += "'";
          j += 2;
        } else if (spec[j] === "'") break;
        else out += spec[j++];
      }
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < spec.length && spec[j] === c) j++;
      const run = spec.slice(i, j);
      const verb = verbs[run];
      if (!verb) throw new FuncError(`invalid date format verb "${run}"`, 0);
      out += verb();
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** timeadd, formatdate */
export const datetimeFunctions: Record<string, FunctionSpec> = {
  timeadd: {
    params: [param('timestamp', tString), param('duration', tString)],
    returns: tString,
    impl: ([ts, dur]) => {
      const t = parseStamp(asString(ts), 0);
      const d = parseDuration(asString(dur), 1);
      return str(rfc3339({ ...t, ms: t.ms + d }));
    },
  },
  formatdate: {
    params: [param('format', tString), param('time', tString)],
    returns: tString,
    impl: ([spec, ts]) => str(formatDate(asString(spec), parseStamp(asString(ts), 1))),
  },
};
