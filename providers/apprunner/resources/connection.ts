// apprunner_connection: a link to a code provider. Its handshake is completed by a person in the
// console, so create does not wait; services that use it check it is AVAILABLE first.
import {
  type AppRunnerClient,
  type Connection,
  type ConnectionSummary,
  CreateConnectionCommand,
  DeleteConnectionCommand,
  ListConnectionsCommand,
} from '@aws-sdk/client-apprunner';
import type { JsonObject, ResourceSchema, ResourceType } from '../../provider.js';
import { tagsToApi } from '../convert.js';
import { HandshakePendingError } from '../errors.js';
import { applyTags, priorString, type Runtime, readTags } from '../runtime.js';
import { NORMALIZERS, resourceSchemas } from '../schemas.js';
import { ignoreNotFound } from '../sdk.js';

/** The schema of apprunner_connection. */
export function connectionSchema(): ResourceSchema {
  const s = resourceSchemas().get('apprunner_connection');
  if (!s) throw new Error('apprunner_connection schema missing');
  return s;
}

/** The connection name inside a connection ARN (`…:connection/NAME/ID`). */
export function connectionNameOf(arn: string): string | undefined {
  return /:connection\/([^/]+)\//.exec(arn)?.[1];
}

/** The live connection of that name, if any (ListConnections filters by name). */
export async function findConnection(
  client: AppRunnerClient,
  name: string,
  signal?: AbortSignal,
): Promise<ConnectionSummary | undefined> {
  let token: string | undefined;
  do {
    const r = await client.send(new ListConnectionsCommand({ ConnectionName: name, NextToken: token }), {
      abortSignal: signal,
    });
    const c = r.ConnectionSummaryList?.find((x) => x.ConnectionName === name && x.Status !== 'DELETED');
    if (c) return c;
    token = r.NextToken;
  } while (token);
  return undefined;
}

/**
 * Checks, before a service is created, that the connection it uses has completed its handshake;
 * throws HandshakePendingError with guidance while it is PENDING_HANDSHAKE.
 */
export async function ensureConnectionAvailable(
  client: AppRunnerClient,
  connectionArn: string,
  signal?: AbortSignal,
): Promise<void> {
  const name = connectionNameOf(connectionArn);
  if (!name) return;
  const c = await findConnection(client, name, signal);
  if (!c || c.ConnectionArn !== connectionArn) throw new Error(`connection ${connectionArn} does not exist`);
  if (c.Status === 'PENDING_HANDSHAKE') throw new HandshakePendingError(connectionArn, name);
  if (c.Status !== 'AVAILABLE') throw new Error(`connection ${name} is ${c.Status}; it cannot be used by a service`);
}

/** The note shown after creating a connection. */
export function handshakeNote(name: string): string {
  return (
    `connection ${name} was created in PENDING_HANDSHAKE. Finish it by hand: in the App Runner console, ` +
    `open Connected accounts, choose ${name}, then "Complete handshake" and authorise App Runner at your ` +
    `code provider. It is ready when its status reads AVAILABLE ("runform plan --refresh-only" shows the status attribute).`
  );
}

/** The attributes of a connection, tags included. */
export async function connectionAttributes(
  rt: Runtime,
  c: Connection | ConnectionSummary,
  signal: AbortSignal,
): Promise<JsonObject> {
  const arn = c.ConnectionArn ?? '';
  return {
    connection_name: c.ConnectionName ?? '',
    provider_type: c.ProviderType ?? '',
    tags: await readTags(rt, arn, signal),
    arn,
    status: c.Status ?? '',
  };
}

/** Builds the apprunner_connection resource type. */
export function connectionResource(rt: Runtime): ResourceType {
  const schema = connectionSchema();
  async function byName(name: string, signal: AbortSignal): Promise<JsonObject | undefined> {
    const c = await findConnection(rt.client, name, signal);
    return c ? connectionAttributes(rt, c, signal) : undefined;
  }
  return {
    schema,
    identityArgs: ['connection_name'],
    normalizers: NORMALIZERS,
    async read({ prior }, ctx) {
      const c = await findConnection(rt.client, priorString(prior, 'connection_name'), ctx.signal);
      if (!c || (typeof prior.arn === 'string' && prior.arn && c.ConnectionArn !== prior.arn)) return { exists: false };
      return { exists: true, attrs: await connectionAttributes(rt, c, ctx.signal) };
    },
    async create({ args }, ctx) {
      const tags = tagsToApi(args.tags);
      const r = await rt.client.send(
        new CreateConnectionCommand({
          ConnectionName: String(args.connection_name),
          ProviderType: String(args.provider_type) as Connection['ProviderType'],
          ...(tags.length ? { Tags: tags } : {}),
        }),
        { abortSignal: ctx.signal },
      );
      if (!r.Connection) throw new Error('CreateConnection returned no connection');
      const name = r.Connection.ConnectionName ?? String(args.connection_name);
      if (r.Connection.Status === 'PENDING_HANDSHAKE') {
        const note = handshakeNote(name);
        ctx.progress({ status: 'PENDING_HANDSHAKE', message: note });
        ctx.log.warn(note, { arn: r.Connection.ConnectionArn });
      }
      return connectionAttributes(rt, r.Connection, ctx.signal);
    },
    async update({ args, prior, changed }, ctx) {
      const arn = priorString(prior, 'arn');
      if (changed.includes('tags')) await applyTags(rt, arn, prior.tags, args.tags, ctx.signal);
      const now = await byName(priorString(prior, 'connection_name'), ctx.signal);
      if (!now) throw new Error(`connection ${arn} no longer exists`);
      return now;
    },
    async delete({ prior }, ctx) {
      await ignoreNotFound(
        rt.client.send(new DeleteConnectionCommand({ ConnectionArn: priorString(prior, 'arn') }), {
          abortSignal: ctx.signal,
        }),
      );
    },
    async import({ id }, ctx) {
      const found = await byName(id, ctx.signal);
      if (!found) throw new Error(`no connection named ${id}`);
      return found;
    },
    async findExisting({ args }, ctx) {
      return typeof args.connection_name === 'string' ? byName(args.connection_name, ctx.signal) : undefined;
    },
  };
}
