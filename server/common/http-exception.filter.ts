import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toApiError } from './error-body.js';
import { RateLimited } from './errors.js';

/** The one place HTTP errors are shaped: `{ statusCode, code, message, requestId }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request & { id?: string }>();
    const body = toApiError(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    if (res.headersSent) return;
    if (exception instanceof RateLimited) res.setHeader('Retry-After', exception.retryAfterSeconds);
    res.status(body.statusCode).json({ ...body, requestId: req.id });
  }
}
