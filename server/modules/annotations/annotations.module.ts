import { Module } from '@nestjs/common';
import { CollabDocuments } from '../collaboration/collab-documents.service.js';
import { CollaborationModule } from '../collaboration/collaboration.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AnnotationsRoundListener } from './annotations-round.listener.js';
import { CommentSearchService } from './comment-search.service.js';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';
import { DemoThreadsListener } from './demo-threads.listener.js';
import { DraftSource } from './draft-source.js';
import { MentionablePeople } from './mentionable.service.js';
import { RoundAccess } from './round-access.js';
import { ThreadEvents } from './thread-events.js';
import { ThreadReader } from './thread-reader.service.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadsService } from './threads.service.js';

@Module({
  imports: [ConsultationsModule, NotificationsModule, CollaborationModule],
  controllers: [ThreadsController, CommentsController],
  providers: [
    // Anchors resolve against the collaboration server's own committed copy of each draft.
    { provide: DraftSource, useExisting: CollabDocuments },
    RoundAccess,
    ThreadEvents,
    ThreadReader,
    ThreadsService,
    CommentsService,
    CommentSearchService,
    MentionablePeople,
    AnnotationsRoundListener,
    DemoThreadsListener,
  ],
  exports: [RoundAccess, ThreadEvents, ThreadReader],
})
export class AnnotationsModule {}
