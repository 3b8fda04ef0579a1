import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.service.js';
import { databaseOptions } from './database.options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl, config.get('DATABASE_POOL_SIZE')),
        logging: ['error', 'warn', 'migration'],
      }),
    }),
  ],
})
export class DatabaseModule {}
