import { Module } from '@nestjs/common';
import { ConsultationAccess } from './consultation-access.service.js';
import { ConsultationsController } from './consultations.controller.js';
import { ConsultationsService } from './consultations.service.js';

@Module({
  controllers: [ConsultationsController],
  providers: [ConsultationsService, ConsultationAccess],
  exports: [ConsultationsService, ConsultationAccess],
})
export class ConsultationsModule {}
