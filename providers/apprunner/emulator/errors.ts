// API errors as the awsJson1_0 protocol carries them: a `__type` code, a `Message`, and an HTTP status.

/** The error codes the emulator answers with; model errors plus the protocol-level ones. */
export type ErrorCode =
  | 'InvalidRequestException'
  | 'InvalidStateException'
  | 'ResourceNotFoundException'
  | 'ServiceQuotaExceededException'
  | 'InternalServiceErrorException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'MissingAuthenticationTokenException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'IncompleteSignatureException'
  | 'ThrottlingException';

/** HTTP status of the protocol-level errors, which the model does not describe. */
const PROTOCOL_STATUS: Partial<Record<ErrorCode, number>> = {
  UnknownOperationException: 400,
  SerializationException: 400,
  MissingAuthenticationTokenException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  IncompleteSignatureException: 403,
  ThrottlingException: 400,
};

/** An error the emulator returns to the client (never a crash). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/** Shorthand constructors for the errors handlers raise most. */
export const fail = {
  invalid: (m: string) => new ApiError('InvalidRequestException', m),
  state: (m: string) => new ApiError('InvalidStateException', m),
  notFound: (m: string) => new ApiError('ResourceNotFoundException', m),
  quota: (m: string) => new ApiError('ServiceQuotaExceededException', m),
};

/** The HTTP status for an error code: the model's @httpError where it has one, else the protocol's. */
export function statusFor(code: ErrorCode, modelStatus: ReadonlyMap<string, number>): number {
  return modelStatus.get(code) ?? PROTOCOL_STATUS[code] ?? 400;
}
