import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RoundView } from '../../../shared/schemas/consultations.js';
import {
  CLOSING_DIGEST_FIELDS,
  type ClosingRecord,
  type ClosingRecordView,
  type CreateRoundInput,
  type OpenRoundInput,
  type RoundChangeView,
  type RoundVerificationView,
  type UpdateRoundInput,
  createRoundSchema,
  openRoundSchema,
  updateRoundSchema,
} from '../../../shared/schemas/rounds.js';
import { conflict } from '../../common/errors.js';
import { ZodBody } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { toRoundView } from '../consultations/consultation.views.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { DIGEST_RECIPE, fullRecord, publicRecord } from './closing-record.js';
import { RoundChangesService } from './round-changes.service.js';
import { RoundClosingService } from './round-closing.service.js';
import { RoundsService } from './rounds.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('rounds')
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly closing: RoundClosingService,
    private readonly access: ConsultationAccess,
    private readonly changeLog: RoundChangesService,
    private readonly policy: PolicyService,
  ) {}

  @Post('consultations/:id/rounds')
  @RequireAuth()
  @ZodBody(createRoundSchema)
  @ApiOperation({ summary: 'Schedule the next round (it starts from the previous round’s final draft)' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) consultationId: string,
    @Body() body: CreateRoundInput,
  ): Promise<RoundView> {
    await this.access.assert(principal, consultationId, 'round.manage');
    return this.rounds.create(consultationId, body, { userId: principal.userId });
  }

  @Get('rounds/:id')
  @ApiOperation({ summary: 'One round, naming its draft and summary documents' })
  async get(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<RoundView> {
    const { round, ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'consultation.read', ctx);
    return toRoundView(round);
  }

  @Post('rounds/:id/open')
  @HttpCode(200)
  @RequireAuth()
  @ZodBody(openRoundSchema)
  @ApiOperation({
    summary:
      'Open a scheduled round (at most one open round per consultation), setting its deadline if given',
  })
  async open(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: OpenRoundInput,
  ): Promise<RoundView> {
    const { ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'round.manage', ctx);
    return toRoundView((await this.rounds.open(id, { userId: principal.userId }, body))!);
  }

  @Post('rounds/:id/close')
  @HttpCode(200)
  @RequireAuth()
  @ApiOperation({ summary: 'Close an open round now: freeze it and seal its closing record' })
  async close(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<RoundView> {
    const { ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'round.manage', ctx);
    return toRoundView((await this.closing.close(id, { by: 'secretariat', actorId: principal.userId }))!);
  }

  @Patch('rounds/:id')
  @RequireAuth()
  @ZodBody(updateRoundSchema)
  @ApiOperation({
    summary: 'Reschedule a scheduled round, or move an open round’s deadline (never into the past)',
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateRoundInput,
  ): Promise<RoundView> {
    const { ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'round.manage', ctx);
    return this.rounds.reschedule(id, body, { userId: principal.userId });
  }

  @Get('rounds/:id/changes')
  @ApiOperation({ summary: 'What changed (options, settings) between the previous round and this one' })
  async changes(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<RoundChangeView[]> {
    const { round, ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'consultation.read', ctx);
    const previous = round.previousRoundId ? await this.rounds.findOrFail(round.previousRoundId) : null;
    return this.changeLog.since(round, previous);
  }

  @Get('rounds/:id/record')
  @ApiOperation({
    summary: 'The closing record and its SHA-256 digest, to recompute and compare',
    description: DIGEST_RECIPE,
  })
  async record(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<ClosingRecordView> {
    const round = await this.rounds.findOrFail(id);
    const { ctx } = await this.access.context(principal, round.consultationId);
    this.policy.assert(principal, 'consultation.read', ctx);
    if (!round.closingRecord || !round.closingDigest)
      throw conflict(`Round ${round.number} is not closed yet: it has no closing record`);
    const stored = round.closingRecord as unknown as ClosingRecord;
    // The secretariat exports everything; other readers get withheld items as their hashes.
    const { record, redacted, withheld } = this.policy.can(principal, 'export.full', ctx)
      ? { record: fullRecord(stored), redacted: 0, withheld: 0 }
      : publicRecord(stored);
    return {
      record,
      digest: round.closingDigest,
      algorithm: 'sha256',
      digestOf: CLOSING_DIGEST_FIELDS,
      recipe: DIGEST_RECIPE,
      redactedItems: redacted,
      withheldItems: withheld,
      accountIdsLeftOut: redacted - withheld,
    };
  }

  @Get('rounds/:id/verify')
  @ApiOperation({ summary: 'Re-gather the closed round’s content and check it against the digest' })
  async verify(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<RoundVerificationView> {
    const { ctx } = await this.access.roundContext(principal, id);
    this.policy.assert(principal, 'consultation.read', ctx);
    return this.closing.verify(id);
  }
}
