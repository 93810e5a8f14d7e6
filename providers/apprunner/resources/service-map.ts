// apprunner_service ↔ CreateService/UpdateService/Service: which arguments go where, how a
// described service reads back as attributes, and how sensitive values are kept out of errors.
import type { Service } from '@aws-sdk/client-apprunner';
import type { JsonObject, JsonSchema, JsonValue } from '../../provider.js';
import { argsFromApi, argsToApi, tagsToApi } from '../convert.js';
import { isRecord } from '../sdk.js';

/** Top-level arguments that UpdateService accepts, each sent in full when it changed. */
export const UPDATABLE_BLOCKS = [
  'source_configuration',
  'instance_configuration',
  'health_check_configuration',
  'auto_scaling_configuration_arn',
  'network_configuration',
  'observability_configuration',
] as const;

/** Arguments handled by calls other than Create/UpdateService. */
const NOT_SENT = ['tags', 'paused'];

/** The CreateService input for `args` (less ServiceName typing, which the caller checks). */
export function createInput(schema: JsonSchema, args: JsonObject): Record<string, unknown> {
  const input = argsToApi(schema, args, Object.keys(args), NOT_SENT);
  const tags = tagsToApi(args.tags);
  if (tags.length) input.Tags = tags;
  return input;
}

/** The UpdateService members for the changed blocks; a removed observability block turns it off. */
export function updateInput(schema: JsonSchema, args: JsonObject, changed: readonly string[]): Record<string, unknown> {
  const blocks = UPDATABLE_BLOCKS.filter((b) => changed.includes(b));
  const input = argsToApi(schema, args, blocks, NOT_SENT);
  if (blocks.includes('observability_configuration') && args.observability_configuration == null) {
    input.ObservabilityConfiguration = { ObservabilityEnabled: false };
  }
  return input;
}

/** The attributes of a described service. */
export function serviceAttrs(schema: JsonSchema, svc: Service, tags: JsonObject): JsonObject {
  const attrs = argsFromApi(schema, svc, NOT_SENT);
  const asArn = svc.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn;
  if (asArn) attrs.auto_scaling_configuration_arn = asArn;
  attrs.tags = tags;
  attrs.paused = svc.Status === 'PAUSED';
  attrs.arn = svc.ServiceArn ?? '';
  attrs.service_id = svc.ServiceId ?? '';
  attrs.service_url = svc.ServiceUrl ?? '';
  attrs.status = svc.Status ?? '';
  attrs.updated_at = svc.UpdatedAt ? svc.UpdatedAt.toISOString() : '';
  return attrs;
}

function collectEnvValues(v: JsonValue | undefined, out: string[]): void {
  if (!isRecord(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'runtime_environment_variables' && isRecord(x)) {
      for (const s of Object.values(x)) if (typeof s === 'string' && s.length >= 3) out.push(s);
    } else collectEnvValues(x as JsonValue, out);
  }
}

/** The sensitive values of a service's arguments: the runtime environment variable values. */
export function sensitiveValues(args: JsonObject): string[] {
  const out: string[] = [];
  collectEnvValues(args.source_configuration, out);
  return out.sort((a, b) => b.length - a.length);
}

/** Rewrites an error's message so that none of `secrets` appears in it; other errors pass. */
export function scrub(e: unknown, secrets: readonly string[]): unknown {
  if (!(e instanceof Error) || secrets.length === 0) return e;
  let message = e.message;
  for (const s of secrets) message = message.split(s).join('(sensitive value)');
  if (message === e.message) return e;
  const clean = new Error(message);
  clean.name = e.name;
  return clean;
}
