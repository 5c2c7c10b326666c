import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { BusinessDay } from '../../common/calendar/business-day';
import { AgendaService } from '../../encounters/agenda.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { agendaQueryOf, agendaView, encounterItems, meetingItems } from './agenda.view';

const STYLES = ['/static/company.css', '/static/agenda.css'];

/** The team agenda (« Totem »): the week's encounters and meetings with companies, for everyone or one person. */
@ApiExcludeController()
@Controller('agenda')
export class AgendaPagesController {
  constructor(
    private readonly agenda: AgendaService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
    private readonly businessDay: BusinessDay,
  ) {}

  @Get()
  async week(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const today = this.businessDay.today();
    const timeZone = this.businessDay.timeZone;
    const { monday, staffId } = agendaQueryOf(raw, today);
    const [week, team] = await Promise.all([this.agenda.week(actor, monday, staffId), this.users.list(actor, { limit: 200, offset: 0 })]);
    const items = [...encounterItems(week.encounters, timeZone), ...meetingItems(week.meetings, timeZone)];
    const view = agendaView({ monday, today, staffId, team: team.items, items });
    const context = await this.pages.build(actor, session, '/agenda', { title: `Agenda – ${view.weekLabel}`, styles: STYLES, ...view });
    return response.render('agenda/agenda', context);
  }
}
