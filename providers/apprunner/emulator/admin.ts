// The admin surface: the same operations as a TypeScript handle and as JSON over HTTP under /_emulator/.
import { arnRegion } from './arn.js';
import type { LatencyProfile } from './clock.js';
import { handshake } from './connections.js';
import { FAILURE_TARGETS, type Quotas, type ScheduledFailure, type Settings } from './context.js';
import { validateDomain } from './custom-domains.js';
import type { Emulator, RecordedCall, Stats } from './emulator.js';
import { ApiError } from './errors.js';
import { isObject } from './json.js';

/** Settings the admin API may change at run time. */
export type SettingsPatch = Partial<Settings>;

/** The programmatic admin handle that startEmulator returns. */
export interface AdminHandle {
  /** Forgets every resource and scheduled failure. */
  reset(): void;
  /** Completes a connection's handshake: PENDING_HANDSHAKE → AVAILABLE. */
  handshakeConnection(connectionArn: string): void;
  /** Marks a custom domain's DNS as validated: PENDING_CERTIFICATE_DNS_VALIDATION → ACTIVE. */
  validateDomain(serviceArn: string, domainName: string): void;
  /** Makes the next matching CreateService fail, UpdateService roll back, DeleteService fail, or a VPC ingress operation end FAILED_*. */
  scheduleFailure(failure: ScheduledFailure): void;
  /** Failures still waiting for their operation. */
  scheduledFailures(): ScheduledFailure[];
  /** The current run-time settings. */
  settings(): Settings;
  /** Changes latency, time scale, jitter, faults, throttle or auto-handshake; returns the new settings. */
  configure(patch: SettingsPatch): Settings;
  /**
   * Moves the emulated clock forward, completing whatever would have completed meanwhile; by at most
   * MAX_CLOCK_ADVANCE_MS at a time and MAX_CLOCK_OFFSET_MS in all.
   */
  advanceClock(ms: number): void;
  /** The account quotas in force. */
  quotas(): Quotas;
  /** Changes account quotas at run time (e.g. to reach a limit cheaply in a test); returns the new quotas. */
  setQuotas(patch: Partial<Quotas>): Quotas;
  /** A copy of the request counters. */
  stats(): Stats;
  /** Zeroes the request counters (and empties the call journal). */
  resetStats(): void;
  /** Every API call since the start or the last resetStats, in order; empty unless started with recordCalls. */
  calls(): RecordedCall[];
}

const PROFILES: readonly LatencyProfile[] = ['instant', 'fast', 'realistic'];
const FAILURES = FAILURE_TARGETS;

function bad(message: string): ApiError {
  return new ApiError('InvalidRequestException', message);
}

/** The largest single clock advance: 10 years (of 365.25 days) in milliseconds. */
export const MAX_CLOCK_ADVANCE_MS = 10 * 365.25 * 24 * 3600 * 1000;
/** How far in all the emulated clock may run ahead of real time: 100 years, well inside what a Date can hold. */
export const MAX_CLOCK_OFFSET_MS = 10 * MAX_CLOCK_ADVANCE_MS;
/** The largest account quota the admin API accepts. */
export const MAX_QUOTA = 1_000_000;
/** The largest time scale and throttle rate the admin API accepts. */
const MAX_RATE = 1e9;

/** Refuses a body that is not a JSON object or that has a member outside `known`; returns the object. */
function members(body: unknown, route: string, known: readonly string[]): Record<string, unknown> {
  if (!isObject(body)) throw bad(`The body of ${route} must be a JSON object.`);
  for (const k of Object.keys(body)) {
    if (!known.includes(k)) {
      throw bad(
        known.length === 0
          ? `Unknown member ${k}: ${route} takes no members.`
          : `Unknown member ${k} in the body of ${route}; known: ${known.join(', ')}.`,
      );
    }
  }
  return body;
}

function regionOf(arn: string): string {
  const r = arnRegion(arn);
  if (!r) throw bad(`${arn} is not an App Runner ARN.`);
  return r;
}

/** The members a settings patch may have. */
const SETTINGS: readonly (keyof Settings)[] = [
  'latency',
  'timeScale',
  'jitter',
  'faultRate',
  'throttleRps',
  'autoHandshake',
];

