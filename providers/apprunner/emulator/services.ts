// Services: CreateService, DescribeService, UpdateService, Pause/Resume, StartDeployment, DeleteService, ListServices.
import { arn, resourceId } from './arn.js';
import { type Ctx, takeFailure, takeScheduledFailure } from './context.js';
import { fail } from './errors.js';
import { reqStr, tagList } from './input.js';
import type { JsonObject } from './json.js';
import { inFlight, liveServices, settleService } from './lifecycle.js';
import { startOperation } from './operations.js';
import { paginate } from './pagination.js';
import { configFromCreate, configFromUpdate, connectionNotReady } from './service-config.js';
import { getService, serviceSummary, serviceView } from './service-view.js';
import type { ServiceRecord, ServiceStatus } from './store.js';
import { applyTags } from './tags.js';
import { availableIngressFor } from './vpc-ingress.js';

/** A service that may take a new operation: it exists and none is running, else the matching error. */
function idle(ctx: Ctx, input: JsonObject): ServiceRecord {
  const svc = getService(ctx, reqStr(input, 'ServiceArn'));
  const op = inFlight(svc);
  if (op) {
    throw fail.state(`The service ${svc.name} has an operation in progress (${op.type} ${op.id}); wait for it to end.`);
  }
  return svc;
}

function requireStatus(svc: ServiceRecord, allowed: readonly ServiceStatus[], action: string): void {
  if (!allowed.includes(svc.status)) {
    throw fail.state(`The service ${svc.name} is ${svc.status}; ${action} needs it ${allowed.join(' or ')}.`);
  }
}

/** CreateService. */
export function createService(input: JsonObject, ctx: Ctx): JsonObject {
  const name = reqStr(input, 'ServiceName');
  const live = liveServices(ctx);
  if (live.some((s) => s.name === name)) throw fail.invalid(`A service named ${name} already exists.`);
  if (live.length >= ctx.env.quotas.services) {
    throw fail.quota(`You have reached the maximum of ${ctx.env.quotas.services} services.`);
  }
  const config = configFromCreate(ctx, input);
  const id = resourceId(ctx);
  const svc: ServiceRecord = {
    arn: arn(ctx, 'service', name, id),
    name,
    id,
    url: `${ctx.env.rng.ids.hex(10)}.${ctx.region}.awsapprunner.com`,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    status: 'OPERATION_IN_PROGRESS',
    config,
    operations: [],
    domains: [],
  };
  const failed = connectionNotReady(ctx, config.SourceConfiguration) || takeFailure(ctx.env, 'CreateService', name);
  const op = startOperation(ctx, svc, 'CREATE_SERVICE', failed ? 'fail' : 'succeed');
  ctx.rs.services.set(svc.arn, svc);
  applyTags(ctx, svc.arn, tagList(input));
  return { Service: serviceView(ctx, svc), OperationId: op.id };
}

/** DescribeService (DELETED services stay visible for a short while). */
export function describeService(input: JsonObject, ctx: Ctx): JsonObject {
  return { Service: serviceView(ctx, getService(ctx, reqStr(input, 'ServiceArn'), true)) };
}

/** UpdateService: the new configuration shows at once; a scheduled failure rolls it back at the end. */
export function updateService(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = idle(ctx, input);
  requireStatus(svc, ['RUNNING'], 'UpdateService');
  const next = configFromUpdate(ctx, svc.config, input);
  const failure = takeScheduledFailure(ctx.env, 'UpdateService', svc.name);
  svc.previous = svc.config;
  svc.config = next;
  const outcome = failure ? (failure.rollbackFails ? 'rollback-failed' : 'rollback') : 'succeed';
  const op = startOperation(ctx, svc, 'UPDATE_SERVICE', outcome);
  return { Service: serviceView(ctx, svc), OperationId: op.id };
}

/** PauseService, only from RUNNING. */
export function pauseService(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = idle(ctx, input);
  requireStatus(svc, ['RUNNING'], 'PauseService');
  const op = startOperation(ctx, svc, 'PAUSE_SERVICE', 'succeed');
  return { Service: serviceView(ctx, svc), OperationId: op.id };
}

/** ResumeService, only from PAUSED. */
export function resumeService(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = idle(ctx, input);
  requireStatus(svc, ['PAUSED'], 'ResumeService');
  const op = startOperation(ctx, svc, 'RESUME_SERVICE', 'succeed');
  return { Service: serviceView(ctx, svc), OperationId: op.id };
}

/** StartDeployment: redeploys the current source of a RUNNING service. */
export function startDeployment(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = idle(ctx, input);
  requireStatus(svc, ['RUNNING'], 'StartDeployment');
  return { OperationId: startOperation(ctx, svc, 'START_DEPLOYMENT', 'succeed').id };
}

/** DeleteService; refused while an AVAILABLE VPC ingress connection points at the service. */
export function deleteService(input: JsonObject, ctx: Ctx): JsonObject {
  const svc = idle(ctx, input);
  const ingress = availableIngressFor(ctx, svc.arn);
  if (ingress) {
    throw fail.invalid(
      `The service ${svc.name} has an AVAILABLE VPC ingress connection (${ingress.name}); delete it first.`,
    );
  }
  const failed = takeFailure(ctx.env, 'DeleteService', svc.name);
  const op = startOperation(ctx, svc, 'DELETE_SERVICE', failed ? 'fail' : 'succeed');
  return { Service: serviceView(ctx, svc), OperationId: op.id };
}

/** ListServices, oldest first, including DELETED services until they vanish. */
export function listServices(input: JsonObject, ctx: Ctx): JsonObject {
  const all = [...ctx.rs.services.values()].filter((s) => settleService(ctx, s));
  const page = paginate(all, input.MaxResults, input.NextToken);
  return { ServiceSummaryList: page.items.map(serviceSummary), NextToken: page.nextToken };
}
