// The pre-flight check the engine or CLI can run before creating a service from a code
// repository: it needs only the configured provider, not an SDK client.
import type { ConfiguredProvider, JsonObject, OpContext } from '../../provider.js';
import { HandshakePendingError } from '../errors.js';
import { isRecord } from '../sdk.js';
import { connectionNameOf } from './connection.js';

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
