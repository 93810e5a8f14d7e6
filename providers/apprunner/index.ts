// The App Runner provider: client factory, operation waiters and resource types behind the
// provider seam. The emulator lives beside it in emulator/ and shares none of this code.
export { type ClientSettings, createClient, resolveEndpoint, resolveRegion } from './client.js';
export { argsFromApi, argsToApi, fromApi, pascal, tagDiff, tagsFromApi, tagsToApi, toApi } from './convert.js';
export {
  AbortError,
  CreateFailedError,
  type FailedOperationStatus,
  HandshakePendingError,
  OperationFailedError,
  RevisionInUseError,
  WaitTimeoutError,
} from './errors.js';
export { apprunnerProvider, CONFIG_SCHEMA, createProvider, type ProviderOptions } from './provider.js';
export { connectionNameOf, ensureConnectionAvailable, handshakeNote } from './resources/connection.js';
export { checkServiceConnection, serviceConnectionArn } from './resources/connection-check.js';
export * from './wait/index.js';
