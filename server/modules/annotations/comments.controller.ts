import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  editCommentSchema,
  replySchema,
  type EditCommentInput,
  type ReplyInput,
} from '../../../shared/schemas/annotations.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { CommentsService } from './comments.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('annotations')
@Controller()
@RequireAuth()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('threads/:threadId/comments')
  @ApiOperation({ summary: 'Reply in a thread' })
  @ZodBody(replySchema)
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('threadId', uuid) threadId: string,
    @Body() body: ReplyInput,
  ) {
    return this.comments.reply(principal, threadId, body);
  }

  @Patch('comments/:commentId')
  @ApiOperation({ summary: 'Edit one’s own comment (the earlier text is kept as a revision)' })
  @ZodBody(editCommentSchema)
  edit(
    @CurrentPrincipal() principal: Principal,
    @Param('commentId', uuid) commentId: string,
    @Body() body: EditCommentInput,
  ) {
    return this.comments.edit(principal, commentId, body);
  }

  @Post('comments/:commentId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw one’s own comment (a tombstone stays in the thread)' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('commentId', uuid) commentId: string) {
    return this.comments.withdraw(principal, commentId);
  }
}