/** Checks a settings patch from untyped JSON: known members only, each of the right type and range. */
export function parseSettingsPatch(v: unknown): SettingsPatch {
  if (!isObject(v)) throw bad('The settings must be a JSON object.');
  members(v, 'POST /settings', SETTINGS);
  const out: SettingsPatch = {};
  const number = (k: string, min: number, max: number): number | undefined => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'number' || !(x >= min && x <= max)) throw bad(`${k} must be a number in [${min}, ${max}].`);
    return x;
  };
  if (v.latency !== undefined) {
    const latency = PROFILES.find((p) => p === v.latency);
    if (!latency) throw bad(`latency must be one of ${PROFILES.join(', ')}.`);
    out.latency = latency;
  }
  if (v.timeScale !== undefined) {
    const x = v.timeScale;
    if (typeof x !== 'number' || !(x > 0 && x <= MAX_RATE))
      throw bad(`timeScale must be a number in (0, ${MAX_RATE}].`);
    out.timeScale = x;
  }
  const jitter = number('jitter', 0, 1);
  if (jitter !== undefined) out.jitter = jitter;
  const faultRate = number('faultRate', 0, 1);
  if (faultRate !== undefined) out.faultRate = faultRate;
  const throttleRps = number('throttleRps', 0, MAX_RATE);
  if (throttleRps !== undefined) out.throttleRps = throttleRps;
  if (v.autoHandshake !== undefined) {
    if (typeof v.autoHandshake !== 'boolean') throw bad('autoHandshake must be a boolean.');
    out.autoHandshake = v.autoHandshake;
  }
  return out;
}

/** Checks a quotas patch from untyped JSON: known names, integers in [0, MAX_QUOTA]. */
export function parseQuotasPatch(v: unknown, known: Quotas): Partial<Quotas> {
  if (!isObject(v)) throw bad('The quotas must be a JSON object.');
  const out: Partial<Quotas> = {};
  for (const [k, x] of Object.entries(v)) {
    const name = (Object.keys(known) as (keyof Quotas)[]).find((q) => q === k);
    if (!name) throw bad(`Unknown quota ${k}; known: ${Object.keys(known).join(', ')}.`);
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_QUOTA) {
      throw bad(`${k} must be an integer in [0, ${MAX_QUOTA}].`);
    }
    out[name] = x;
  }
  return out;
}

/** Builds the admin handle over an emulator. */
export function createAdmin(em: Emulator): AdminHandle {
  const admin: AdminHandle = {
    reset: () => em.reset(),
    handshakeConnection(connectionArn) {
      handshake(em.ctx(regionOf(connectionArn)).rs, connectionArn);
      em.persist();
    },
    validateDomain(serviceArn, domainName) {
      validateDomain(em.ctx(regionOf(serviceArn)), serviceArn, domainName);
      em.persist();
    },
    scheduleFailure(failure) {
      if (!FAILURES.includes(failure.operation)) throw bad(`operation must be one of ${FAILURES.join(', ')}.`);
      if (failure.rollbackFails && failure.operation !== 'UpdateService') {
        throw bad('RollbackFails applies to UpdateService only.');
      }
      em.env.failures.push({
        operation: failure.operation,
        serviceName: failure.serviceName,
        ...(failure.rollbackFails ? { rollbackFails: true } : {}),
      });
      em.persist();
    },
    scheduledFailures: () => em.env.failures.map((f) => ({ ...f })),
    settings: () => ({ ...em.env.settings }),
    configure(patch) {
      const s = em.env.settings;
      Object.assign(s, patch);
      if (patch.throttleRps !== undefined) em.bucket.setRate(s.throttleRps, Date.now());
      return { ...s };
    },
    advanceClock(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw bad('The clock only moves forward: give a non-negative number.');
      if (ms > MAX_CLOCK_ADVANCE_MS)
        throw bad(`The clock moves at most ${MAX_CLOCK_ADVANCE_MS} ms (10 years) at a time.`);
      if (em.clockOffsetMs + ms > MAX_CLOCK_OFFSET_MS) {
        throw bad(`The clock may run at most ${MAX_CLOCK_OFFSET_MS} ms (100 years) ahead of real time.`);
      }
      em.clockOffsetMs += ms;
      em.persist();
    },
    quotas: () => ({ ...em.env.quotas }),
    setQuotas(patch) {
      Object.assign(em.env.quotas, patch);
      return { ...em.env.quotas };
    },
    stats: () => ({ ...em.stats, requests: { ...em.stats.requests } }),
    resetStats: () => em.resetStats(),
    calls: () => [...(em.journal ?? [])],
  };
  return admin;
}

