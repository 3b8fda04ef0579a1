import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { SocketAccessListener } from './socket-access.listener.js';

@Module({ imports: [ConsultationsModule], providers: [RealtimeGateway, SocketAccessListener] })
export class RealtimeModule {}
