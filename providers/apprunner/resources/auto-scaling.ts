// apprunner_auto_scaling_configuration: one immutable revision of a named configuration. Only tags
// change in place; anything else is a replacement the engine runs create-before-destroy.
import {
  type AutoScalingConfiguration,
  CreateAutoScalingConfigurationCommand,
  DeleteAutoScalingConfigurationCommand,
  DescribeAutoScalingConfigurationCommand,
  ListAutoScalingConfigurationsCommand,
  ListServicesForAutoScalingConfigurationCommand,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, ResourceSchema, ResourceType } from '../../provider.js';
import { tagsFromApi, tagsToApi } from '../convert.js';
import { RevisionInUseError } from '../errors.js';
import { priorString, type Runtime, readTags, updateTagsOnly } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { errorName, isNotFound } from '../sdk.js';

/** The schema of apprunner_auto_scaling_configuration. */
export function autoScalingSchema(): ResourceSchema {
  const s = resourceSchemas().get('apprunner_auto_scaling_configuration');
  if (!s) throw new Error('apprunner_auto_scaling_configuration schema missing');
  return s;
}

/** The service name inside a service ARN (`…:service/NAME/ID`). */
export function serviceNameOf(arn: string): string {
  return /:service\/([^/]+)\//.exec(arn)?.[1] ?? arn;
}

async function describe(rt: Runtime, arn: string, signal: AbortSignal): Promise<AutoScalingConfiguration | undefined> {
  try {
    const r = await rt.client.send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), {
      abortSignal: signal,
    });
    const c = r.AutoScalingConfiguration;
    return c && c.Status === 'ACTIVE' ? c : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The attributes of an auto scaling revision, tags included (read unless the caller knows them). */
export async function autoScalingAttributes(
  rt: Runtime,
  c: AutoScalingConfiguration,
  signal: AbortSignal,
  knownTags?: JsonObject,
): Promise<JsonObject> {
  const arn = c.AutoScalingConfigurationArn ?? '';
  return {
    auto_scaling_configuration_name: c.AutoScalingConfigurationName ?? '',
    max_concurrency: c.MaxConcurrency ?? 100,
    min_size: c.MinSize ?? 1,
    max_size: c.MaxSize ?? 25,
    tags: knownTags ?? (await readTags(rt, arn, signal)),
    arn,
    revision: c.AutoScalingConfigurationRevision ?? 0,
    latest: c.Latest ?? false,
    is_default: c.IsDefault ?? false,
    has_associated_service: c.HasAssociatedService ?? false,
    status: c.Status ?? '',
  };
}

/** The names of the services that use a revision. */
export async function servicesUsing(rt: Runtime, arn: string, signal: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const r = await rt.client.send(
      new ListServicesForAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn, NextToken: token }),
      { abortSignal: signal },
    );
    for (const s of r.ServiceArnList ?? []) names.push(serviceNameOf(s));
    token = r.NextToken;
  } while (token);
  return names;
}

/** The newest active revision of a name, if any. */
export async function latestRevision(
  rt: Runtime,
  name: string,
  signal: AbortSignal,
): Promise<AutoScalingConfiguration | undefined> {
  let token: string | undefined;
  let best: { arn: string; revision: number } | undefined;
  do {
    const r = await rt.client.send(
      new ListAutoScalingConfigurationsCommand({
        AutoScalingConfigurationName: name,
        LatestOnly: true,
        NextToken: token,
      }),
      { abortSignal: signal },
    );
    for (const s of r.AutoScalingConfigurationSummaryList ?? []) {
      const rev = s.AutoScalingConfigurationRevision ?? 0;
      if (s.AutoScalingConfigurationName !== name || s.Status !== 'ACTIVE' || !s.AutoScalingConfigurationArn) continue;
      if (!best || rev > best.revision) best = { arn: s.AutoScalingConfigurationArn, revision: rev };
    }
    token = r.NextToken;
  } while (token);
  return best ? describe(rt, best.arn, signal) : undefined;
}

/** Builds the apprunner_auto_scaling_configuration resource type. */
export function autoScalingResource(rt: Runtime): ResourceType {
  const schema = autoScalingSchema();
  async function mustRead(arn: string, signal: AbortSignal): Promise<JsonObject> {
    const c = await describe(rt, arn, signal);
    if (!c) throw new Error(`auto scaling configuration ${arn} does not exist or is inactive`);
    return autoScalingAttributes(rt, c, signal);
  }
  return {
    schema,
    identityArgs: ['auto_scaling_configuration_name'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const c = await describe(rt, priorString(prior, 'arn'), ctx.signal);
      return c ? { exists: true, attrs: await autoScalingAttributes(rt, c, ctx.signal) } : { exists: false };
    },
    async create({ args }, ctx) {
      const tags = tagsToApi(args.tags);
      const num = (k: string) => (typeof args[k] === 'number' ? (args[k] as number) : undefined);
      const r = await rt.client.send(
        new CreateAutoScalingConfigurationCommand({
          AutoScalingConfigurationName: String(args.auto_scaling_configuration_name),
          MaxConcurrency: num('max_concurrency'),
          MinSize: num('min_size'),
          MaxSize: num('max_size'),
          ...(tags.length ? { Tags: tags } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      const c = r.AutoScalingConfiguration;
      if (!c?.AutoScalingConfigurationArn) throw new Error('CreateAutoScalingConfiguration returned no ARN');
      // A new revision carries exactly the tags it was created with: no need to ask for them.
      return autoScalingAttributes(rt, c, ctx.signal, tagsFromApi(tags));
    },
    update(req, ctx) {
      return updateTagsOnly(rt, 'auto scaling revisions are immutable;', req, ctx.signal, mustRead);
    },
    async delete({ prior }, ctx) {
      const arn = priorString(prior, 'arn');
      try {
        await rt.client.send(new DeleteAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), {
          abortSignal: ctx.signal,
        });
      } catch (e) {
        if (isNotFound(e)) return;
        if (errorName(e) === 'InvalidRequestException' || errorName(e) === 'InvalidStateException') {
          const users = await servicesUsing(rt, arn, ctx.signal);
          if (users.length) throw new RevisionInUseError(arn, users, { cause: e });
        }
        throw e;
      }
    },
    async import({ id }, ctx) {
      if (!id.startsWith('arn:')) throw new Error(`import apprunner_auto_scaling_configuration by its ARN; got ${id}`);
      return mustRead(id, ctx.signal);
    },
    async findExisting({ args }, ctx) {
      const name = args.auto_scaling_configuration_name;
      if (typeof name !== 'string') return undefined;
      const c = await latestRevision(rt, name, ctx.signal);
      return c ? autoScalingAttributes(rt, c, ctx.signal) : undefined;
    },
  };
}
