import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffAlert } from './staff-alert.entity';
import { MailModule } from '../mail/mail.module';
import { AlertListService } from './alert-list.service';
import { AlertsService } from './alerts.service';
import { NoAnswerScanService } from './no-answer-scan.service';

/**
 * Alerts raised for staff by check-ins and placements, e-mailed at once. Global so that the
 * pages (home) and any domain module can raise or list alerts without wiring imports.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([StaffAlert]), MailModule],
  providers: [AlertsService, AlertListService, NoAnswerScanService],
  exports: [AlertsService, AlertListService, NoAnswerScanService],
})
export class AlertsModule {}
