import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsModule } from './alerts.module';

/** HTTP side of the staff alerts: their lists and acknowledgement (API only; the worker never mounts it). */
@Module({
  imports: [AlertsModule],
  controllers: [AlertsController],
})
export class AlertsApiModule {}
