// Waiting on App Runner: operation waiters that follow an OperationId, a shared batching poller,
// and the adaptive schedule they both use (scaled by RUNFORM_WAIT_SCALE).
export {
  failureReason,
  type OperationOutcome,
  type OperationWaitRequest,
  operationStart,
  type WaitEnv,
  waitForOperation,
} from './operation.js';
export { type PollerOptions, type PollResult, ServicePoller } from './poller.js';
export {
  DurationModel,
  nextDelay,
  type Phase,
  PRIOR_DURATION_MS,
  phaseOf,
  type WaitKind,
  WINDOW_STEP,
  waitKindOf,
  waitScale,
} from './schedule.js';
export { type Check, pollUntil } from './until.js';
