import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '../../shared/domain.js';

/**
 * A failure a user can act on. One class for every transport: the HTTP filter answers with its status and
 * code, socket handlers acknowledge with the same body, the collaboration socket closes with it.
 */
export class DomainError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super({ statusCode: status, code, message, ...(fields?.length ? { fields } : {}) }, status);
  }
}

/** A 429 that says when to try again: the HTTP filter sends it as `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, ERROR_CODES.RATE_LIMITED, message);
  }
}

export const notFound = (what: string) =>
  new DomainError(HttpStatus.NOT_FOUND, ERROR_CODES.NOT_FOUND, `${what} was not found`);

export const forbidden = (message: string) =>
  new DomainError(HttpStatus.FORBIDDEN, ERROR_CODES.FORBIDDEN, message);

export const unauthenticated = (message = 'Sign in to do this') =>
  new DomainError(HttpStatus.UNAUTHORIZED, ERROR_CODES.UNAUTHENTICATED, message);

export const conflict = (message: string, code: string = ERROR_CODES.CONFLICT) =>
  new DomainError(HttpStatus.CONFLICT, code, message);

export const roundClosed = (roundNumber?: number) =>
  new DomainError(
    HttpStatus.CONFLICT,
    ERROR_CODES.ROUND_CLOSED,
    `Round${roundNumber ? ` ${roundNumber}` : ''} is closed: its draft, threads and positions are frozen on record`,
  );

/** A 400. Name the fields at fault when there are any: forms mark them and translate the rule. */
export const invalid = (message: string, fields?: FieldIssue[]) =>
  new DomainError(HttpStatus.BAD_REQUEST, ERROR_CODES.VALIDATION, message, fields);

/** A 400 about one field: "rationale: at most 500 characters". */
export const invalidField = (field: string, rule: FieldIssue['rule'], message: string, limit?: number) =>
  invalid(`${field}: ${message}`, [{ field, rule, message, ...(limit !== undefined ? { limit } : {}) }]);
