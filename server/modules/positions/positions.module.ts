import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { DemoPositionsListener } from './demo-positions.listener.js';
import { PositionsClosingListener } from './positions-closing.listener.js';
import { PositionsExportService } from './positions-export.service.js';
import { PositionsController } from './positions.controller.js';
import { PositionsQuery } from './positions.query.js';
import { PositionsService } from './positions.service.js';
import { RoundReadAccess } from './round-read-access.service.js';
import { TalliesService } from './tallies.service.js';
import { TallyBroadcaster } from './tally-broadcaster.service.js';

/**
 * Positions on options, their live tallies, the rationales list, the export and the positions section of a
 * round's closing record. Discussion threads on a position (target `position`) belong to the annotations module.
 */
@Module({
  imports: [ConsultationsModule],
  controllers: [PositionsController],
  providers: [
    PositionsService,
    PositionsQuery,
    TalliesService,
    TallyBroadcaster,
    RoundReadAccess,
    PositionsExportService,
    PositionsClosingListener,
    DemoPositionsListener,
  ],
  exports: [TalliesService, PositionsQuery, RoundReadAccess],
})
export class PositionsModule {}
