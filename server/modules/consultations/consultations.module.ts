import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller.js';
import { ConsultationAccess } from './consultation-access.service.js';
import { ConsultationAdminService } from './consultation-admin.service.js';
import { ConsultationsController } from './consultations.controller.js';
import { ConsultationsService } from './consultations.service.js';
import { OptionsService } from './options.service.js';

@Module({
  controllers: [ConsultationsController, AuditLogController],
  providers: [ConsultationsService, ConsultationAccess, ConsultationAdminService, OptionsService],
  exports: [ConsultationsService, ConsultationAccess, ConsultationAdminService],
})
export class ConsultationsModule {}
