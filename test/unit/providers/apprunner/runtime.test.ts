import { describe, expect, it } from 'vitest';
import { type Runtime, timeoutFor } from '../../../../providers/apprunner/runtime.js';
import { resourceSchemas } from '../../../../providers/apprunner/schemas.js';
import type { OpContext } from '../../../../providers/provider.js';

const schema = resourceSchemas().get('apprunner_service')!;
const rt = (scale: number) => ({ scale }) as unknown as Runtime;
const ctx = (create: number) => ({ timeouts: { create, update: create, delete: create } }) as unknown as OpContext;

describe('timeouts', () => {
  it('divides a default timeout by RUNFORM_WAIT_SCALE but leaves an explicit one alone', () => {
    const def = schema.timeouts!.create!;
    expect(def).toBe(20 * 60_000);
    expect(timeoutFor(rt(60), ctx(def), schema, 'create')).toBe(def / 60);
    expect(timeoutFor(rt(60), ctx(90_000), schema, 'create')).toBe(90_000);
    expect(timeoutFor(rt(1), ctx(def), schema, 'create')).toBe(def);
  });
});
