import type { BackendConfig } from '../config/module.js';
import { type Diagnostic, error } from '../diag/index.js';
import type { Backend } from './backend.js';
import { LocalWorkspaces, localBackendFor } from './local/workspaces.js';
import { PgBackend } from './pg/backend.js';
import { DEFAULT_PG_SCHEMA, type PgSettings } from './pg/settings.js';
import { PgWorkspaces } from './pg/workspaces.js';
import { createS3Backend, decodeS3Settings, type S3Settings } from './s3/index.js';
import { S3Workspaces } from './s3/workspaces.js';
import { decodeBackendSettings } from './settings.js';
import type { Workspaces } from './workspace.js';

/** Where a backend is opened from: the configuration folder, the workspace and the environment. */
export interface BackendContext {
  readonly dir: string;
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * One kind of backend. `decode` checks the `backend "KIND" { … }` block (absent for the implicit
 * local default) and reports problems as positioned diagnostics; the other two open what it decoded.
 */
export interface BackendFactory<S = unknown> {
  decode(config: BackendConfig | undefined, diags: Diagnostic[]): S | undefined;
  open(settings: S, ctx: BackendContext): Backend;
  /** The workspaces of this configuration; absent when the kind cannot list them. */
  workspaces?(settings: S, ctx: Omit<BackendContext, 'workspace'>): Workspaces;
}

const factories = new Map<string, BackendFactory>();

/** Makes a backend kind available to every command. */
export function registerBackend<S>(kind: string, factory: BackendFactory<S>): void {
  factories.set(kind, factory as BackendFactory);
}

/** A backend configuration ready to open, per workspace. */
export interface OpenedBackendKind {
  readonly kind: string;
  open(workspace: string): Backend;
  readonly workspaces?: Workspaces;
}

/**
 * Decodes the configured backend (local when there is no block). Returns undefined, with
 * positioned diagnostics, when the block is wrong or names a kind nobody registered.
 */
export function configureBackend(
  config: BackendConfig | undefined,
  ctx: Omit<BackendContext, 'workspace'>,
  diags: Diagnostic[],
): OpenedBackendKind | undefined {
  const kind = config?.kind ?? 'local';
  const factory = factories.get(kind);
  if (!factory) {
    diags.push(
      error(
        'Backend not available',
        config?.range,
        `This build of runform has no "${kind}" backend; use one of: ${[...factories.keys()].join(', ')}.`,
      ),
    );
    return undefined;
  }
  const before = diags.length;
  const settings = factory.decode(config, diags);
  if (settings === undefined || diags.slice(before).some((d) => d.severity === 'error')) return undefined;
  return {
    kind,
    open: (workspace) => factory.open(settings, { ...ctx, workspace }),
    ...(factory.workspaces ? { workspaces: factory.workspaces(settings, ctx) } : {}),
  };
}

/** Opens the backend of one workspace; undefined (with diagnostics) when the configuration is wrong. */
export function openBackend(
  config: BackendConfig | undefined,
  ctx: BackendContext,
  diags: Diagnostic[],
): Backend | undefined {
  return configureBackend(config, ctx, diags)?.open(ctx.workspace);
}

// The kinds built in. A further kind is one registerBackend call with its decode and open.

registerBackend<Record<string, never>>('local', {
  decode: (config, diags) => (config ? (decodeBackendSettings(config, {}, diags) as Record<string, never>) : {}),
  open: (_s, ctx) => localBackendFor(ctx.dir, ctx.workspace),
  workspaces: (_s, ctx) => new LocalWorkspaces(ctx.dir),
});

registerBackend<PgSettings>('pg', {
  decode: (config, diags) => {
    if (!config) return undefined;
    const v = decodeBackendSettings(config, { conn_str: { type: 'string' }, schema_name: { type: 'string' } }, diags);
    const schema = v.schema_name as string | undefined;
    if (schema === '') {
      const attr = config.body.attributes.find((a) => a.name === 'schema_name');
      diags.push(error('Invalid value', attr?.expr.range, 'The setting "schema_name" must not be empty.'));
    }
    return {
      ...(typeof v.conn_str === 'string' ? { connStr: v.conn_str } : {}),
      schemaName: schema || DEFAULT_PG_SCHEMA,
    };
  },
  open: (s, ctx) => new PgBackend(s, ctx.workspace, ctx.env),
  workspaces: (s, ctx) => new PgWorkspaces(s, ctx.env),
});

registerBackend<S3Settings>('s3', {
  decode: (config, diags) => {
    if (!config) return undefined;
    const r = decodeS3Settings(config.body, config.range);
    diags.push(...r.diagnostics);
    return r.settings;
  },
  open: (s, ctx) => createS3Backend(s, ctx.workspace),
  workspaces: (s) => new S3Workspaces(s),
});
