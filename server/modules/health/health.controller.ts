import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { RedisService } from '../../integrations/redis/redis.service.js';

type Check = { status: 'up' | 'down' | 'not_configured'; detail?: string };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: 200 when every configured dependency answers, 503 otherwise' })
  async health(@Res() res: Response) {
    const database: Check & { embedded?: boolean } = await this.db
      .query('SELECT 1')
      .then(() => ({ status: 'up' as const }))
      .catch((err: Error) => ({ status: 'down' as const, detail: err.message }));
    database.embedded = this.config.get('DATABASE_EMBEDDED');
    const redis: Check = !this.redis.enabled
      ? { status: 'not_configured' }
      : (await this.redis.ping())
        ? { status: 'up' }
        : { status: 'down' };
    const ok = database.status === 'up' && redis.status !== 'down';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', database, redis });
  }
}
