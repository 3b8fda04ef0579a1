import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { RealtimeIoAdapter } from './modules/realtime/realtime-io.adapter.js';

/** Where `vite build` puts the client. Resolved from the working directory, as `npm start` runs it. */
export const CLIENT_DIR = resolve(process.env.CLIENT_DIR ?? join(process.cwd(), 'dist/client'));

/**
 * Everything `main.ts` and the tests both need, so the app under test is the app in production:
 * API prefix, errors, OpenAPI, the static client and its history fallback.
 */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new RealtimeIoAdapter(app));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '256kb' });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });

  const openApi = new DocumentBuilder()
    .setTitle('Consulta API')
    .setDescription('Multi-stakeholder consultations: rounds, drafts, threads, positions and summaries.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });

  if (existsSync(join(CLIENT_DIR, 'index.html'))) serveClient(app);
}

function serveClient(app: NestExpressApplication): void {
  // Hashed assets never change under their name; index.html must always be revalidated.
  app.useStaticAssets(CLIENT_DIR, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join('/', 'assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  // The page links /favicon.svg; what asks for the conventional /favicon.ico (old browsers, crawlers) goes there.
  app.use('/favicon.ico', (_req: Request, res: Response) => res.redirect(301, '/favicon.svg'));
  const indexHtml = join(CLIENT_DIR, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage =
      req.method === 'GET' &&
      !req.path.startsWith('/api/') &&
      req.path !== '/api' &&
      !req.path.startsWith('/socket.io') &&
      !req.path.startsWith('/collab') &&
      (req.headers.accept ?? '').includes('text/html');
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