/** An admin HTTP answer. */
export interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

function field(body: unknown, name: string): string {
  const v = isObject(body) ? body[name] : undefined;
  if (typeof v !== 'string' || v === '') throw bad(`The body needs a string member ${name}.`);
  return v;
}

/** Routes one admin request; `path` is relative to /_emulator. */
export function handleAdmin(admin: AdminHandle, method: string, path: string, body: unknown): AdminResponse {
  const route = `${method} ${path}`;
  try {
    switch (route) {
      case 'GET /health':
        members(body, route, []);
        return { status: 200, body: { ok: true } };
      case 'POST /reset':
        members(body, route, []);
        admin.reset();
        return { status: 200, body: { ok: true } };
      case 'POST /connections/handshake':
        admin.handshakeConnection(field(members(body, route, ['ConnectionArn']), 'ConnectionArn'));
        return { status: 200, body: { ok: true } };
      case 'POST /domains/validate': {
        const b = members(body, route, ['ServiceArn', 'DomainName']);
        admin.validateDomain(field(b, 'ServiceArn'), field(b, 'DomainName'));
        return { status: 200, body: { ok: true } };
      }
      case 'POST /failures': {
        const b = members(body, route, ['Operation', 'ServiceName', 'RollbackFails']);
        const op = field(b, 'Operation');
        const target = FAILURES.find((f) => f === op);
        if (!target) throw bad(`Operation must be one of ${FAILURES.join(', ')}.`);
        const name = b.ServiceName;
        if (name !== undefined && (typeof name !== 'string' || name === '')) {
          throw bad('ServiceName must be a non-empty string.');
        }
        if (b.RollbackFails !== undefined && typeof b.RollbackFails !== 'boolean') {
          throw bad('RollbackFails must be a boolean.');
        }
        const rollbackFails = b.RollbackFails === true;
        admin.scheduleFailure({ operation: target, serviceName: name, ...(rollbackFails ? { rollbackFails } : {}) });
        return { status: 200, body: { failures: admin.scheduledFailures() } };
      }
      case 'GET /failures':
        members(body, route, []);
        return { status: 200, body: { failures: admin.scheduledFailures() } };
      case 'GET /settings':
        members(body, route, []);
        return { status: 200, body: admin.settings() };
      case 'POST /settings':
        return { status: 200, body: admin.configure(parseSettingsPatch(body)) };
      case 'POST /clock/advance': {
        const ms = members(body, route, ['Milliseconds']).Milliseconds;
        if (ms === undefined) throw bad('The body needs a number member Milliseconds.');
        if (typeof ms !== 'number' || !(ms >= 0 && ms <= MAX_CLOCK_ADVANCE_MS)) {
          throw bad(`Milliseconds must be a number in [0, ${MAX_CLOCK_ADVANCE_MS}] (at most 10 years).`);
        }
        admin.advanceClock(ms);
        return { status: 200, body: { ok: true } };
      }
      case 'GET /quotas':
        members(body, route, []);
        return { status: 200, body: admin.quotas() };
      case 'POST /quotas':
        return { status: 200, body: admin.setQuotas(parseQuotasPatch(body, admin.quotas())) };
      case 'GET /stats':
        members(body, route, []);
        return { status: 200, body: admin.stats() };
      case 'GET /calls':
        members(body, route, []);
        return { status: 200, body: { calls: admin.calls() } };
      case 'POST /stats/reset':
      case 'DELETE /stats':
        members(body, route, []);
        admin.resetStats();
        return { status: 200, body: admin.stats() };
      default:
        return { status: 404, body: { __type: 'NotFound', Message: `No admin route ${route}.` } };
    }
  } catch (e) {
    if (e instanceof ApiError) {
      const status = e.code === 'ResourceNotFoundException' ? 404 : e.code === 'InvalidStateException' ? 409 : 400;
      return { status, body: { __type: e.code, Message: e.message } };
    }
    throw e;
  }
}
