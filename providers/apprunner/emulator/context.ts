// What every handler receives: the account, the run-time settings, seeded randomness and the request's region.
import { type ClockSettings, drawDurationMs, type TimedAction } from './clock.js';
import type { RngStreams } from './rng.js';
import { type Account, emptyRegion, type RegionState } from './store.js';

/** Run-time settings; the admin API may change any of them while the emulator serves. */
export interface Settings extends ClockSettings {
  /** Probability (0..1) that a request fails with InternalServiceErrorException. */
  faultRate: number;
  /** Requests per second before ThrottlingException; 0 means unlimited. */
  throttleRps: number;
  /** New connections become AVAILABLE without an explicit handshake. */
  autoHandshake: boolean;
}

/** Account quotas; each is configurable because tests want to reach them cheaply. */
export interface Quotas {
  services: number;
  connections: number;
  autoScalingNames: number;
  autoScalingRevisions: number;
  observabilityNames: number;
  observabilityRevisions: number;
  vpcConnectors: number;
  customDomainsPerService: number;
}

/** The default quotas of a fresh AWS account. */
export const DEFAULT_QUOTAS: Readonly<Quotas> = {
  services: 30,
  connections: 10,
  autoScalingNames: 10,
  autoScalingRevisions: 5,
  observabilityNames: 10,
  observabilityRevisions: 5,
  vpcConnectors: 10,
  customDomainsPerService: 5,
};

/** The operations whose next occurrence can be made to fail through the admin API. */
export type FailureTarget =
  | 'CreateService'
  | 'UpdateService'
  | 'DeleteService'
  | 'CreateVpcIngressConnection'
  | 'UpdateVpcIngressConnection'
  | 'DeleteVpcIngressConnection';

/** Every failure target, for validating admin input and data files. */
export const FAILURE_TARGETS: readonly FailureTarget[] = [
  'CreateService',
  'UpdateService',
  'DeleteService',
  'CreateVpcIngressConnection',
  'UpdateVpcIngressConnection',
  'DeleteVpcIngressConnection',
];

/**
 * A failure waiting for its operation. `serviceName` names the target resource (the service, or the VPC ingress
 * connection for its operations); without it the failure hits the next such call on any resource.
 */
export interface ScheduledFailure {
  readonly operation: FailureTarget;
  readonly serviceName?: string;
  /** For UpdateService: the rollback that follows fails too (ROLLBACK_FAILED), and the new configuration stays. */
  readonly rollbackFails?: boolean;
}

/** Shared emulator state, one per running emulator. */
export interface Env {
  account: Account;
  readonly settings: Settings;
  readonly quotas: Quotas;
  readonly rng: RngStreams;
  failures: ScheduledFailure[];
  readonly now: () => number;
}

/** One API request's view: the environment, its region (from the signature) and a fixed `now`. */
export interface Ctx {
  readonly env: Env;
  readonly region: string;
  readonly rs: RegionState;
  readonly now: number;
}

/** Removes and reports a scheduled failure matching this call, if any. */
export function takeFailure(env: Env, operation: FailureTarget, name: string): boolean {
  return takeScheduledFailure(env, operation, name) !== undefined;
}

/** Removes and returns the scheduled failure matching this call, if any. */
export function takeScheduledFailure(env: Env, operation: FailureTarget, name: string): ScheduledFailure | undefined {
  const i = env.failures.findIndex(
    (f) => f.operation === operation && (f.serviceName === undefined || f.serviceName === name),
  );
  if (i < 0) return undefined;
  return env.failures.splice(i, 1)[0];
}

/** A duration for an action under the current settings, drawn from the jitter stream. */
export function duration(ctx: Ctx, action: TimedAction): number {
  return drawDurationMs(action, ctx.env.settings, ctx.env.rng.jitter);
}

/** The region's state, created on first use with its default auto scaling configuration. */
export function regionState(env: Env, region: string, init: (rs: RegionState, region: string) => void): RegionState {
  let rs = env.account.regions.get(region);
  if (!rs) {
    rs = emptyRegion();
    env.account.regions.set(region, rs);
    init(rs, region);
  }
  return rs;
}
