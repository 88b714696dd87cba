import { DomainError, type DomainErrorKind } from '../util/errors.ts';

/** An error only the HTTP layer raises (sign-in, roles, route parameters); the domain throws DomainError (src/util/errors.ts). */
export class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
    public details?: unknown,
  ) {
    super(message);
  }
}

export const forbidden = (msg = '无权执行此操作') => new HttpError(403, msg);
export const notFound = (msg = '记录不存在') => new HttpError(404, msg);
export const badRequest = (msg: string, details?: unknown) => new HttpError(400, msg, details);

/** The one mapping of the domain's error kinds to HTTP status codes. */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  gone: 410,
  tooLarge: 413,
  unsupportedType: 415,
};

/** The status and reply body for an error the app raised on purpose; null for anything else (a 500). */
export function errorReply(err: unknown): { status: number; body: { error: string; status: number; details?: unknown } } | null {
  let status: number;
  let details: unknown;
  if (err instanceof DomainError) {
    status = STATUS_OF_KIND[err.kind];
    details = err.details;
  } else if (err instanceof HttpError) {
    status = err.status;
    details = err.details;
  } else return null;
  const message = (err as Error).message;
  return { status, body: { error: message, status, ...(details ? { details } : {}) } };
}
