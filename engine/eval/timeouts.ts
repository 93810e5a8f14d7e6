import type { TimeoutKind } from '../../providers/provider.js';
import type { ResourceDecl } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import type { Evaluator } from './evaluator.js';

// The `timeouts { create = "30m" … }` block of a resource, in milliseconds.

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as `90s`, `10m` or `1h30m`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    matched = re.lastIndex;
  }
  return matched === text.length && text.length > 0 ? total : undefined;
}

/** The timeouts a resource sets, with a positioned diagnostic for each one that is not a duration. */
export function resourceTimeouts(
  decl: ResourceDecl,
  ev: Evaluator,
): { timeouts: Partial<Record<TimeoutKind, number>>; diagnostics: Diagnostic[] } {
  const timeouts: Partial<Record<TimeoutKind, number>> = {};
  const diagnostics: Diagnostic[] = [];
  for (const a of decl.timeouts?.body.attributes ?? []) {
    if (a.name !== 'create' && a.name !== 'update' && a.name !== 'delete') continue;
    const v = ev.evaluate(a.expr).value.payload;
    const ms = typeof v === 'string' ? parseDuration(v) : undefined;
    if (ms === undefined) {
      diagnostics.push(
        error('Invalid timeout', a.expr.range, 'A timeout is a duration such as "30s", "10m" or "1h30m".'),
      );
      continue;
    }
    timeouts[a.name] = ms;
  }
  return { timeouts, diagnostics };
}
