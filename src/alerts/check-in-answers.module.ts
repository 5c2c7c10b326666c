import { Module } from '@nestjs/common';
import { CheckInAnswersController } from '../checkins/check-in-answers.controller';
import { CheckInAnswersService } from '../checkins/check-in-answers.service';
import { AlertsController } from './alerts.controller';
import { AlertsModule } from './alerts.module';

/** HTTP side of the follow-up answers: the public answer form and the staff alert lists (API only). */
@Module({
  imports: [AlertsModule],
  controllers: [CheckInAnswersController, AlertsController],
  providers: [CheckInAnswersService],
})
export class CheckInAnswersModule {}
