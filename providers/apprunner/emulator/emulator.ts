// The emulator core: environment, stats and the request pipeline for API calls
// (auth → throttle → faults → operation → JSON → schema → handler), independent of the HTTP server.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { initDefaultAutoScaling } from './autoscaling.js';
import type { LatencyProfile } from './clock.js';
import { type Ctx, DEFAULT_QUOTAS, type Env, type Quotas, regionState, type Settings } from './context.js';
import { isOperation, OPERATIONS } from './dispatch.js';
import { ApiError, statusFor } from './errors.js';
import { shouldFault } from './faults.js';
import { isObject, type JsonObject } from './json.js';
import { load, save } from './persistence.js';
import { rngStreams } from './rng.js';
import { type Credentials, parseAuthorization, verifySignature } from './sigv4.js';
import type { RegionState } from './store.js';
import { TokenBucket } from './throttle.js';
import { compileValidators, loadServiceIndex, type ServiceIndex, validateInput } from './validation.js';

/** Everything startEmulator accepts; every member is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one so that tests run in parallel. */
  port?: number;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** Persist the whole account to this file and reload it on start; its folder must exist. */
  dataFile?: string;
  latency?: LatencyProfile;
  timeScale?: number;
  jitter?: number;
  /** Requests per second before ThrottlingException; 0 or absent means unlimited. */
  throttleRps?: number;
  faultRate?: number;
  /** Seed of ids, jitter and faults; a random seed when absent. */
  seed?: number;
  accountId?: string;
  /** Verify SigV4 signatures against `credentials`. */
  strictAuth?: boolean;
  /** Key pairs accepted in strict mode; `test`/`test` when absent. */
  credentials?: Credentials[];
  autoHandshake?: boolean;
  quotas?: Partial<Quotas>;
  /** Keep every API call in order (see AdminHandle.calls), for tests that check the order of changes. */
  recordCalls?: boolean;
}

/** One API call as the journal keeps it. */
export interface RecordedCall {
  /** The emulated clock when the call was answered, in ms since the epoch. */
  readonly at: number;
  readonly operation: string;
  /** The request body as sent (empty when it was not a JSON object). */
  readonly input: JsonObject;
  /** The error code when the call was refused. */
  readonly error?: string;
}

/** Request counters, as GET /_emulator/stats reports them. */
export interface Stats {
  requests: Record<string, number>;
  total: number;
  throttled: number;
  faults: number;
}

/** An API response before it is written to the socket. */
export interface ApiResponse {
  readonly status: number;
  readonly body: string;
  readonly errorType?: string;
}

/** The running emulator's state and pipeline. */
export class Emulator {
  readonly env: Env;
  readonly stats: Stats = { requests: {}, total: 0, throttled: 0, faults: 0 };
  readonly bucket: TokenBucket;
  private readonly index: ServiceIndex;
  private readonly validators: Map<string, ValidateFunction>;
  private readonly credentials: readonly Credentials[];
  private readonly strictAuth: boolean;
  readonly dataFile?: string;
  /** Every API call in order, when the emulator was started with recordCalls. */
  readonly journal: RecordedCall[] | undefined;
  /** How far the emulated clock runs ahead of real time; moved forward by the admin API. */
  clockOffsetMs = 0;

