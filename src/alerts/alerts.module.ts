import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffAlert } from '../checkins/staff-alert.entity';
import { AlertsService } from './alerts.service';

/** Alerts raised for staff by check-ins and placements. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffAlert])],
  providers: [AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
