import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.service.js';

/** Query parameters that carry credentials: they are cut from every logged URL. */
const SECRET_PARAMS =
  /([?&;](?:token|ticket|access_token|refresh_token|id_token|jwt|auth|authorization|password|code)=)[^&#;]*/gi;
/** Anything shaped like a JWT, wherever it sits in the URL (path segment, oddly named parameter). */
const JWT_LIKE = /eyJ[\w-]{4,}\.[\w-]+\.[\w-]*/g;

export const redactUrl = (url: string | undefined) =>
  (url ?? '').replace(SECRET_PARAMS, '$1[redacted]').replace(JWT_LIKE, '[redacted]');

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          genReqId: (req: IncomingMessage) => {
            const given = req.headers['x-request-id'];
            return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
          },
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            censor: '[redacted]',
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
            }),
          },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
