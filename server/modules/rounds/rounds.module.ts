import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { RoundChangesService } from './round-changes.service.js';
import { RoundClosingService } from './round-closing.service.js';
import { RoundOptionsSnapshot } from './round-options.snapshot.js';
import { RoundScheduler } from './round-scheduler.service.js';
import { RoundsController } from './rounds.controller.js';
import { RoundsService } from './rounds.service.js';

@Module({
  imports: [ConsultationsModule],
  controllers: [RoundsController],
  providers: [RoundsService, RoundClosingService, RoundOptionsSnapshot, RoundScheduler, RoundChangesService],
  exports: [RoundsService, RoundClosingService, RoundScheduler],
})
export class RoundsModule {}
