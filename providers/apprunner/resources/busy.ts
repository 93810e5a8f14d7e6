// App Runner refuses a call with InvalidStateException while another operation runs on the
// service (an auto deployment, a pause). Wait for that operation to end, then try again.
import { ListOperationsCommand } from '@aws-sdk/client-apprunner';
import { WaitTimeoutError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { isInvalidState } from '../sdk.js';
import { waitForOperation, waitKindOf } from '../wait/index.js';

const RUNNING = new Set(['PENDING', 'IN_PROGRESS', 'ROLLBACK_IN_PROGRESS']);

async function inFlightOperation(rt: Runtime, serviceArn: string, signal: AbortSignal) {
  const r = await rt.client.send(new ListOperationsCommand({ ServiceArn: serviceArn, MaxResults: 20 }), {
    abortSignal: signal,
  });
  return r.OperationSummaryList?.find((o) => o.Id && o.Status && RUNNING.has(o.Status));
}

/** Runs `call`; while it is refused because another operation is in flight, waits for that operation and retries. */
export async function whenIdle<T>(
  rt: Runtime,
  req: { serviceArn: string; deadline: number; signal: AbortSignal; log?: (message: string) => void },
  call: () => Promise<T>,
): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!isInvalidState(e)) throw e;
      const op = await inFlightOperation(rt, req.serviceArn, req.signal);
      // Refused for another reason (e.g. resuming a running service): not ours to retry.
      if (!op?.Id) throw e;
      const left = req.deadline - Date.now();
      if (left <= 0)
        throw new WaitTimeoutError(`operation ${op.Id} already running on ${req.serviceArn}`, 0, { cause: e });
      req.log?.(`waiting for operation ${op.Id} (${op.Type}) already running on the service, then retrying`);
      try {
        await waitForOperation(rt, {
          serviceArn: req.serviceArn,
          operationId: op.Id,
          kind: waitKindOf(op.Type),
          timeoutMs: left,
          signal: req.signal,
          startedNow: false,
        });
      } catch (waitError) {
        // Someone else's operation failing does not fail ours; anything else (abort, timeout) does.
        if (!(waitError instanceof Error && waitError.name === 'OperationFailedError')) throw waitError;
      }
    }
  }
}
