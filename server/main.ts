import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureApp } from './bootstrap.js';
import { ConfigurationError } from './config/env.schema.js';
import { prepareEnvironment } from './prepare-environment.js';

async function main() {
  const { env, embedded } = await prepareEnvironment();
  // Imported only now: ConfigModule.forRoot validates the environment when the module file loads.
  const { AppModule } = await import('./app.module.js');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureApp(app);

  // Own signal handling: Nest's shutdown hooks would re-raise the signal before the embedded database and
  // pending document writes are flushed.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ level: 30, msg: `Received ${signal}, shutting down` }));
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen(env.PORT, env.HOST);
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  console.log(
    JSON.stringify({
      level: 30,
      msg: `Consulta is listening on ${url} (database: ${embedded ? 'embedded' : 'PostgreSQL'})`,
    }),
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigurationError) console.error(err.message);
  else if (err instanceof Error && /already in use by process/.test(err.message)) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
