import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import {
  listPositionsSchema,
  takePositionSchema,
  withdrawPositionSchema,
  type MyPositionsView,
  type PositionHistoryView,
  type PositionListView,
  type PositionView,
  type TalliesView,
} from '../../../shared/schemas/positions.js';
import { forbidden, notFound } from '../../common/errors.js';
import { ZodBody, ZodQuery } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { PositionsExportService } from './positions-export.service.js';
import { PositionsQuery } from './positions.query.js';
import { PositionsService } from './positions.service.js';
import { HIDDEN_TALLIES_MESSAGE, RoundReadAccess } from './round-read-access.service.js';
import { TalliesService } from './tallies.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('positions')
@Controller('rounds/:roundId')
export class PositionsController {
  constructor(
    private readonly positions: PositionsService,
    private readonly query: PositionsQuery,
    private readonly tallies: TalliesService,
    private readonly readAccess: RoundReadAccess,
    private readonly exporter: PositionsExportService,
  ) {}

  @Put('options/:optionId/position')
  @RequireAuth()
  @ZodBody(takePositionSchema)
  @ApiOperation({
    summary: 'Take or change a position on an option, in a personal capacity or for your organisation',
  })
  take(
    @CurrentPrincipal() principal: Principal,
    @Param('roundId', uuid) roundId: string,
    @Param('optionId', uuid) optionId: string,
    @Body() body: z.output<typeof takePositionSchema>,
  ): Promise<PositionView> {
    return this.positions.take(principal, roundId, optionId, body);
  }

  @Delete('options/:optionId/position')
  @RequireAuth()
  @HttpCode(204)
  @ZodQuery(withdrawPositionSchema)
  @ApiOperation({ summary: 'Withdraw a position (its history is kept)' })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('roundId', uuid) roundId: string,
    @Param('optionId', uuid) optionId: string,
    @Query() q: z.output<typeof withdrawPositionSchema>,
  ): Promise<void> {
    return this.positions.withdraw(principal, roundId, optionId, q.capacity);
  }

  @Get('tallies')
  @ApiOperation({
    summary: 'Stance counts per option, in organisations and in people, by group, membership and region',
  })
  async getTallies(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
  ): Promise<TalliesView> {
    const { talliesHidden } = await this.readAccess.load(principal, roundId);
    if (talliesHidden) return { roundId, hidden: true, reason: HIDDEN_TALLIES_MESSAGE };
    return this.tallies.compute(roundId);
  }

  @Get('positions')
  @ZodQuery(listPositionsSchema)
  @ApiOperation({
    summary: 'Current positions with rationales, filterable by option, stance and stakeholder',
  })
  async list(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Query() q: z.output<typeof listPositionsSchema>,
  ): Promise<PositionListView> {
    const { talliesHidden } = await this.readAccess.load(principal, roundId);
    if (talliesHidden) return { roundId, hidden: true, items: [] };
    return { roundId, hidden: false, items: await this.query.list(roundId, q) };
  }

  @Get('positions/mine')
  @RequireAuth()
  @ApiOperation({ summary: "The caller's own positions and their organisation's" })
  async mine(
    @CurrentPrincipal() principal: Principal,
    @Param('roundId', uuid) roundId: string,
  ): Promise<MyPositionsView> {
    await this.readAccess.load(principal, roundId);
    const own = await this.query.mine(roundId, principal.userId, principal.organisationId);
    return {
      roundId,
      ...own,
      canSpeakForOrganisation: !!principal.organisationId && principal.isFocalPoint,
      organisationName: await this.query.organisationName(principal.organisationId),
    };
  }

  @Get('positions/:positionId/revisions')
  @ApiOperation({ summary: 'Every version of a position, oldest first (withdrawals included)' })
  async history(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Param('positionId', uuid) positionId: string,
  ): Promise<PositionHistoryView> {
    const { talliesHidden } = await this.readAccess.load(principal, roundId);
    const history = await this.query.history(roundId, positionId);
    if (!history) throw notFound('The position');
    // While tallies are hidden, a history is only for the actor who owns it (the person, or their organisation).
    const own =
      principal && [`user:${principal.userId}`, `org:${principal.organisationId}`].includes(history.actorKey);
    if (talliesHidden && !own) throw forbidden(HIDDEN_TALLIES_MESSAGE);
    return history;
  }

  @Get('positions.csv')
  @ZodQuery(listPositionsSchema)
  @ApiOperation({ summary: 'Export positions as CSV (UTF-8 with BOM, formula-injection-safe)' })
  csv(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Query() q: z.output<typeof listPositionsSchema>,
    @Res() res: Response,
  ): Promise<void> {
    return this.exporter.stream(principal, roundId, q, 'csv', res);
  }

  @Get('positions.json')
  @ZodQuery(listPositionsSchema)
  @ApiOperation({ summary: 'Export positions as JSON' })
  json(
    @CurrentPrincipal() principal: Principal | null,
    @Param('roundId', uuid) roundId: string,
    @Query() q: z.output<typeof listPositionsSchema>,
    @Res() res: Response,
  ): Promise<void> {
    return this.exporter.stream(principal, roundId, q, 'json', res);
  }
}
