// apprunner_default_auto_scaling_configuration: which revision services get when they name none.
// There is always exactly one default, so deleting this resource hands the role back to the
// built-in DefaultConfiguration.
import {
  ListAutoScalingConfigurationsCommand,
  UpdateDefaultAutoScalingConfigurationCommand,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, ResourceType } from '../../provider.js';
import type { Runtime } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { latestRevision } from './auto-scaling.js';

/** The name of the configuration App Runner provides in every account. */
export const BUILT_IN_AUTO_SCALING_NAME = 'DefaultConfiguration';

async function currentDefault(rt: Runtime, signal: AbortSignal): Promise<string | undefined> {
  let token: string | undefined;
  do {
    const r = await rt.client.send(new ListAutoScalingConfigurationsCommand({ NextToken: token }), {
      abortSignal: signal,
    });
    const d = r.AutoScalingConfigurationSummaryList?.find((s) => s.IsDefault && s.Status === 'ACTIVE');
    if (d?.AutoScalingConfigurationArn) return d.AutoScalingConfigurationArn;
    token = r.NextToken;
  } while (token);
  return undefined;
}

/** Builds the apprunner_default_auto_scaling_configuration resource type. */
export function defaultAutoScalingResource(rt: Runtime): ResourceType {
  const schema = resourceSchemas().get('apprunner_default_auto_scaling_configuration');
  if (!schema) throw new Error('apprunner_default_auto_scaling_configuration schema missing');
  async function setDefault(arn: string, signal: AbortSignal): Promise<JsonObject> {
    await rt.client.send(new UpdateDefaultAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }), {
      abortSignal: signal,
    });
    return { auto_scaling_configuration_arn: arn };
  }
  async function current(signal: AbortSignal): Promise<JsonObject | undefined> {
    const arn = await currentDefault(rt, signal);
    return arn ? { auto_scaling_configuration_arn: arn } : undefined;
  }
  return {
    schema,
    identityArgs: [],
    normalizers: NORMALIZERS,
    async read(_req, ctx) {
      const attrs = await current(ctx.signal);
      return attrs ? { exists: true, attrs } : { exists: false };
    },
    async create({ args }, ctx) {
      return setDefault(String(args.auto_scaling_configuration_arn), ctx.signal);
    },
    async update({ args }, ctx) {
      return setDefault(String(args.auto_scaling_configuration_arn), ctx.signal);
    },
    async delete(_req, ctx) {
      const builtIn = await latestRevision(rt, BUILT_IN_AUTO_SCALING_NAME, ctx.signal);
      if (builtIn?.AutoScalingConfigurationArn) await setDefault(builtIn.AutoScalingConfigurationArn, ctx.signal);
    },
    async import(_req, ctx) {
      const attrs = await current(ctx.signal);
      if (!attrs) throw new Error('the account has no default auto scaling configuration');
      return attrs;
    },
    async findExisting(_req, ctx) {
      return current(ctx.signal);
    },
  };
}
