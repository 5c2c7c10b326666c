import { Module } from '@nestjs/common';
import { CalendarFeedController, CalendarFeedPublicController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';

/** Calendars: the ICS writer (./ics.ts, used by the e-mails' invitations) and each staff member's subscription feed. */
@Module({
  controllers: [CalendarFeedController, CalendarFeedPublicController],
  providers: [CalendarFeedService],
  exports: [CalendarFeedService],
})
export class CalendarModule {}
