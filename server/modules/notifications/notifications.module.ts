import { Module } from '@nestjs/common';
import { EmailSender } from './email-sender.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';
import { RoundNoticesListener } from './round-notices.listener.js';

@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, EmailSender, RoundNoticesListener],
  exports: [NotificationsService, EmailSender],
})
export class NotificationsModule {}
