import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { z } from 'zod';
import { parseOrThrow } from '../../common/zod-validation.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CITATION_KINDS,
  citationSearchSchema,
  publishSummarySchema,
  type CitationCandidate,
  type CitationKind,
  type CitationView,
  type ClosingDraftView,
  type DigestView,
  type SummaryVersionMeta,
  type SummaryVersionView,
} from '../../../shared/schemas/summaries.js';
import { conflict, forbidden, invalid, notFound } from '../../common/errors.js';
import { ZodBody, ZodQuery } from '../../common/zod-validation.js';
import { CurrentPrincipal, RequireAuth } from '../auth/auth.guards.js';
import { ConsultationAccess } from '../consultations/consultation-access.service.js';
import { PolicyService } from '../policy/policy.service.js';
import type { Principal } from '../policy/principal.js';
import { HIDDEN_TALLIES_MESSAGE, RoundReadAccess } from '../positions/round-read-access.service.js';
import { CitationsQuery } from './citations/citations.query.js';
import { DigestService } from './digest/digest.service.js';
import type { SummaryLanguage } from './render/labels.js';
import { RoundDocuments } from './round-documents.js';
import { SummaryPublishingService } from './summary-publishing.service.js';
import { SummaryVersionsService } from './summary-versions.service.js';

const uuid = new ParseUUIDPipe();

/** A published version's number: a positive integer that fits the column, else a clear 400. */
const versionNumberSchema = z.coerce
  .number({ message: 'must be a version number' })
  .int()
  .min(1)
  .max(2_147_483_647);
const versionNumber = { transform: (value: unknown) => parseOrThrow(versionNumberSchema, value) };

@ApiTags('summaries')
@Controller()
export class SummariesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readAccess: RoundReadAccess,
    private readonly access: ConsultationAccess,
    private readonly policy: PolicyService,
    private readonly digest: DigestService,
    private readonly publishing: SummaryPublishingService,
    private readonly versions: SummaryVersionsService,
    private readonly citations: CitationsQuery,
    private readonly documents: RoundDocuments,
  ) {}

  @Get('rounds/:id/digest')
  @ApiOperation({
    summary:
      'The digest generated from the round: tallies, divergence, passages, rationales, threads, participation',
  })
  async getDigest(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<DigestView> {
    const { round, talliesHidden } = await this.readAccess.load(principal, id);
    return this.digest.generate(round, { talliesHidden });
  }

  @Post('rounds/:id/summary/versions')
  @RequireAuth()
  @ZodBody(publishSummarySchema)
  @ApiOperation({ summary: 'Publish the summary as it stands: frozen HTML and Markdown, hashed and audited' })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: { changeNote: string; language: SummaryLanguage },
  ): Promise<SummaryVersionView> {
    const { round, ctx } = await this.readAccess.load(principal, id);
    this.policy.assert(principal, 'summary.publish', ctx);
    return this.publishing.publish(round, principal, body.changeNote, body.language);
  }

  @Get('rounds/:id/summary/versions')
  @ApiOperation({ summary: 'Every published version of the round’s summary (newest last)' })
  async list(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<SummaryVersionMeta[]> {
    const { round } = await this.readAccess.load(principal, id);
    return this.versions.list(round.id);
  }

  @Get('rounds/:id/summary/versions/:n.md')
  @ApiOperation({ summary: 'A published version as Markdown' })
  async markdown(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
    @Param('n', versionNumber) n: number,
    @Res() res: Response,
  ) {
    const v = await this.version(principal, id, n);
    res.type('text/markdown; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="summary-round-${id.slice(0, 8)}-v${v.number}.md"`,
    );
    res.send(v.markdown);
  }

  @Get('rounds/:id/summary/versions/:n.html')
  @ApiOperation({ summary: 'A published version as a standalone HTML document' })
  async html(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
    @Param('n', versionNumber) n: number,
    @Res() res: Response,
  ) {
    const v = await this.version(principal, id, n);
    res.type('text/html; charset=utf-8');
    // The document is ours, built by an allowlist; the CSP is the second lock: no script runs in it at all.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'");
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="summary-round-${id.slice(0, 8)}-v${v.number}.html"`,
    );
    res.send(this.versions.standaloneHtml(v));
  }

  @Get('rounds/:id/summary/versions/:n')
  @ApiOperation({ summary: 'A published version: its HTML, Markdown, document and SHA-256' })
  async one(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
    @Param('n', versionNumber) n: number,
  ): Promise<SummaryVersionView> {
    return this.version(principal, id, n);
  }

  @Get('rounds/:id/citations')
  @RequireAuth()
  @ZodQuery(citationSearchSchema)
  @ApiOperation({ summary: 'Search the round’s positions and visible comments to cite (chairs)' })
  async search(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Query() query: { q: string },
  ): Promise<CitationCandidate[]> {
    const { round, ctx } = await this.readAccess.load(principal, id);
    this.policy.assert(principal, 'summary.edit', ctx);
    return this.citations.search(this.db.manager, round.id, query.q);
  }

  @Get('citations/:kind/:id')
  @ApiOperation({
    summary: 'What a citation points at: quote, author, organisation, group (hidden stays hidden)',
  })
  async citation(
    @CurrentPrincipal() principal: Principal | null,
    @Param('kind') kind: string,
    @Param('id', uuid) id: string,
  ): Promise<CitationView> {
    if (!(CITATION_KINDS as readonly string[]).includes(kind))
      throw invalid(`kind: one of ${CITATION_KINDS.join(', ')}`);
    const view = (await this.citations.resolve(this.db.manager, [{ kind: kind as CitationKind, id }])).get(
      `${kind}:${id}`,
    );
    if (!view) throw notFound('The cited contribution');
    const { talliesHidden } = await this.readAccess.load(principal, view.roundId);
    if (kind === 'position' && talliesHidden) throw forbidden(HIDDEN_TALLIES_MESSAGE);
    return view;
  }

  @Get('rounds/:id/draft-at-closing')
  @ApiOperation({
    summary: 'The draft as sealed in the closing record: plain text (for diffs) and safe HTML (to read)',
  })
  async draftAtClosing(
    @CurrentPrincipal() principal: Principal | null,
    @Param('id', uuid) id: string,
  ): Promise<ClosingDraftView> {
    const { round } = await this.readAccess.load(principal, id);
    if (round.status !== 'closed') throw conflict(`Round ${round.number} is not closed yet`);
    const { text, html } = await this.documents.draftOnRecord(round);
    return { roundId: round.id, number: round.number, closedAt: round.closedAt!.toISOString(), text, html };
  }

  private async version(principal: Principal | null, roundId: string, n: number) {
    const { round } = await this.readAccess.load(principal, roundId);
    return this.versions.get(round.id, n);
  }
}
