import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { PositionsModule } from '../positions/positions.module.js';
import { SummariesModule } from '../summaries/summaries.module.js';
import { ClosingRecordStream } from './closing-record.stream.js';
import { CommentsCsvService } from './comments-csv.service.js';
import { CommentsExportQuery } from './comments-export.query.js';
import { ExportAccess } from './export-access.service.js';
import { ExportsController } from './exports.controller.js';
import { RoundExportService } from './round-export.service.js';

/** Streamed exports of a round: the full record as JSON, comments as CSV. */
@Module({
  imports: [ConsultationsModule, PositionsModule, SummariesModule],
  controllers: [ExportsController],
  providers: [ExportAccess, ClosingRecordStream, CommentsExportQuery, CommentsCsvService, RoundExportService],
})
export class ExportsModule {}
