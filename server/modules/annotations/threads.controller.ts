import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  createThreadSchema,
  listThreadsQuerySchema,
  searchCommentsQuerySchema,
  threadStatusSchema,
  type CreateThreadInput,
} from '../../../shared/schemas/annotations.js';
import { ZodBody, ZodQuery, parseOrThrow } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { CommentSearchService, type CommentSearch } from './comment-search.service.js';
import { MentionablePeople } from './mentionable.service.js';
import { ThreadsService } from './threads.service.js';

const uuid = new ParseUUIDPipe();
const mentionableQuerySchema = z.strictObject({ q: z.string().max(100).optional() });

@ApiTags('annotations')
@Controller()
export class ThreadsController {
  constructor(
    private readonly threads: ThreadsService,
    private readonly search: CommentSearchService,
    private readonly mentionable: MentionablePeople,
  ) {}

  @Get('rounds/:roundId/threads')
  @ApiOperation({
    summary: 'The round’s threads with their comments and each anchor’s current status',
    description: 'With `since`, only threads changed after it (pass back the previous answer’s `asOf`).',
  })
  @ZodQuery(listThreadsQuerySchema)
  list(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Query() query: { since?: string },
  ) {
    return this.threads.list(principal, roundId, query.since);
  }

  @Post('rounds/:roundId/threads')
  @RequireAuth()
  @ApiOperation({
    summary: 'Open a thread on a passage (anchor), an option or the round, with its first comment',
  })
  @ZodBody(createThreadSchema)
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('roundId', uuid) roundId: string,
    @Body() body: CreateThreadInput,
  ) {
    return this.threads.create(principal, roundId, body);
  }

  @Patch('threads/:threadId')
  @RequireAuth()
  @ApiOperation({ summary: 'Resolve or reopen a thread (secretariat, chairs, the thread’s author)' })
  @ZodBody(threadStatusSchema)
  setStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('threadId', uuid) threadId: string,
    @Body() body: { status: 'open' | 'resolved' },
  ) {
    return this.threads.setStatus(principal, threadId, body.status);
  }

  @Get('rounds/:roundId/comments/search')
  @ApiOperation({ summary: 'Full-text search over the round’s comments, by thread status, option and group' })
  @ZodQuery(searchCommentsQuerySchema)
  searchComments(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Query() query: CommentSearch,
  ) {
    return this.search.search(principal, roundId, query);
  }

  @Get('rounds/:roundId/mentionable')
  @RequireAuth()
  @ApiOperation({ summary: 'People one may @mention in this round (enrolled people and those who wrote)' })
  people(
    @CurrentPrincipal() principal: Principal,
    @Param('roundId', uuid) roundId: string,
    @Query('q') q?: string,
  ) {
    const { q: query } = parseOrThrow(mentionableQuerySchema, { q });
    return this.mentionable.find(principal, roundId, query ?? '');
  }
}
