import { Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggingModule } from './common/logging.module.js';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { RedisModule } from './integrations/redis/redis.module.js';
import { AnnotationsModule } from './modules/annotations/annotations.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CollaborationModule } from './modules/collaboration/collaboration.module.js';
import { ConsultationsModule } from './modules/consultations/consultations.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { PositionsModule } from './modules/positions/positions.module.js';
import { ModerationModule } from './modules/moderation/moderation.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { RolesModule } from './modules/roles/roles.module.js';
import { RoundsModule } from './modules/rounds/rounds.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { SummariesModule } from './modules/summaries/summaries.module.js';
import { SeedModule } from './modules/seed/seed.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    EventEmitterModule.forRoot(),
    ScheduleModule.forRoot(),
    AuditModule,
    AuthModule,
    RealtimeModule,
    ConsultationsModule,
    RoundsModule,
    HealthModule,
    PositionsModule,
    OrganisationsModule,
    UsersModule,
    RolesModule,
    AnnotationsModule,
    ModerationModule,
    NotificationsModule,
    SeedModule,
    SummariesModule,
    ExportsModule,
    CollaborationModule,
  ],
})
export class AppModule {}
