import type {
  ConfiguredProvider,
  Logger,
  OpContext,
  ProgressEvent,
  ResourceSchema,
  TimeoutKind,
} from '../../providers/provider.js';
import type { SchemaLookup } from './planner.js';

// The configured providers as the engine holds them (by provider key), schema lookup over them,
// the context every provider call receives, and a bounded parallel map for refresh-like fan-out.

/** Configured providers by key (`test`, `test.eu`). */
export type ProviderSet = ReadonlyMap<string, ConfiguredProvider>;

/** The configured provider for a key: the exact key, else the unaliased provider of the same name. */
export function providerFor(providers: ProviderSet, key: string): ConfiguredProvider | undefined {
  return providers.get(key) ?? providers.get(key.split('.')[0]);
}

/** Schema lookup over configured providers (schemas and normalisers are data; no call is made). */
export function schemaLookup(providers: ProviderSet): SchemaLookup {
  return (key, mode, type) => {
    const p = providerFor(providers, key);
    if (!p) return undefined;
    if (mode === 'data') {
      const d = p.dataSources[type];
      return d ? { schema: d.schema } : undefined;
    }
    const r = p.resources[type];
    return r ? { schema: r.schema, ...(r.normalizers ? { normalizers: r.normalizers } : {}) } : undefined;
  };
}

const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/** A logger that drops everything (the default when the caller gives none). */
export const SILENT: Logger = { debug() {}, info() {}, warn() {} };

const NO_PROGRESS = (): void => {};
const NO_OVERRIDES: Partial<Record<TimeoutKind, number>> = Object.freeze({});
// The timeouts of a schema without overrides, made once: a refresh asks for them per instance.
const schemaTimeouts = new WeakMap<ResourceSchema, Readonly<Record<TimeoutKind, number>>>();

/** The context of one provider call. */
export function opContext(
  address: string,
  schema: ResourceSchema,
  signal: AbortSignal,
  log: Logger = SILENT,
  overrides: Partial<Record<TimeoutKind, number>> = NO_OVERRIDES,
  progress: (event: ProgressEvent) => void = NO_PROGRESS,
): OpContext {
  let timeouts = overrides === NO_OVERRIDES ? schemaTimeouts.get(schema) : undefined;
  if (!timeouts) {
    const t = (k: TimeoutKind) => overrides[k] ?? schema.timeouts?.[k] ?? DEFAULT_TIMEOUT_MS;
    timeouts = Object.freeze({ create: t('create'), update: t('update'), delete: t('delete') });
    if (overrides === NO_OVERRIDES) schemaTimeouts.set(schema, timeouts);
  }
  return { signal, address, progress, timeouts, log };
}

/** Runs `fn` over the items with at most `limit` in flight; resolves when all settle, in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
