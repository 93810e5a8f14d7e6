import { describe, expect, it } from 'vitest';
import { Evaluator, parseDuration, resourceTimeouts } from '../../../../engine/eval/index.js';
import { moduleOf } from '../../../support/engine.js';

describe('resource timeouts', () => {
  it('parses durations in ms, s, m and h, combined', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('10 minutes')).toBeUndefined();
  });

  it('reads the timeouts block, reporting a bad value at its position', () => {
    const m = moduleOf(
      'resource "test_thing" "a" {\n  name = "a"\n  timeouts {\n    create = "2m"\n    delete = "soon"\n  }\n}\n',
    );
    const r = resourceTimeouts(
      m.resources.get('test_thing.a')!,
      new Evaluator(m, new Map(), { resource: () => undefined }),
    );
    expect(r.timeouts).toEqual({ create: 120_000 });
    expect(r.diagnostics.map((d) => [d.summary, d.range?.start.line])).toEqual([['Invalid timeout', 5]]);
  });
});
