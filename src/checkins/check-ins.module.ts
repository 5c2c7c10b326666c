import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module';
import { CheckIn } from './check-in.entity';

/** The two-sided follow-up after each placement starts: plan, sending, answers. */
@Module({
  imports: [TypeOrmModule.forFeature([CheckIn]), AlertsModule],
})
export class CheckInsModule {}
