import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { markReadSchema, notificationsQuerySchema } from '../../../shared/schemas/annotations.js';
import { ZodBody, ZodQuery } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
@RequireAuth()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My latest notifications (100) and how many are unread' })
  @ZodQuery(notificationsQuerySchema)
  list(@CurrentPrincipal() principal: Principal, @Query() query: { unread?: 'true' | 'false' }) {
    return this.notifications.list(principal.userId, query.unread === 'true');
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the given notifications read (all of them without ids)' })
  @ZodBody(markReadSchema)
  markRead(@CurrentPrincipal() principal: Principal, @Body() body: { ids?: string[] }) {
    return this.notifications.markRead(principal.userId, body.ids);
  }
}
