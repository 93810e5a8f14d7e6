// Persisting the whole account to one JSON file: atomic writes (temp file, fsync, rename), versioned envelope.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Env, ScheduledFailure } from './context.js';
import { isObject, type Json } from './json.js';
import type { Account, RegionState } from './store.js';
import { emptyRegion, regionToJson } from './store.js';

/** The data file format version this emulator writes and reads. */
export const DATA_VERSION = 1;

/** Serialises the account, the random streams, pending failures and how far the clock was moved. */
export function snapshot(env: Env, clockOffsetMs = 0): Json {
  const regions: { [k: string]: Json } = {};
  for (const [name, r] of env.account.regions) regions[name] = regionToJson(r);
  return {
    version: DATA_VERSION,
    accountId: env.account.accountId,
    regions,
    rng: { ids: env.rng.ids.save(), jitter: env.rng.jitter.save(), faults: env.rng.faults.save() },
    failures: env.failures.map((f) => ({
      operation: f.operation,
      serviceName: f.serviceName ?? null,
      ...(f.rollbackFails ? { rollbackFails: true } : {}),
    })),
    clockOffsetMs,
  };
}

/** Writes the file atomically: a crash leaves either the old or the new content, never a torn file. */
export function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dirFd = openSync(dirname(file), 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic there.
  }
}

/** Saves the environment's account to `file`. */
export function save(file: string, env: Env, clockOffsetMs = 0): void {
  writeAtomic(file, `${JSON.stringify(snapshot(env, clockOffsetMs))}\n`);
}

function mapOf<T extends { arn: string }>(v: unknown): Map<string, T> {
  const items = Array.isArray(v) ? (v as T[]) : [];
  return new Map(items.map((r) => [r.arn, r]));
}

function regionFrom(v: unknown): RegionState {
  if (!isObject(v)) return emptyRegion();
  const tags = Array.isArray(v.tags) ? (v.tags as [string, { Key: string; Value: string }[]][]) : [];
  return {
    services: mapOf(v.services),
    autoScaling: mapOf(v.autoScaling),
    observability: mapOf(v.observability),
    vpcConnectors: mapOf(v.vpcConnectors),
    ingress: mapOf(v.ingress),
    connections: mapOf(v.connections),
    tags: new Map(tags),
    defaultAutoScalingArn: typeof v.defaultAutoScalingArn === 'string' ? v.defaultAutoScalingArn : '',
  };
}

/** What a data file restores. */
export interface Loaded {
  readonly account: Account;
  readonly rng?: { ids: number; jitter: number; faults: number };
  readonly failures: ScheduledFailure[];
  readonly clockOffsetMs: number;
}

/** Loads a data file; a missing file is a fresh account, an unknown version is refused untouched. */
export function load(file: string, accountId: string): Loaded | undefined {
  if (!existsSync(file)) return undefined;
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isObject(raw) || raw.version !== DATA_VERSION) {
    throw new Error(`${file}: not an emulator data file of version ${DATA_VERSION}; it was left untouched`);
  }
  const regions = new Map<string, RegionState>();
  if (isObject(raw.regions)) for (const [k, v] of Object.entries(raw.regions)) regions.set(k, regionFrom(v));
  const rng = isObject(raw.rng) ? raw.rng : undefined;
  const failures: ScheduledFailure[] = Array.isArray(raw.failures)
    ? raw.failures.flatMap((f) =>
        isObject(f) &&
        (f.operation === 'CreateService' || f.operation === 'UpdateService' || f.operation === 'DeleteService')
          ? [
              {
                operation: f.operation,
                serviceName: typeof f.serviceName === 'string' ? f.serviceName : undefined,
                ...(f.rollbackFails === true ? { rollbackFails: true } : {}),
              },
            ]
          : [],
      )
    : [];
  return {
    account: { accountId: typeof raw.accountId === 'string' ? raw.accountId : accountId, regions },
    rng:
      rng && typeof rng.ids === 'number' && typeof rng.jitter === 'number' && typeof rng.faults === 'number'
        ? { ids: rng.ids, jitter: rng.jitter, faults: rng.faults }
        : undefined,
    failures,
    clockOffsetMs: typeof raw.clockOffsetMs === 'number' && raw.clockOffsetMs >= 0 ? raw.clockOffsetMs : 0,
  };
}