  constructor(o: EmulatorOptions = {}) {
    const settings: Settings = {
      latency: o.latency ?? 'fast',
      timeScale: o.timeScale ?? 1,
      jitter: o.jitter ?? 0,
      faultRate: o.faultRate ?? 0,
      throttleRps: o.throttleRps ?? 0,
      autoHandshake: o.autoHandshake ?? false,
    };
    const seed = o.seed ?? Math.floor(Math.random() * 0x100000000);
    const accountId = o.accountId ?? '123456789012';
    this.env = {
      account: { accountId, regions: new Map() },
      settings,
      quotas: { ...DEFAULT_QUOTAS, ...(o.quotas ?? {}) },
      rng: rngStreams(seed),
      failures: [],
      now: () => Date.now() + this.clockOffsetMs,
    };
    this.dataFile = o.dataFile;
    if (o.dataFile) {
      const loaded = load(o.dataFile, accountId);
      if (loaded) {
        this.env.account = loaded.account;
        this.env.failures = loaded.failures;
        this.clockOffsetMs = loaded.clockOffsetMs;
        if (loaded.rng) {
          this.env.rng.ids.restore(loaded.rng.ids);
          this.env.rng.jitter.restore(loaded.rng.jitter);
          this.env.rng.faults.restore(loaded.rng.faults);
        }
      }
    }
    this.index = loadServiceIndex();
    for (const op of this.index.operations) {
      if (!isOperation(op)) throw new Error(`the model has an operation the emulator lacks: ${op}`);
    }
    this.validators = compileValidators(this.index.operations);
    this.credentials = o.credentials ?? [{ accessKeyId: 'test', secretAccessKey: 'test' }];
    this.strictAuth = o.strictAuth ?? false;
    this.journal = o.recordCalls ? [] : undefined;
    this.bucket = new TokenBucket(settings.throttleRps, Date.now());
    if (o.dataFile) {
      // Fail at start, not on the first write, when the data file's folder is missing or read-only.
      // A missing folder is refused rather than created: it is more likely a mistyped path than a wish.
      const folder = dirname(resolve(o.dataFile));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new Error(`the data file's folder ${folder} does not exist; create it first`);
      }
      this.persist();
    }
  }

  /** A handler context for one region at the current time. */
  ctx(region: string): Ctx {
    const now = this.env.now();
    const init = (rs: RegionState, r: string) => initDefaultAutoScaling({ env: this.env, region: r, rs, now });
    return { env: this.env, region, rs: regionState(this.env, region, init), now };
  }

  /** Writes the account to the data file, if there is one. */
  persist(): void {
    if (this.dataFile) save(this.dataFile, this.env, this.clockOffsetMs);
  }

  /** Forgets every resource and pending failure (settings and stats stay). */
  reset(): void {
    this.env.account = { accountId: this.env.account.accountId, regions: new Map() };
    this.env.failures = [];
    this.persist();
  }

  /** Zeroes the counters. */
  resetStats(): void {
    this.stats.requests = {};
    this.stats.total = 0;
    this.stats.throttled = 0;
    this.stats.faults = 0;
    this.journal?.splice(0);
  }

  private error(e: ApiError): ApiResponse {
    return {
      status: statusFor(e.code, this.index.errorStatus),
      body: JSON.stringify({ __type: e.code, Message: e.message }),
      errorType: e.code,
    };
  }

  /** Runs one API request through the whole pipeline. */
  handle(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): ApiResponse {
    const out = this.pipeline(method, url, headers, body);
    if (this.journal) {
      const target = typeof headers['x-amz-target'] === 'string' ? headers['x-amz-target'] : '';
      const operation = target.slice(target.indexOf('.') + 1);
      this.journal.push({
        at: this.env.now(),
        operation,
        input: jsonInput(body),
        ...(out.errorType ? { error: out.errorType } : {}),
      });
    }
    return out;
  }

  private pipeline(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): ApiResponse {
    this.stats.total++;
    const target = typeof headers['x-amz-target'] === 'string' ? headers['x-amz-target'] : '';
    const prefix = `${this.index.targetPrefix}.`;
    const op = target.startsWith(prefix) ? target.slice(prefix.length) : '';
    if (isOperation(op)) this.stats.requests[op] = (this.stats.requests[op] ?? 0) + 1;
    try {
      const auth = parseAuthorization(typeof headers.authorization === 'string' ? headers.authorization : undefined);
      if (this.strictAuth) verifySignature(auth, this.credentials, method, url, headers, body);
      if (!this.bucket.tryTake(Date.now())) {
        this.stats.throttled++;
        throw new ApiError('ThrottlingException', 'Rate exceeded');
      }
      if (shouldFault(this.env.settings.faultRate, this.env.rng.faults)) {
        this.stats.faults++;
        throw new ApiError('InternalServiceErrorException', 'An internal error occurred (injected fault).');
      }
      if (method !== 'POST' || !isOperation(op)) {
        throw new ApiError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}.`);
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new ApiError('SerializationException', 'The request body is not valid JSON.');
      }
      if (!isObject(input)) throw new ApiError('SerializationException', 'The request body must be a JSON object.');
      validateInput(op, input, this.validators);
      const entry = OPERATIONS[op];
      const out = entry.handler(input as JsonObject, this.ctx(auth.region));
      if (entry.mutates) this.persist();
      return { status: 200, body: JSON.stringify(out) };
    } catch (e) {
      if (e instanceof ApiError) return this.error(e);
      return this.error(new ApiError('InternalServiceErrorException', `Internal error: ${String(e)}`));
    }
  }
}

/** A request body as a JSON object, or an empty one. */
function jsonInput(body: Buffer): JsonObject {
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    return isObject(v) ? (v as JsonObject) : {};
  } catch {
    return {};
  }
}

/** A fresh request id for the x-amzn-requestid header. */
export function requestId(): string {
  return randomUUID();
}
