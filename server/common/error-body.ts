import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ApiError } from '../../shared/domain.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: ERROR_CODES.VALIDATION,
  401: ERROR_CODES.UNAUTHENTICATED,
  403: ERROR_CODES.FORBIDDEN,
  404: ERROR_CODES.NOT_FOUND,
  409: ERROR_CODES.CONFLICT,
  429: ERROR_CODES.RATE_LIMITED,
};

/**
 * Turns anything thrown into the public error body. Unknown errors become a plain 500 whose details stay in
 * the log: a stack trace never reaches a client.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    let message = err.message;
    let code = CODE_BY_STATUS[status] ?? `HTTP_${status}`;
    if (typeof response === 'object' && response !== null) {
      const body = response as { message?: unknown; code?: unknown; fields?: unknown };
      if (Array.isArray(body.message)) message = body.message.join('; ');
      else if (typeof body.message === 'string') message = body.message;
      if (typeof body.code === 'string') code = body.code;
      if (Array.isArray(body.fields)) return { statusCode: status, code, message, fields: body.fields };
    }
    return { statusCode: status, code, message };
  }
  // body-parser's errors carry a status and a type; they are the client's fault, not ours.
  const e = err as { type?: string; status?: number; statusCode?: number };
  if (
    e &&
    typeof e === 'object' &&
    typeof e.type === 'string' &&
    typeof (e.status ?? e.statusCode) === 'number'
  ) {
    const status = (e.status ?? e.statusCode) as number;
    const messages: Record<string, string> = {
      'entity.parse.failed': 'The request body is not valid JSON',
      'entity.too.large': 'The request body is too large',
      'encoding.unsupported': 'The request body encoding is not supported',
      'charset.unsupported': 'The request body charset is not supported',
    };
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? `HTTP_${status}`,
      message: messages[e.type] ?? 'The request body could not be read',
    };
  }
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Internal server error' };
}
