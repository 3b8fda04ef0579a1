import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [ConsultationsModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
