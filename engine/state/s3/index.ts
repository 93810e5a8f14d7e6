// The S3 backend: the state as one object written only if its ETag is unchanged, a lock object
// created only if absent, and a journal of small objects; for AWS and S3-compatible servers.
export { createS3Backend, listS3Workspaces, S3Backend, type S3BackendOptions } from './backend.js';
export { ObjectJournal } from './journal.js';
export { LOCK_RENEW_MS, LOCK_STALE_AFTER_MS, type LockTiming } from './lock.js';
export {
  DEFAULT_WORKSPACE,
  decodeS3Settings,
  type S3Compat,
  type S3Settings,
  WORKSPACE_PREFIX,
  workspaceKey,
} from './settings.js';
