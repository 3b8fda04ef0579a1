import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module.js';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ModerationController } from './moderation.controller.js';
import { ModerationService } from './moderation.service.js';

@Module({
  imports: [AnnotationsModule, ConsultationsModule],
  controllers: [ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
