import { Module } from '@nestjs/common';
import { CheckInAnswersController } from './check-in-answers.controller';
import { CheckInAnswersService } from './check-in-answers.service';
import { AlertsModule } from '../alerts/alerts.module';

/** HTTP side of the follow-up answers: the public answer form (API only). */
@Module({
  imports: [AlertsModule],
  controllers: [CheckInAnswersController],
  providers: [CheckInAnswersService],
})
export class CheckInAnswersModule {}
