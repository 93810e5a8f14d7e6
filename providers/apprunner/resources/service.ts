// apprunner_service: CreateService/UpdateService/DeleteService, each followed to the end of its
// operation; tags and pause state through their own calls so UpdateService is never sent empty.
import {
  CreateServiceCommand,
  type CreateServiceCommandOutput,
  DeleteServiceCommand,
  type DeleteServiceCommandOutput,
  DescribeServiceCommand,
  ListServicesCommand,
  PauseServiceCommand,
  ResumeServiceCommand,
  type Service,
  type ServiceSummary,
  UpdateServiceCommand,
  type UpdateServiceCommandOutput,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, OpContext, ResourceSchema, ResourceType } from '../../provider.js';
import { tagsFromApi } from '../convert.js';
import { CreateFailedError, OperationFailedError } from '../errors.js';
import { applyTags, priorString, type Runtime, readTags, timeoutFor } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { isNotFound, isRecord } from '../sdk.js';
import { operationStart, type WaitKind, waitForOperation } from '../wait/index.js';
import { whenIdle } from './busy.js';
import { ensureConnectionAvailable } from './connection.js';
import { pendingHandshakeWarnings } from './connection-check.js';
import { createInput, scrub, sensitiveValues, serviceAttrs, UPDATABLE_BLOCKS, updateInput } from './service-map.js';

/** The schema of apprunner_service. */
export function serviceSchema(): ResourceSchema {
  const s = resourceSchemas().get('apprunner_service');
  if (!s) throw new Error('apprunner_service schema missing');
  return s;
}

