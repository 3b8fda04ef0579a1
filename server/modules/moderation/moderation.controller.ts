import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { flagCommentSchema, moderationDecisionSchema } from '../../../shared/schemas/annotations.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { ModerationService } from './moderation.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('moderation')
@Controller()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('comments/:commentId/flags')
  @RequireAuth()
  @HttpCode(201)
  @ApiOperation({ summary: 'Flag a comment for the moderators, with a reason' })
  @ZodBody(flagCommentSchema)
  flag(
    @CurrentPrincipal() principal: Principal,
    @Param('commentId', uuid) commentId: string,
    @Body() body: { reason: string },
  ) {
    return this.moderation.flag(principal, commentId, body.reason);
  }

  @Post('comments/:commentId/hide')
  @RequireAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide a comment with a public reason (secretariat, chairs); never deletes' })
  @ZodBody(moderationDecisionSchema)
  hide(
    @CurrentPrincipal() principal: Principal,
    @Param('commentId', uuid) commentId: string,
    @Body() body: { reason: string },
  ) {
    return this.moderation.hide(principal, commentId, body.reason);
  }

  @Post('comments/:commentId/unhide')
  @RequireAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Show a hidden comment again, with a public reason' })
  @ZodBody(moderationDecisionSchema)
  unhide(
    @CurrentPrincipal() principal: Principal,
    @Param('commentId', uuid) commentId: string,
    @Body() body: { reason: string },
  ) {
    return this.moderation.unhide(principal, commentId, body.reason);
  }

  @Get('consultations/:id/moderation/queue')
  @RequireAuth()
  @ApiOperation({ summary: 'Flagged comments awaiting a decision (secretariat, chairs)' })
  queue(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string) {
    return this.moderation.queue(principal, id);
  }

  @Get('consultations/:id/moderation/log')
  @ApiOperation({ summary: 'The public moderation log: what was hidden or shown again, and why' })
  log(@CurrentPrincipal() principal: Principal | null, @Param('id', uuid) id: string) {
    return this.moderation.log(principal, id);
  }
}
