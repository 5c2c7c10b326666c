import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailService } from './mail.service';
import { MailerService } from './mailer.service';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxService } from './outbox.service';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [MailerService, OutboxService, MailService],
  exports: [MailerService, OutboxService, MailService],
})
export class MailModule {}
