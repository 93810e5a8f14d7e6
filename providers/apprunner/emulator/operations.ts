// Service operations: starting one, and ListOperations (newest first).
import { uuid } from './arn.js';
import type { TimedAction } from './clock.js';
import { type Ctx, duration } from './context.js';
import { reqStr } from './input.js';
import { epochSeconds, type JsonObject } from './json.js';
import { endOf, operationStatus } from './lifecycle.js';
import { paginate } from './pagination.js';
import { getService } from './service-view.js';
import type { OperationOutcome, OperationRecord, OperationType, ServiceRecord } from './store.js';

/** The timed action whose duration each operation type takes. */
const ACTION: Record<OperationType, TimedAction> = {
  CREATE_SERVICE: 'CreateService',
  UPDATE_SERVICE: 'UpdateService',
  START_DEPLOYMENT: 'StartDeployment',
  PAUSE_SERVICE: 'PauseService',
  RESUME_SERVICE: 'ResumeService',
  DELETE_SERVICE: 'DeleteService',
};

/** Starts an operation on a service, leaving it OPERATION_IN_PROGRESS until the operation ends. */
export function startOperation(
  ctx: Ctx,
  svc: ServiceRecord,
  type: OperationType,
  outcome: OperationOutcome,
): OperationRecord {
  const op: OperationRecord = {
    id: uuid(ctx),
    type,
    targetArn: svc.arn,
    startedAt: ctx.now,
    durationMs: duration(ctx, ACTION[type]),
    outcome,
  };
  svc.operations.push(op);
  svc.status = 'OPERATION_IN_PROGRESS';
  svc.updatedAt = ctx.now;
  return op;
}

/** The OperationSummary structure at `now`. */
export function operationView(op: OperationRecord, now: number): JsonObject {
  const done = now >= endOf(op);
  return {
    Id: op.id,
    Type: op.type,
    Status: operationStatus(op, now),
    TargetArn: op.targetArn,
    StartedAt: epochSeconds(op.startedAt),
    EndedAt: done ? epochSeconds(endOf(op)) : undefined,
    UpdatedAt: epochSeconds(done ? endOf(op) : now),
  };
}

/** ListOperations, newest first. */
export function listOperations(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = getService(ctx, reqStr(input, 'ServiceArn'), true);
  const newestFirst = [...svc.operations].reverse();
  const page = paginate(newestFirst, input.MaxResults, input.NextToken);
  return { OperationSummaryList: page.items.map((op) => operationView(op, ctx.now)), NextToken: page.nextToken };
}
