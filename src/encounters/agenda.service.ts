import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { addCalendarDays } from '../common/calendar/working-days';
import { Actor } from '../tenancy/actor';
import { AgendaEncounterRow, agendaEncounters, AgendaMeetingRow, agendaMeetings } from './agenda.queries';

export interface AgendaWeek {
  /** The week's Monday and Sunday (Paris days). */
  monday: string;
  sunday: string;
  encounters: AgendaEncounterRow[];
  meetings: AgendaMeetingRow[];
}

/** The team agenda (« Totem »): a week of encounters and meetings booked with companies. */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly businessDay: BusinessDay,
  ) {}

  /** The week starting on `monday` (a Paris day), for the whole team or for one staff member. */
  async week(actor: Actor, monday: string, staffId: string | null): Promise<AgendaWeek> {
    const timeZone = this.businessDay.timeZone;
    const sunday = addCalendarDays(monday, 6);
    // Midnight to midnight on the wall clock: the week of a clock change lasts 167 or 169 hours.
    const range = { from: wallTimeToInstant(timeZone, monday, 0, 0), to: wallTimeToInstant(timeZone, addCalendarDays(monday, 7), 0, 0) };
    const manager = this.dataSource.manager;
    const [encounters, meetings] = await Promise.all([
      agendaEncounters(manager, actor.structureId, range, staffId),
      agendaMeetings(manager, actor.structureId, { fromDay: monday, toDay: sunday }, staffId),
    ]);
    return { monday, sunday, encounters, meetings };
  }
}
