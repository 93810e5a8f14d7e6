// Follows one App Runner operation (by its OperationId, through ListOperations) to its end.
// FAILED and ROLLBACK_* end in an OperationFailedError; timeouts and aborts end the wait promptly.
import { type AppRunnerClient, DescribeServiceCommand, ListOperationsCommand } from '@aws-sdk/client-apprunner';
import type { ProgressEvent } from '../../provider.js';
import { type FailedOperationStatus, OperationFailedError, WaitTimeoutError } from '../errors.js';
import { abortable, isNotFound, sleep, throwIfAborted } from '../sdk.js';
import type { ServicePoller } from './poller.js';
import { type DurationModel, nextDelay, phaseOf, type WaitKind, waitKindOf } from './schedule.js';

/** What the waiter needs from the provider: its client, shared poller, learned durations and scale. */
export interface WaitEnv {
  readonly client: AppRunnerClient;
  readonly poller: ServicePoller;
  readonly durations: DurationModel;
  readonly scale: number;
}

/** One operation to follow. */
export interface OperationWaitRequest {
  readonly serviceArn: string;
  readonly operationId: string;
  /** The type we started; the listed operation's own type wins once it is seen. */
  readonly kind: WaitKind;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly progress?: (event: ProgressEvent) => void;
  /**
   * False when the operation was started before this wait (someone else's): the wait's own clock
   * then says nothing about its duration, and only the operation's timestamps are learned from.
   */
  readonly startedNow?: boolean;
  /**
   * When the operation started, by this process's clock, if known better than "when the wait
   * began" (the answer that started it may have waited on a busy event loop before being read).
   */
  readonly startedAt?: number;
  /** The time the whole change was allowed, when the wait has only what is left of it: for the timeout's message. */
  readonly budgetMs?: number;
}

/** The operation as it ended. */
export interface OperationOutcome {
  readonly id: string;
  readonly type: string;
  readonly status: 'SUCCEEDED';
  /** When the operation ended, as listed (absent when the service is gone). */
  readonly endedAt?: Date;
}

/** Closed set of operation statuses (OperationSummary.Status). */
type OperationStatus = 'PENDING' | 'IN_PROGRESS' | 'SUCCEEDED' | FailedOperationStatus | 'ROLLBACK_IN_PROGRESS';

const STATUSES: readonly OperationStatus[] = [
  'PENDING',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'ROLLBACK_SUCCEEDED',
  'ROLLBACK_FAILED',
  'ROLLBACK_IN_PROGRESS',
];

interface SeenOperation {
  readonly type: string;
  readonly status: OperationStatus;
  readonly durationMs?: number;
  readonly endedAt?: Date;
}

async function findOperation(env: WaitEnv, req: OperationWaitRequest): Promise<SeenOperation | 'gone' | undefined> {
  let token: string | undefined;
  try {
    do {
      const r = await env.client.send(
        new ListOperationsCommand({ ServiceArn: req.serviceArn, NextToken: token, MaxResults: 20 }),
        { abortSignal: req.signal },
      );
      const op = r.OperationSummaryList?.find((o) => o.Id === req.operationId);
      if (op) {
        const status = STATUSES.find((s) => s === op.Status) ?? 'IN_PROGRESS';
        const durationMs =
          op.StartedAt && op.EndedAt ? new Date(op.EndedAt).getTime() - new Date(op.StartedAt).getTime() : undefined;
        const endedAt = op.EndedAt ? new Date(op.EndedAt) : undefined;
        return { type: op.Type ?? req.kind, status, durationMs, ...(endedAt ? { endedAt } : {}) };
      }
      token = r.NextToken;
    } while (token);
  } catch (e) {
    if (isNotFound(e)) return 'gone';
    throw e;
  }
  return undefined;
}

async function serviceStatus(env: WaitEnv, arn: string): Promise<string | undefined> {
  try {
    const r = await env.client.send(new DescribeServiceCommand({ ServiceArn: arn }));
    return r.Service?.Status;
  } catch {
    return undefined;
  }
}

/** Plain words for a failed operation, from the status the service was left in. */
export function failureReason(type: string, status: FailedOperationStatus, serviceStatus: string | undefined): string {
  const svc = serviceStatus ? `the service is ${serviceStatus}` : 'the service status is unknown';
  switch (status) {
    case 'ROLLBACK_SUCCEEDED':
      return `${type === 'UPDATE_SERVICE' ? 'update' : type.toLowerCase()} rolled back; the service runs its previous configuration (${svc})`;
    case 'ROLLBACK_FAILED':
      return `the rollback failed too; ${svc}`;
    case 'FAILED':
      return `${type.toLowerCase()} failed; ${svc}`;
  }
}

/**
 * The duration to learn from an operation that was seen SUCCEEDED by a poll due `polledAt` ms into
 * the wait. The poll's due time, not the moment its answer came back, bounds the duration from
 * above without the lateness of timers and calls, which would otherwise push every later wait's
 * expected end, and so its landing poll, a little further out. Operation timestamps have
 * whole-second precision: they keep the estimate within a second of the truth, and decide alone
 * once that second is small beside the duration.
 */
