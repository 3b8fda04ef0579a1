import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service.js';
import { parseEnv } from './env.schema.js';

@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: parseEnv })],
  providers: [AppConfig],
  exports: [AppConfig],
})
export class AppConfigModule {}
