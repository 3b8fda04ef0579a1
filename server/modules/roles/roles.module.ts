import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ConsultationRolesController } from './consultation-roles.controller.js';
import { ConsultationRolesService } from './consultation-roles.service.js';

@Module({
  imports: [ConsultationsModule],
  controllers: [ConsultationRolesController],
  providers: [ConsultationRolesService],
})
export class RolesModule {}