export function observedDuration(timestampsMs: number | undefined, polledAt: number): number {
  if (timestampsMs === undefined || timestampsMs < 1000) return polledAt;
  if (timestampsMs >= 60_000) return timestampsMs;
  return Math.min(Math.max(polledAt, timestampsMs - 1000), timestampsMs + 1000);
}

/**
 * When an operation started by a call sent at `sentAt` and answered at `answeredAt` began: the
 * service's own timestamp when it has one, kept between the two (the clocks may differ, but the
 * operation began after the call went out and before its answer came back).
 */
export function operationStart(sentAt: number, answeredAt: number, serviceTime: Date | undefined): number {
  const t = serviceTime?.getTime();
  if (t === undefined || !Number.isFinite(t)) return answeredAt;
  return Math.min(Math.max(t, sentAt), answeredAt);
}

/** Waits until the operation SUCCEEDED; throws OperationFailedError, WaitTimeoutError or AbortError. */
export function waitForOperation(env: WaitEnv, req: OperationWaitRequest): Promise<OperationOutcome> {
  return abortable(req.signal, `waiting for operation ${req.operationId}`, () => follow(env, req));
}

async function follow(env: WaitEnv, req: OperationWaitRequest): Promise<OperationOutcome> {
  const now0 = Date.now();
  const start = Math.min(req.startedAt ?? now0, now0);
  const deadline = now0 + req.timeoutMs;
  let kind = req.kind;
  let last: string | undefined;
  // The service's own status, when a batched poll saw it (OPERATION_IN_PROGRESS while busy).
  let seen: string | undefined;
  // When the poll that is being answered was due, in ms since the wait started.
  let polledAt = 0;
  const what = `operation ${req.operationId} (${kind}) on ${req.serviceArn}`;
  for (;;) {
    throwIfAborted(req.signal, `waiting for ${what}`);
    const now = Date.now();
    if (now >= deadline) throw new WaitTimeoutError(what, req.budgetMs ?? req.timeoutMs);
    const elapsed = now - start;
    const expected = env.durations.expected(kind);
    const delay = Math.min(nextDelay(elapsed, expected, env.scale), deadline - now);
    polledAt = elapsed + delay;
    if (elapsed < expected && polledAt >= expected) {
      // The poll aimed at the expected end asks for the operation itself, on time: waiting to
      // share a page, then asking for the operation, would put two calls and a window between the
      // end and the change that waits for it.
      // A millisecond more: clocks and timers round, and this poll is worth nothing if a hair early.
      await sleep(delay + 1, req.signal, `waiting for ${what}`);
    } else {
      const polled = await env.poller.check(req.serviceArn, delay, delay * 0.25, req.signal);
      if (polled.kind === 'status' && polled.status !== seen) {
        seen = polled.status;
        req.progress?.({ status: last ?? 'PENDING', operationId: req.operationId, resourceStatus: seen });
      }
      // A batch that still sees the operation running saves a call, unless the wait is overdue and
      // another operation might now hold the service's status.
      if (polled.kind === 'status' && polled.status === 'OPERATION_IN_PROGRESS') {
        if (phaseOf(Date.now() - start, expected) !== 'overdue') continue;
      }
    }
    const op = await findOperation(env, req);
    if (op === 'gone') {
      // The service vanished: the end of a delete, a failure of anything else.
      if (kind === 'DELETE_SERVICE') return { id: req.operationId, type: kind, status: 'SUCCEEDED' };
      throw new OperationFailedError(req.operationId, kind, 'FAILED', 'the service no longer exists');
    }
    if (!op) continue;
    kind = waitKindOf(op.type);
    if (op.status !== last) {
      last = op.status;
      req.progress?.({
        status: op.status,
        operationId: req.operationId,
        message: `${op.type} ${op.status}`,
        ...(seen ? { resourceStatus: seen } : {}),
      });
    }
    switch (op.status) {
      case 'SUCCEEDED':
        if (req.startedNow !== false) env.durations.observe(kind, observedDuration(op.durationMs, polledAt));
        else if (op.durationMs !== undefined && op.durationMs >= 1000) env.durations.observe(kind, op.durationMs);
        return {
          id: req.operationId,
          type: op.type,
          status: 'SUCCEEDED',
          ...(op.endedAt ? { endedAt: op.endedAt } : {}),
        };
      case 'FAILED':
      case 'ROLLBACK_SUCCEEDED':
      case 'ROLLBACK_FAILED': {
        const svc = await serviceStatus(env, req.serviceArn);
        throw new OperationFailedError(req.operationId, op.type, op.status, failureReason(op.type, op.status, svc));
      }
      case 'PENDING':
      case 'IN_PROGRESS':
      case 'ROLLBACK_IN_PROGRESS':
        break;
    }
  }
}
