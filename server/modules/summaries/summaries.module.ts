import { Module } from '@nestjs/common';
import { CollaborationModule } from '../collaboration/collaboration.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PositionsModule } from '../positions/positions.module.js';
import { ArchiveController } from './archive.controller.js';
import { CitationsQuery } from './citations/citations.query.js';
import { DigestService } from './digest/digest.service.js';
import { DiscussionQuery } from './digest/discussion.query.js';
import { RoundDocuments } from './round-documents.js';
import { SummariesController } from './summaries.controller.js';
import { SummaryPublishingService } from './summary-publishing.service.js';
import { SummaryVersionsService } from './summary-versions.service.js';

/**
 * The chairs' summary of a round: the generated digest, citations, and published (frozen) versions. The
 * live co-editing itself is the collaboration module's document `round.<id>.summary`.
 */
@Module({
  imports: [ConsultationsModule, PositionsModule, CollaborationModule, NotificationsModule],
  controllers: [SummariesController, ArchiveController],
  providers: [
    DigestService,
    DiscussionQuery,
    CitationsQuery,
    RoundDocuments,
    SummaryPublishingService,
    SummaryVersionsService,
  ],
  exports: [DigestService, CitationsQuery, RoundDocuments, SummaryVersionsService],
})
export class SummariesModule {}
