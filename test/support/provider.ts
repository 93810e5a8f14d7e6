import type {
  ConfiguredProvider,
  DataSourceType,
  JsonObject,
  JsonValue,
  OpContext,
  Provider,
  ResourceSchema,
  ResourceType,
} from '../../providers/provider.js';
import { TestCloud } from './cloud.js';
import { dataSchemas, resourceSchemas } from './schemas.js';

// An in-memory provider named `test` that implements the seam, for engine tests: its schemas use
// every kind of attribute metadata, calls can be delayed or made to fail, and every call is recorded.

/** Closed set of operations the test provider records. */
export type TestOp = 'read' | 'create' | 'update' | 'delete' | 'import' | 'findExisting' | 'readData';

/** One recorded call, with start and end times (ms, monotonic) for overlap and ordering checks. */
export interface TestCall {
  readonly op: TestOp;
  readonly type: string;
  readonly address: string;
  readonly args?: JsonObject;
  readonly start: number;
  end?: number;
  error?: string;
}

/** When a call fails: before it does anything, or after its effect happened (the resource exists). */
export type FailWhen = 'before' | 'after';

/** Behaviour knobs: per-call delays and failures, decided from the call. */
export interface TestBehaviour {
  delayMs?: (op: TestOp, address: string) => number;
  fail?: (op: TestOp, address: string) => FailWhen | undefined;
}

/** The test provider, its cloud, and the calls made to it. */
export interface TestProvider extends Provider {
  readonly cloud: TestCloud;
  readonly calls: TestCall[];
  behaviour: TestBehaviour;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Equivalent CPU spellings: "1 vCPU" and "1024" are the same size. */
function normalizeCpu(v: JsonValue): JsonValue {
  if (typeof v !== 'string') return v;
  const m = /^(\d+(?:\.\d+)?) ?vCPU$/i.exec(v.trim());
  return m ? String(Math.round(Number(m[1]) * 1024)) : v.trim();
}

/** Creates a test provider; with `file`, its cloud is kept in that JSON file. */
export function createTestProvider(opts: { file?: string; behaviour?: TestBehaviour } = {}): TestProvider {
  const cloud = new TestCloud(opts.file);
  const calls: TestCall[] = [];
  const provider: TestProvider = {
    name: 'test',
    configSchema: { type: 'object' },
    schemas: { ...resourceSchemas, ...dataSchemas },
    cloud,
    calls,
    behaviour: opts.behaviour ?? {},
    configure: async () => configured,
  };

  async function call<T>(
    op: TestOp,
    type: string,
    ctx: OpContext,
    args: JsonObject | undefined,
    body: () => T,
  ): Promise<T> {
    const rec: TestCall = { op, type, address: ctx.address, ...(args ? { args } : {}), start: performance.now() };
    calls.push(rec);
    try {
      const delay = provider.behaviour.delayMs?.(op, ctx.address) ?? 0;
      if (delay > 0) {
        // A slow call reports a status, as an App Runner wait reports its operation's.
        ctx.progress({ status: 'IN_PROGRESS', message: `${op} in progress` });
        await sleep(delay, ctx.signal);
      } else if (ctx.signal.aborted) throw ctx.signal.reason;
      const when = provider.behaviour.fail?.(op, ctx.address);
      if (when === 'before') throw new Error(`injected ${op} failure for ${ctx.address}`);
      const out = body();
      if (when === 'after') throw new Error(`injected ${op} failure after the effect for ${ctx.address}`);
      return out;
    } catch (e) {
      rec.error = (e as Error).message;
      throw e;
    } finally {
      rec.end = performance.now();
    }
  }

  const resourceType = (schema: ResourceSchema): ResourceType => ({
    schema,
    // findExisting below looks by name: test_thing says so, and its pending records hold the name
    // alone; test_revision does not, and its pending records hold every argument.
    ...(schema.type === 'test_thing' ? { identityArgs: ['name'] } : {}),
    normalizers: { cpu: normalizeCpu },
    read: (req, ctx) =>
      call('read', schema.type, ctx, undefined, () => {
        const r = cloud.get(String(req.prior.id));
        return r ? { exists: true as const, attrs: r.attrs } : { exists: false as const };
      }),
    create: (req, ctx) =>
      call('create', schema.type, ctx, req.args, () => {
        const name = req.args.name;
        if (typeof name === 'string' && cloud.findByName(schema.type, name))
          throw new Error(`a ${schema.type} named ${name} already exists`);
        const id = cloud.newId(schema.type);
        const attrs = withComputed(schema, { ...req.args }, id);
        cloud.put(id, { type: schema.type, attrs });
        return attrs;
      }),
    update: (req, ctx) =>
      call('update', schema.type, ctx, req.args, () => {
        const id = String(req.prior.id);
        const r = cloud.get(id);
        if (!r) throw new Error(`${schema.type} ${id} not found`);
        const attrs = withComputed(schema, { ...r.attrs, ...req.args }, id);
        cloud.put(id, { type: schema.type, attrs });
        return attrs;
      }),
    delete: (req, ctx) =>
      call('delete', schema.type, ctx, undefined, () => {
        cloud.remove(String(req.prior.id));
      }),
    import: (req, ctx) =>
      call('import', schema.type, ctx, undefined, () => {
        const r = cloud.get(req.id);
        if (!r || r.type !== schema.type) throw new Error(`no ${schema.type} with id ${req.id}`);
        return r.attrs;
      }),
    findExisting: (req, ctx) =>
      call('findExisting', schema.type, ctx, req.args, () => {
        const name = req.args.name;
        return typeof name === 'string' ? cloud.findByName(schema.type, name)?.[1].attrs : undefined;
      }),
  });

  const dataType = (schema: ResourceSchema): DataSourceType => ({
    schema,
    read: (req, ctx) =>
      call('readData', schema.type, ctx, req.args, () => ({
        ...req.args,
        value: `value-of-${String(req.args.name)}`,
      })),
  });

  const resources: Record<string, ResourceType> = {};
  for (const [k, s] of Object.entries(resourceSchemas)) resources[k] = resourceType(s);
  const dataSources: Record<string, DataSourceType> = {};
  for (const [k, s] of Object.entries(dataSchemas)) dataSources[k] = dataType(s);
  const configured: ConfiguredProvider = { resources, dataSources, close: async () => {} };
  return provider;
}

// The provider fills computed attributes: an id, an ARN and an address derived from the name.
function withComputed(schema: ResourceSchema, attrs: JsonObject, id: string): JsonObject {
  const out: JsonObject = { ...attrs, id, arn: `arn:test:test:eu-west-1:123456789012:${schema.type}/${id}` };
  if (schema.attributes.url?.computed) out.url = `https://${String(attrs.name ?? id)}.example.test`;
  for (const [path, meta] of Object.entries(schema.attributes)) {
    if (!path.includes('.') && meta.default !== undefined && (out[path] === undefined || out[path] === null))
      out[path] = meta.default;
    if (!path.includes('.') && meta.optional && meta.computed && out[path] === undefined) out[path] = `auto-${id}`;
  }
  return out;
}
