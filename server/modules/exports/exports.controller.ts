import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { exportScopeSchema } from '../../../shared/schemas/summaries.js';
import { ZodQuery } from '../../common/zod-validation.js';
import { CurrentPrincipal } from '../auth/auth.guards.js';
import type { Principal } from '../policy/principal.js';
import { CommentsCsvService } from './comments-csv.service.js';
import { ExportAccess } from './export-access.service.js';
import { RoundExportService } from './round-export.service.js';

const uuid = new ParseUUIDPipe();

/** Exports of a round for analysts and for the record. Positions' CSV/JSON stay with the positions module. */
@ApiTags('exports')
@Controller('rounds/:id')
export class ExportsController {
  constructor(
    private readonly access: ExportAccess,
    private readonly json: RoundExportService,
    private readonly csv: CommentsCsvService,
  ) {}

  @Get('export.json')
  @ZodQuery(exportScopeSchema)
  @ApiOperation({ summary: 'The round’s full record as JSON (docs/export-format.md), streamed' })
  async exportJson(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
    @Query() query: { scope: 'public' | 'full' },
    @Res() res: Response,
  ) {
    await this.json.stream(await this.access.load(principal, id, query.scope), res);
  }

  @Get('comments.csv')
  @ZodQuery(exportScopeSchema)
  @ApiOperation({ summary: 'The round’s comments as CSV (formula-injection-safe), streamed' })
  async commentsCsv(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
    @Query() query: { scope: 'public' | 'full' },
    @Res() res: Response,
  ) {
    await this.csv.stream(await this.access.load(principal, id, query.scope), res);
  }
}
