import { Module } from '@nestjs/common';
import { SmsModule } from '../sms/sms.module';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { MailModule } from '../mail/mail.module';
import { CheckIn } from './check-in.entity';
import { CheckInPlannerService } from './check-in-planner.service';
import { CheckInSenderService } from './check-in-sender.service';
import { CheckInsController } from './check-ins.controller';
import { FollowUpSettingsService } from './follow-up-settings.service';
import { CheckInStepsService } from './check-in-steps.service';

/** The two-sided follow-up after each placement starts: plan, sending, answers. */
@Module({
  imports: [TypeOrmModule.forFeature([CheckIn]), AlertsModule, MailModule, SmsModule],
  controllers: [CheckInsController],
  providers: [CheckInPlannerService, CheckInSenderService, FollowUpSettingsService, CheckInStepsService],
  exports: [CheckInPlannerService, CheckInSenderService, FollowUpSettingsService, CheckInStepsService],
})
export class CheckInsModule {}
