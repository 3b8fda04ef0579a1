import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { CollabAuth } from './collab-auth.service.js';
import { CollabConfig } from './collab-config.js';
import { CollabDocuments } from './collab-documents.service.js';
import { CollabRightsListener } from './collab-rights.listener.js';
import { CollabRoundsListener } from './collab-rounds.listener.js';
import { CollabServer } from './collab-server.service.js';
import { CollabTicketsController } from './collab-tickets.controller.js';
import { CollabTickets } from './collab-tickets.service.js';
import { DocStore } from './persistence/doc-store.service.js';
import { CollabRedisBridge } from './redis-bridge.service.js';

/**
 * Live drafts: the y-websocket endpoint /collab/<docName>, its PostgreSQL persistence and Redis relay.
 * Other modules read or seed documents through `CollabDocuments` (`read`, `replaceInitialState`).
 */
@Module({
  imports: [ConsultationsModule],
  controllers: [CollabTicketsController],
  providers: [
    CollabConfig,
    CollabTickets,
    CollabAuth,
    DocStore,
    CollabRedisBridge,
    CollabDocuments,
    CollabServer,
    CollabRightsListener,
    CollabRoundsListener,
  ],
  exports: [CollabDocuments],
})
export class CollaborationModule {}
