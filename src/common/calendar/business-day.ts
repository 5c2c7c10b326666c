import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/env';
import { calendarDayIn } from './working-days';
import { Clock } from '../clock';

export { calendarDayIn };

/** "Today" as the users see it: the calendar day in the structure's time zone, from the one clock. */
@Injectable()
export class BusinessDay {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  today(): string {
    return calendarDayIn(this.config.BUSINESS_TIME_ZONE, this.clock.now());
  }

  get timeZone(): string {
    return this.config.BUSINESS_TIME_ZONE;
  }
}
