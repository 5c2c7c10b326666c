import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MailModule } from '../mail/mail.module';
import { HealthController } from './health.controller';
import { RedisHealthIndicator, SmtpHealthIndicator } from './health.indicators';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), MailModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, SmtpHealthIndicator],
})
export class HealthModule {}
