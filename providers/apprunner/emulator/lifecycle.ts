// Service lifecycle computed from timestamps: an operation's status and a service's settled state are
// derived on read from when the operation started and how long it lasts, so no timers run.
import { deletedRetentionMs, PENDING_SHARE } from './clock.js';
import type { Ctx } from './context.js';
import type { OperationOutcome, OperationRecord, OperationType, ServiceRecord, ServiceStatus } from './store.js';

/** The statuses ListOperations reports. */
export type OperationStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'FAILED'
  | 'SUCCEEDED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_SUCCEEDED';

const FINAL: Record<OperationOutcome, OperationStatus> = {
  succeed: 'SUCCEEDED',
  fail: 'FAILED',
  rollback: 'ROLLBACK_SUCCEEDED',
  'rollback-failed': 'ROLLBACK_FAILED',
};

/** When an operation ends. */
export function endOf(op: OperationRecord): number {
  return op.startedAt + op.durationMs;
}

/** An operation's status at `now`. */
export function operationStatus(op: OperationRecord, now: number): OperationStatus {
  if (now >= endOf(op)) return FINAL[op.outcome];
  if (now < op.startedAt + op.durationMs * PENDING_SHARE) return 'PENDING';
  if ((op.outcome === 'rollback' || op.outcome === 'rollback-failed') && now >= op.startedAt + op.durationMs / 2) {
    return 'ROLLBACK_IN_PROGRESS';
  }
  return 'IN_PROGRESS';
}

/** The status each operation type leaves a service in, per outcome. */
const AFTER: Record<OperationType, Record<OperationOutcome, ServiceStatus>> = {
  CREATE_SERVICE: {
    succeed: 'RUNNING',
    fail: 'CREATE_FAILED',
    rollback: 'CREATE_FAILED',
    'rollback-failed': 'CREATE_FAILED',
  },
  UPDATE_SERVICE: { succeed: 'RUNNING', fail: 'RUNNING', rollback: 'RUNNING', 'rollback-failed': 'RUNNING' },
  START_DEPLOYMENT: { succeed: 'RUNNING', fail: 'RUNNING', rollback: 'RUNNING', 'rollback-failed': 'RUNNING' },
  PAUSE_SERVICE: { succeed: 'PAUSED', fail: 'RUNNING', rollback: 'RUNNING', 'rollback-failed': 'RUNNING' },
  RESUME_SERVICE: { succeed: 'RUNNING', fail: 'PAUSED', rollback: 'PAUSED', 'rollback-failed': 'PAUSED' },
  DELETE_SERVICE: {
    succeed: 'DELETED',
    fail: 'DELETE_FAILED',
    rollback: 'DELETE_FAILED',
    'rollback-failed': 'DELETE_FAILED',
  },
};

/** The operation still running on a service, if any. */
export function inFlight(svc: ServiceRecord): OperationRecord | undefined {
  const op = svc.operations[svc.operations.length - 1];
  return op && svc.status === 'OPERATION_IN_PROGRESS' ? op : undefined;
}

/** Applies a finished operation and finished domain transitions; false when the service is gone for good. */
export function settleService(ctx: Ctx, svc: ServiceRecord): boolean {
  const op = inFlight(svc);
  if (op && ctx.now >= endOf(op)) {
    const end = endOf(op);
    svc.status = AFTER[op.type][op.outcome];
    svc.updatedAt = end;
    if (op.outcome === 'rollback' && svc.previous) svc.config = svc.previous;
    svc.previous = undefined;
    if (svc.status === 'DELETED') svc.deletedAt = end;
  }
  for (const d of svc.domains) {
    if (d.status === 'CREATING' && ctx.now >= d.until) d.status = 'PENDING_CERTIFICATE_DNS_VALIDATION';
  }
  svc.domains = svc.domains.filter((d) => !(d.status === 'DELETING' && ctx.now >= d.until));
  if (svc.status === 'DELETED' && ctx.now >= (svc.deletedAt ?? 0) + deletedRetentionMs(ctx.env.settings)) {
    ctx.rs.services.delete(svc.arn);
    ctx.rs.tags.delete(svc.arn);
    return false;
  }
  return true;
}

/** Every service of the region that still exists and is not DELETED, settled. */
export function liveServices(ctx: Ctx): ServiceRecord[] {
  return [...ctx.rs.services.values()].filter((s) => settleService(ctx, s) && s.status !== 'DELETED');
}
