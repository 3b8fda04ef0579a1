import { Module } from '@nestjs/common';
import * as Y from 'yjs';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AnnotationsRoundListener } from './annotations-round.listener.js';
import { CommentSearchService } from './comment-search.service.js';
import { CommentsController } from './comments.controller.js';
import { CommentsService } from './comments.service.js';
import { DraftSource } from './draft-source.js';
import { MentionablePeople } from './mentionable.service.js';
import { RoundAccess } from './round-access.js';
import { ThreadEvents } from './thread-events.js';
import { ThreadReader } from './thread-reader.service.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadsService } from './threads.service.js';

@Module({
  imports: [ConsultationsModule, NotificationsModule],
  controllers: [ThreadsController, CommentsController],
  providers: [
    // TEMPORARY until the collab branch is merged: an empty draft. Replaced by CollabDocuments.
    { provide: DraftSource, useValue: { read: () => Promise.resolve(new Y.Doc()) } },
    RoundAccess,
    ThreadEvents,
    ThreadReader,
    ThreadsService,
    CommentsService,
    CommentSearchService,
    MentionablePeople,
    AnnotationsRoundListener,
  ],
  exports: [RoundAccess, ThreadEvents, ThreadReader],
})
export class AnnotationsModule {}
