// Error classes the CLI maps to messages. Each carries enough context to explain itself without
// sensitive values, and the underlying SDK error as `cause`.

/** Closed set of App Runner operation outcomes that count as failures. */
export type FailedOperationStatus = 'FAILED' | 'ROLLBACK_SUCCEEDED' | 'ROLLBACK_FAILED';

/** An App Runner operation ended without succeeding (failed, or rolled back). */
export class OperationFailedError extends Error {
  override readonly name = 'OperationFailedError';
  constructor(
    readonly operationId: string,
    readonly operationType: string,
    readonly status: FailedOperationStatus,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`operation ${operationId} (${operationType}) ended ${status}: ${reason}`, options);
  }
}

/** A create finished, but App Runner reports the new resource as failed; the instance is tainted. */
export class CreateFailedError extends Error {
  override readonly name = 'CreateFailedError';
  constructor(
    readonly resourceArn: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A wait ran past its timeout; the resource may still converge later. `timeoutMs` is the time the
 * whole change was allowed (the wait may have had only what was left of it).
 */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      timeoutMs > 0
        ? `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}`
        : `timed out: no time was left to wait for ${what}`,
      options,
    );
  }
}

/** The caller cancelled the call through its AbortSignal. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`cancelled while ${what}`, options);
  }
}

/** A connection a service needs has not completed its handshake with the code provider yet. */
export class HandshakePendingError extends Error {
  override readonly name = 'HandshakePendingError';
  constructor(
    readonly connectionArn: string,
    readonly connectionName: string,
  ) {
    super(
      `connection ${connectionName} is still PENDING_HANDSHAKE: open the App Runner console, choose ` +
        `"Complete handshake" on this connection and authorise App Runner with your code provider, then run again ` +
        `(its status becomes AVAILABLE)`,
    );
  }
}

/** An auto scaling configuration revision cannot be deleted while services use it. */
export class RevisionInUseError extends Error {
  override readonly name = 'RevisionInUseError';
  constructor(
    readonly arn: string,
    readonly serviceNames: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `auto scaling configuration ${arn} is still used by ${serviceNames.length ? serviceNames.join(', ') : 'a service'}; ` +
        `point those services at another revision first`,
      options,
    );
  }
}
