// Latency profiles and the duration table: how long each asynchronous App Runner action takes.
import type { Rng } from './rng.js';

/** The latency profiles: everything done by the next read, tens of milliseconds, or AWS-like minutes. */
export type LatencyProfile = 'instant' | 'fast' | 'realistic';

/** The actions that take time to settle. */
export type TimedAction =
  | 'CreateService'
  | 'UpdateService'
  | 'StartDeployment'
  | 'PauseService'
  | 'ResumeService'
  | 'DeleteService'
  | 'AssociateCustomDomain'
  | 'DisassociateCustomDomain'
  | 'CreateVpcIngressConnection'
  | 'UpdateVpcIngressConnection'
  | 'DeleteVpcIngressConnection';

/** Durations of the `realistic` profile in seconds, before `timeScale`; benchmarks derive lower bounds from it. */
export const REALISTIC_DURATIONS_SECONDS: Readonly<Record<TimedAction, number>> = {
  CreateService: 240,
  UpdateService: 300,
  StartDeployment: 300,
  PauseService: 180,
  ResumeService: 180,
  DeleteService: 120,
  AssociateCustomDomain: 60,
  DisassociateCustomDomain: 30,
  CreateVpcIngressConnection: 60,
  UpdateVpcIngressConnection: 60,
  DeleteVpcIngressConnection: 60,
};

/** The `fast` profile divides realistic seconds by this to get milliseconds: 240 s → 160 ms, 30 s → 20 ms. */
export const FAST_DIVISOR = 1.5;

/** How long a deleted service stays visible as DELETED, in realistic seconds. */
export const DELETED_RETENTION_SECONDS = 600;

/** The clock settings, all changeable at run time through the admin API. */
export interface ClockSettings {
  latency: LatencyProfile;
  /** Divides every realistic duration (600 turns a 240 s create into 0.4 s). */
  timeScale: number;
  /** Random spread of every duration, 0..1 (0.2 means ±20%); 0 keeps the table exact. */
  jitter: number;
}

/** The nominal (jitter-free) duration of an action under a profile, in milliseconds. */
export function nominalDurationMs(action: TimedAction, s: Pick<ClockSettings, 'latency' | 'timeScale'>): number {
  return scaled(REALISTIC_DURATIONS_SECONDS[action], s);
}

function scaled(realisticSeconds: number, s: Pick<ClockSettings, 'latency' | 'timeScale'>): number {
  switch (s.latency) {
    case 'instant':
      return 0;
    case 'fast':
      return realisticSeconds / FAST_DIVISOR;
    case 'realistic':
      return (realisticSeconds * 1000) / Math.max(s.timeScale, Number.MIN_VALUE);
  }
}

/** The duration one occurrence of an action gets: nominal, spread by jitter from the seeded stream. */
export function drawDurationMs(action: TimedAction, s: ClockSettings, rng: Rng): number {
  const nominal = nominalDurationMs(action, s);
  if (s.jitter <= 0 || nominal === 0) return nominal;
  return Math.max(0, nominal * (1 + s.jitter * (2 * rng.next() - 1)));
}

/** How long DELETED services remain listed before they vanish, in milliseconds. */
export function deletedRetentionMs(s: ClockSettings): number {
  return scaled(DELETED_RETENTION_SECONDS, s);
}

/** The share of an operation's duration spent in PENDING before it reports IN_PROGRESS. */
export const PENDING_SHARE = 0.1;
