// Checks of the connection a service builds from: the pre-flight check the engine or CLI can run
// before creating a service (it needs only the configured provider), and the warning a plan gives
// while that connection still waits for its handshake.
import type { AppRunnerClient } from '@aws-sdk/client-apprunner';
import type { ConfiguredProvider, JsonObject, OpContext, PlanWarning } from '../../provider.js';
import { HandshakePendingError } from '../errors.js';
import { isRecord } from '../sdk.js';
import { connectionNameOf, findConnection } from './connection.js';

/** Where a service names its connection. */
export const CONNECTION_ARN_PATH = 'source_configuration.authentication_configuration.connection_arn';

/** The connection ARN that service arguments use, if any. */
export function serviceConnectionArn(serviceArgs: JsonObject): string | undefined {
  const source = serviceArgs.source_configuration;
  const auth = isRecord(source) ? source.authentication_configuration : undefined;
  return isRecord(auth) && typeof auth.connection_arn === 'string' ? auth.connection_arn : undefined;
}

/**
 * Fails with HandshakePendingError (whose message says how to finish the handshake) when the
 * connection the service arguments name is still PENDING_HANDSHAKE; passes when it is AVAILABLE
 * or when the service uses no connection.
 */
export async function checkServiceConnection(
  provider: ConfiguredProvider,
  serviceArgs: JsonObject,
  ctx: OpContext,
): Promise<void> {
  const arn = serviceConnectionArn(serviceArgs);
  const name = arn ? connectionNameOf(arn) : undefined;
  const source = provider.dataSources.apprunner_connection;
  if (!arn || !name || !source) return;
  const conn = await source.read({ args: { connection_name: name } }, ctx);
  if (conn.arn !== arn) throw new Error(`connection ${arn} does not exist`);
  if (conn.status === 'PENDING_HANDSHAKE') throw new HandshakePendingError(arn, name);
  if (conn.status !== 'AVAILABLE')
    throw new Error(`connection ${name} is ${String(conn.status)}; a service cannot use it`);
}

/**
 * A warning for a planned service whose connection exists but is still PENDING_HANDSHAKE: App Runner
 * cannot build from it until someone finishes the handshake in the console. An unknown ARN (a
 * connection created by the same apply) is left to the apply-time check.
 */
export async function pendingHandshakeWarnings(
  client: AppRunnerClient,
  serviceArgs: JsonObject,
  signal: AbortSignal,
): Promise<PlanWarning[]> {
  const arn = serviceConnectionArn(serviceArgs);
  const name = arn ? connectionNameOf(arn) : undefined;
  if (!arn || !name) return [];
  const c = await findConnection(client, name, signal);
  if (c?.ConnectionArn !== arn || c.Status !== 'PENDING_HANDSHAKE') return [];
  return [
    {
      summary: 'Connection still waits for its handshake',
      detail:
        `The service builds from connection ${name}, which is PENDING_HANDSHAKE. App Runner cannot create or ` +
        `update the service until the handshake is done, so apply will stop before calling it: ${new HandshakePendingError(arn, name).message}.`,
      path: CONNECTION_ARN_PATH,
    },
  ];
}
