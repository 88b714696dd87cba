/**
 * The domain's errors. Domain modules (ledger, report, alerts, assess, files…) throw these with a
 * Chinese message for the user; they know nothing of HTTP. The edges translate them: the server's
 * one error handler maps the kind to a status code (src/server/errors.ts), the CLI to an exit
 * code (src/cli/main.ts). See docs/domain.md, "Errors".
 */

/** One message about one field of a form or record; `field` and `label` are empty for a whole-record message. */
export interface FieldMessage {
  field: string;
  label: string;
  message: string;
}

export type DomainErrorKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict' | 'gone' | 'tooLarge' | 'unsupportedType';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    message: string,
    /** Structured detail for the client: field messages, or a template's diagnostics. */
    public details?: unknown,
  ) {
    super(message);
  }
}

/** The input is wrong (a field, a parameter, a state that the input asks for). */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(message: string, details?: FieldMessage[] | unknown) {
    super(message, details);
  }
}

/** The principal may not do this. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
}

/** The thing does not exist, or is outside the principal's reach (never tell which). */
export class NotFound extends DomainError {
  readonly kind = 'notFound';
}

/** The thing's current state does not allow this (already submitted, deleted, changed by someone else). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
}

/** The thing existed but its content is lost (a file's blob missing on disk). */
export class Gone extends DomainError {
  readonly kind = 'gone';
}

/** An upload over its size limit. */
export class TooLarge extends DomainError {
  readonly kind = 'tooLarge';
}

/** An upload of a type that is not accepted. */
export class UnsupportedType extends DomainError {
  readonly kind = 'unsupportedType';
}
