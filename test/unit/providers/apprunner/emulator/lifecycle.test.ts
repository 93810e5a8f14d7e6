import { describe, expect, it } from 'vitest';
import { operationStatus } from '../../../../../providers/apprunner/emulator/lifecycle.js';
import type { OperationRecord } from '../../../../../providers/apprunner/emulator/store.js';

const op = (outcome: OperationRecord['outcome']): OperationRecord => ({
  id: 'x',
  type: 'UPDATE_SERVICE',
  targetArn: 'arn',
  startedAt: 1_000,
  durationMs: 1_000,
  outcome,
});

describe('operation status from the clock', () => {
  it('is PENDING for the first tenth, IN_PROGRESS until the end, then SUCCEEDED exactly at the end', () => {
    const o = op('succeed');
    expect(operationStatus(o, 1_000)).toBe('PENDING');
    expect(operationStatus(o, 1_099)).toBe('PENDING');
    expect(operationStatus(o, 1_100)).toBe('IN_PROGRESS');
    expect(operationStatus(o, 1_999)).toBe('IN_PROGRESS');
    expect(operationStatus(o, 2_000)).toBe('SUCCEEDED');
  });

  it('shows a rollback in its second half and ends ROLLBACK_SUCCEEDED; a failure ends FAILED', () => {
    expect(operationStatus(op('rollback'), 1_600)).toBe('ROLLBACK_IN_PROGRESS');
    expect(operationStatus(op('rollback'), 2_000)).toBe('ROLLBACK_SUCCEEDED');
    expect(operationStatus(op('fail'), 2_500)).toBe('FAILED');
  });
});