/** The service at `arn`, or undefined when it does not exist or is DELETED. */
export async function describeService(rt: Runtime, arn: string, signal: AbortSignal): Promise<Service | undefined> {
  try {
    const r = await rt.client.send(new DescribeServiceCommand({ ServiceArn: arn }), { abortSignal: signal });
    return r.Service?.Status === 'DELETED' ? undefined : r.Service;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The attributes of a described service, tags included (read unless the caller knows them). */
export async function serviceAttributes(
  rt: Runtime,
  schema: ResourceSchema,
  svc: Service,
  signal: AbortSignal,
  knownTags?: JsonObject,
): Promise<JsonObject> {
  const tags = knownTags ?? (await readTags(rt, svc.ServiceArn ?? '', signal));
  return serviceAttrs(schema.args, svc, tags);
}

/** True when a listed service has the update time and status the state recorded for it. */
export function unchangedSince(prior: JsonObject, summary: ServiceSummary): boolean {
  const recorded = prior.updated_at;
  return (
    typeof recorded === 'string' &&
    recorded !== '' &&
    summary.UpdatedAt?.toISOString() === recorded &&
    summary.Status === prior.status
  );
}

/** Builds the apprunner_service resource type over one provider's runtime. */
export function serviceResource(rt: Runtime): ResourceType {
  const schema = serviceSchema();

  async function follow(
    arn: string,
    operationId: string | undefined,
    kind: WaitKind,
    ctx: OpContext,
    timeoutMs: number,
    startedAt?: number,
    budgetMs?: number,
  ) {
    if (!operationId) throw new Error(`App Runner returned no operation ID for ${kind} on ${arn}`);
    ctx.progress({ status: 'PENDING', operationId, message: `${kind} started` });
    return waitForOperation(rt, {
      serviceArn: arn,
      operationId,
      kind,
      timeoutMs,
      signal: ctx.signal,
      progress: ctx.progress,
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(budgetMs !== undefined ? { budgetMs } : {}),
    });
  }

  async function setPaused(arn: string, paused: boolean, ctx: OpContext, deadline: number): Promise<void> {
    const signal = ctx.signal;
    const r = await whenIdle(rt, { serviceArn: arn, deadline, signal, log: (m) => ctx.log.info(m) }, () =>
      paused
        ? rt.client.send(new PauseServiceCommand({ ServiceArn: arn }), { abortSignal: signal })
        : rt.client.send(new ResumeServiceCommand({ ServiceArn: arn }), { abortSignal: signal }),
    );
    await follow(arn, r.OperationId, paused ? 'PAUSE_SERVICE' : 'RESUME_SERVICE', ctx, deadline - Date.now());
  }

  async function mustRead(arn: string, signal: AbortSignal, knownTags?: JsonObject): Promise<JsonObject> {
    const svc = await describeService(rt, arn, signal);
    if (!svc) throw new Error(`service ${arn} does not exist`);
    return serviceAttributes(rt, schema, svc, signal, knownTags);
  }

  return {
    schema,
    identityArgs: ['service_name'],
    normalizers: NORMALIZERS,

    read({ prior }, ctx) {
      const arn = priorString(prior, 'arn');
      return rt.listing.read(arn, ctx.signal, async (listed) => {
        if (listed?.kind === 'listed' && listed.summary.Status === 'DELETED') return { exists: false };
        if (listed?.kind === 'listed' && unchangedSince(prior, listed.summary)) {
          // Every change but a tag change moves the service's update time: only the tags need asking.
          return { exists: true, attrs: { ...prior, tags: await readTags(rt, arn, ctx.signal) } };
        }
        const svc = await describeService(rt, arn, ctx.signal);
        if (!svc) return { exists: false };
        return { exists: true, attrs: await serviceAttributes(rt, schema, svc, ctx.signal) };
      });
    },

    async create({ args }, ctx) {
      const timeout = timeoutFor(rt, ctx, schema, 'create');
      const deadline = Date.now() + timeout;
      const secrets = sensitiveValues(args);
      const auth = isRecord(args.source_configuration)
        ? args.source_configuration.authentication_configuration
        : undefined;
      if (isRecord(auth) && typeof auth.connection_arn === 'string') {
        await ensureConnectionAvailable(rt.client, auth.connection_arn, ctx.signal);
      }
      const input = createInput(schema.args, args);
      let created: CreateServiceCommandOutput;
      const sentAt = Date.now();
      try {
        created = await rt.client.send(new CreateServiceCommand(input as unknown as CreateServiceCommand['input']), {
          abortSignal: ctx.signal,
        });
      } catch (e) {
        throw scrub(e, secrets);
      }
      // The create's operation began when App Runner stamped the new service, which may be well
      // before its answer is read when many calls share a busy event loop.
      const startedAt = operationStart(sentAt, Date.now(), created.Service?.CreatedAt);
      const arn = created.Service?.ServiceArn;
      if (!arn) throw new Error('CreateService returned no service ARN');
      ctx.log.info('service created, waiting until it runs', { arn });
      let outcome: Awaited<ReturnType<typeof follow>>;
      try {
        outcome = await follow(arn, created.OperationId, 'CREATE_SERVICE', ctx, timeout, startedAt);
      } catch (e) {
        if (e instanceof OperationFailedError) {
          throw new CreateFailedError(arn, `creating service ${String(args.service_name)} failed: ${e.message}`, {
            cause: e,
          });
        }
        throw e;
      }
      // A new service carries exactly the tags CreateService was given: no need to ask for them.
      const tags = tagsFromApi(input.Tags);
      if (args.paused === true) {
        await setPaused(arn, true, ctx, deadline);
        return mustRead(arn, ctx.signal, tags);
      }
      // CreateService answered with the whole service; the create's success leaves it RUNNING,
      // last updated when the operation ended. Describing it again would only repeat that, one
      // call later, between the end of the create and whatever waits for it.
      if (outcome.endedAt) {
        const svc: Service = {
          ...created.Service,
          ServiceArn: arn,
          Status: 'RUNNING',
          UpdatedAt: outcome.endedAt,
        } as Service;
        return serviceAttributes(rt, schema, svc, ctx.signal, tags);
      }
      return mustRead(arn, ctx.signal, tags);
    },

    async update({ args, prior, changed }, ctx) {
      const arn = priorString(prior, 'arn');
      const budget = timeoutFor(rt, ctx, schema, 'update');
      const deadline = Date.now() + budget;
      const secrets = sensitiveValues(args);
      const wasPaused = prior.paused === true;
      const wantPaused = args.paused === true;
      const reconfigure = UPDATABLE_BLOCKS.some((b) => changed.includes(b));
      // App Runner updates only a RUNNING service, so a service that stays paused is resumed for the
      // update and paused again after it.
      if (wasPaused && (!wantPaused || reconfigure)) await setPaused(arn, false, ctx, deadline);
      if (reconfigure) {
        const input = { ServiceArn: arn, ...updateInput(schema.args, args, changed) };
        let r: UpdateServiceCommandOutput;
        try {
          r = await whenIdle(rt, { serviceArn: arn, deadline, signal: ctx.signal, log: (m) => ctx.log.info(m) }, () =>
            rt.client.send(new UpdateServiceCommand(input as unknown as UpdateServiceCommand['input']), {
              abortSignal: ctx.signal,
            }),
          );
        } catch (e) {
          throw scrub(e, secrets);
        }
        await follow(arn, r.OperationId, 'UPDATE_SERVICE', ctx, deadline - Date.now(), undefined, budget);
      }
      if (changed.includes('tags')) await applyTags(rt, arn, prior.tags, args.tags, ctx.signal);
      if (wantPaused && (!wasPaused || reconfigure)) await setPaused(arn, true, ctx, deadline);
      return mustRead(arn, ctx.signal);
    },

    async delete({ prior }, ctx) {
      const arn = priorString(prior, 'arn');
      const budget = timeoutFor(rt, ctx, schema, 'delete');
      const deadline = Date.now() + budget;
      let r: DeleteServiceCommandOutput;
      try {
        r = await whenIdle(rt, { serviceArn: arn, deadline, signal: ctx.signal, log: (m) => ctx.log.info(m) }, () =>
          rt.client.send(new DeleteServiceCommand({ ServiceArn: arn }), { abortSignal: ctx.signal }),
        );
      } catch (e) {
        if (isNotFound(e)) return;
        throw e;
      }
      await follow(arn, r.OperationId, 'DELETE_SERVICE', ctx, deadline - Date.now(), undefined, budget);
    },

    checkPlanned({ args }, ctx) {
      return pendingHandshakeWarnings(rt.client, args, ctx.signal);
    },

    async import({ id }, ctx) {
      if (!id.startsWith('arn:')) throw new Error(`import apprunner_service by its ARN; got ${id}`);
      return mustRead(id, ctx.signal);
    },

    async findExisting({ args }, ctx) {
      const name = args.service_name;
      if (typeof name !== 'string') return undefined;
      let token: string | undefined;
      do {
        const r = await rt.client.send(new ListServicesCommand({ NextToken: token, MaxResults: 20 }), {
          abortSignal: ctx.signal,
        });
        for (const s of r.ServiceSummaryList ?? []) {
          if (s.ServiceName !== name || s.Status === 'DELETED' || !s.ServiceArn) continue;
          const svc = await describeService(rt, s.ServiceArn, ctx.signal);
          if (svc) return serviceAttributes(rt, schema, svc, ctx.signal);
        }
        token = r.NextToken;
      } while (token);
      return undefined;
    },
  };
}
