import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { entityHref, presentEvents } from '../../audit/audit-presenter';
import { AuditService } from '../../audit/audit.service';
import { AuditQuery } from '../../audit/dto/audit.dto';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { Raw } from '../kit/forms';
import { PageContext } from '../kit/page-context';
import { JOURNAL_PAGE_SIZE, journalFilterOptions, journalPager, journalParams, parseJournalFilters } from './journal.view';

const STYLES = ['/static/company.css', '/static/leads.css'];

/** The audit journal, for managers and admins. */
@ApiExcludeController()
@Controller()
export class JournalPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
  ) {}

  @Get('journal')
  @Roles('manager')
  async journal(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseJournalFilters(raw);
    const { entity, entityId } = filters;
    const query = Object.assign(new AuditQuery(), {
      entity,
      entityId: entityId || undefined,
      actorId: filters.actorId || undefined,
      kind: filters.kindEntry.kind,
      from: filters.from || undefined,
      to: filters.to || undefined,
      limit: JOURNAL_PAGE_SIZE,
      offset: (filters.pageNumber - 1) * JOURNAL_PAGE_SIZE,
    });
    const [result, team] = await Promise.all([this.audit.list(actor, query), this.users.list(actor, { limit: 200, offset: 0 })]);
    const names = await this.audit.names(actor, result.items);
    // One record's history (from its page's link): named at the top, even before it has events.
    const subjectName = entityId && entity ? await this.audit.nameOf(actor, entity, entityId) : null;
    const subject =
      entityId && entity
        ? { id: entityId, name: subjectName ?? 'fiche supprimée', href: subjectName ? entityHref(entity, entityId) : null }
        : undefined;
    const params = journalParams(filters);

    const context = await this.pages.build(actor, session, '/journal', {
      title: 'Journal d’audit',
      styles: STYLES,
      subject,
      alert: filters.alert,
      ...journalFilterOptions(filters, team.items),
      from: filters.from,
      to: filters.to,
      filtered: params.toString() !== '',
      events: presentEvents(result.items, names),
      total: result.total,
      ...journalPager(result.total, filters.pageNumber, params),
    });
    return response.render('journal/journal', context);
  }
}
