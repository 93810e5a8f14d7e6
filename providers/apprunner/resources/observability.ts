// apprunner_observability_configuration: an immutable tracing revision; only tags change in place.
import {
  CreateObservabilityConfigurationCommand,
  DeleteObservabilityConfigurationCommand,
  DescribeObservabilityConfigurationCommand,
  ListObservabilityConfigurationsCommand,
  type ObservabilityConfiguration,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, ResourceType } from '../../provider.js';
import { tagsToApi } from '../convert.js';
import { priorString, type Runtime, readTags, updateTagsOnly } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { ignoreNotFound, isNotFound } from '../sdk.js';

async function describe(
  rt: Runtime,
  arn: string,
  signal: AbortSignal,
): Promise<ObservabilityConfiguration | undefined> {
  try {
    const r = await rt.client.send(
      new DescribeObservabilityConfigurationCommand({ ObservabilityConfigurationArn: arn }),
      { abortSignal: signal },
    );
    const c = r.ObservabilityConfiguration;
    return c?.Status === 'ACTIVE' ? c : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function attrsOf(rt: Runtime, c: ObservabilityConfiguration, signal: AbortSignal): Promise<JsonObject> {
  const arn = c.ObservabilityConfigurationArn ?? '';
  const attrs: JsonObject = {
    observability_configuration_name: c.ObservabilityConfigurationName ?? '',
    tags: await readTags(rt, arn, signal),
    arn,
    revision: c.ObservabilityConfigurationRevision ?? 0,
    latest: c.Latest ?? false,
    status: c.Status ?? '',
  };
  if (c.TraceConfiguration?.Vendor) attrs.trace_configuration = { vendor: c.TraceConfiguration.Vendor };
  return attrs;
}

/** Builds the apprunner_observability_configuration resource type. */
export function observabilityResource(rt: Runtime): ResourceType {
  const schema = resourceSchemas().get('apprunner_observability_configuration');
  if (!schema) throw new Error('apprunner_observability_configuration schema missing');
  async function mustRead(arn: string, signal: AbortSignal): Promise<JsonObject> {
    const c = await describe(rt, arn, signal);
    if (!c) throw new Error(`observability configuration ${arn} does not exist or is inactive`);
    return attrsOf(rt, c, signal);
  }
  async function latest(name: string, signal: AbortSignal): Promise<JsonObject | undefined> {
    let token: string | undefined;
    let best: { arn: string; rev: number } | undefined;
    do {
      const r = await rt.client.send(
        new ListObservabilityConfigurationsCommand({
          ObservabilityConfigurationName: name,
          LatestOnly: true,
          NextToken: token,
        }),
        { abortSignal: signal },
      );
      for (const s of r.ObservabilityConfigurationSummaryList ?? []) {
        const rev = s.ObservabilityConfigurationRevision ?? 0;
        if (s.ObservabilityConfigurationName === name && s.ObservabilityConfigurationArn && (!best || rev > best.rev)) {
          best = { arn: s.ObservabilityConfigurationArn, rev };
        }
      }
      token = r.NextToken;
    } while (token);
    const c = best ? await describe(rt, best.arn, signal) : undefined;
    return c ? attrsOf(rt, c, signal) : undefined;
  }
  return {
    schema,
    identityArgs: ['observability_configuration_name'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const c = await describe(rt, priorString(prior, 'arn'), ctx.signal);
      return c ? { exists: true, attrs: await attrsOf(rt, c, ctx.signal) } : { exists: false };
    },
    async create({ args }, ctx) {
      const tags = tagsToApi(args.tags);
      const trace = args.trace_configuration as { vendor?: string } | undefined;
      const r = await rt.client.send(
        new CreateObservabilityConfigurationCommand({
          ObservabilityConfigurationName: String(args.observability_configuration_name),
          ...(trace?.vendor ? { TraceConfiguration: { Vendor: trace.vendor as 'AWSXRAY' } } : {}),
          ...(tags.length ? { Tags: tags } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      if (!r.ObservabilityConfiguration) throw new Error('CreateObservabilityConfiguration returned nothing');
      return attrsOf(rt, r.ObservabilityConfiguration, ctx.signal);
    },
    update(req, ctx) {
      return updateTagsOnly(rt, 'observability revisions are immutable;', req, ctx.signal, mustRead);
    },
    async delete({ prior }, ctx) {
      await ignoreNotFound(
        rt.client.send(
          new DeleteObservabilityConfigurationCommand({ ObservabilityConfigurationArn: priorString(prior, 'arn') }),
          { abortSignal: ctx.signal },
        ),
      );
    },
    async import({ id }, ctx) {
      return mustRead(id, ctx.signal);
    },
    async findExisting({ args }, ctx) {
      const name = args.observability_configuration_name;
      return typeof name === 'string' ? latest(name, ctx.signal) : undefined;
    },
  };
}
