// ARNs and identifiers in App Runner's real formats.
import type { Ctx } from './context.js';

/** The resource kinds that have ARNs. */
export type ArnKind =
  | 'service'
  | 'autoscalingconfiguration'
  | 'observabilityconfiguration'
  | 'vpcconnector'
  | 'vpcingressconnection'
  | 'connection';

/** `arn:aws:apprunner:<region>:<account>:<kind>/<path...>`. */
export function arn(ctx: Ctx, kind: ArnKind, ...path: (string | number)[]): string {
  return `arn:aws:apprunner:${ctx.region}:${ctx.env.account.accountId}:${kind}/${path.join('/')}`;
}

/** A 32-hex-digit resource id, as App Runner gives services and revisions. */
export function resourceId(ctx: Ctx): string {
  return ctx.env.rng.ids.hex(32);
}

/** A random UUID for operation ids. */
export function uuid(ctx: Ctx): string {
  return ctx.env.rng.ids.uuid();
}

/** The region named in an ARN, or undefined when the ARN is not App Runner's. */
export function arnRegion(value: string): string | undefined {
  const parts = value.split(':');
  return parts.length >= 6 && parts[2] === 'apprunner' ? parts[3] : undefined;
}
