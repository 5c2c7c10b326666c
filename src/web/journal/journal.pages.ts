import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AUDITED_ENTITIES, AuditedEntity } from '../audit/audit-event.entity';
import { entityHref, presentEvents } from '../audit/audit-presenter';
import { AuditService } from '../audit/audit.service';
import { AuditKind, AuditQuery } from '../audit/dto/audit.dto';
import { CurrentActor, CurrentSession, Roles } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { isCalendarDay } from '../common/dates';
import { Actor } from '../tenancy/actor';
import { UsersService } from '../users/users.service';
import { option, Raw, text, UUID } from './kit/forms';
import { PageContext } from './kit/page-context';

const PAGE_SIZE = 50;
const STYLES = ['/static/company.css', '/static/leads.css'];

/** The « quoi » filter, in the page's words. */
const KINDS: Array<{ value: string; label: string; kind?: AuditKind }> = [
  { value: '', label: 'Tous' },
  { value: 'modifications', label: 'Modifications', kind: 'changes' },
  { value: 'consultations', label: 'Consultations des informations confidentielles', kind: 'sensitive_reads' },
];

const ENTITY_FILTER_LABELS: Record<AuditedEntity, string> = {
  company: 'Entreprises',
  candidate: 'Candidats',
  placement: 'Placements',
  user: 'Comptes',
  structure: 'Réglages de la structure',
};

/** A day typed in a date field that exists, or '' (the filter is then left out). */
function day(value: string): string {
  return isCalendarDay(value) ? value : '';
}

/** The audit journal, for managers and admins. */
@ApiExcludeController()
@Controller()
export class AuditPagesController {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
  ) {
  }

  @Get('journal')
  @Roles('manager')
  async journal(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const entity = AUDITED_ENTITIES.find((value) => value === text(raw.entite));
    const kindEntry = KINDS.find((entry) => entry.value === text(raw.quoi)) ?? KINDS[0];
    const actorId = UUID.test(text(raw.personne)) ? text(raw.personne) : '';
    const entityId = UUID.test(text(raw.fiche)) ? text(raw.fiche) : '';
    let from = day(text(raw.du));
    let to = day(text(raw.au));
    let alert: string | undefined;
    if (from && to && from > to) {
      alert = 'La date de fin précède la date de début : les dates n’ont pas été appliquées.';
      from = '';
      to = '';
    }
    const requested = Number(text(raw.page));
    const pageNumber = Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;

    const query = Object.assign(new AuditQuery(), {
      entity,
      entityId: entityId || undefined,
      actorId: actorId || undefined,
      kind: kindEntry.kind,
      from: from || undefined,
      to: to || undefined,
      limit: PAGE_SIZE,
      offset: (pageNumber - 1) * PAGE_SIZE,
    });
    const [result, team] = await Promise.all([this.audit.list(actor, query), this.users.list(actor, { limit: 200, offset: 0 })]);
    const names = await this.audit.names(actor, result.items);
    // One record's history (from its page's link): named at the top, even before it has events.
    const subjectName = entityId && entity ? await this.audit.nameOf(actor, entity, entityId) : null;
    const subject =
      entityId && entity
        ? { id: entityId, name: subjectName ?? 'fiche supprimée', href: subjectName ? entityHref(entity, entityId) : null }
        : undefined;

    const params = new URLSearchParams();
    if (kindEntry.value) params.set('quoi', kindEntry.value);
    if (entity) params.set('entite', entity);
    if (actorId) params.set('personne', actorId);
    if (entityId) params.set('fiche', entityId);
    if (from) params.set('du', from);
    if (to) params.set('au', to);
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const href = (n: number) => {
      const search = new URLSearchParams(params);
      if (n > 1) search.set('page', String(n));
      const string = search.toString();
      return `/journal${string ? `?${string}` : ''}`;
    };

    const context = await this.pages.build(actor, session, '/journal', {
      title: 'Journal d’audit',
      styles: STYLES,
      subject,
      alert,
      kinds: KINDS.map((entry) => option(entry.value, entry.label, kindEntry.value)),
      entities: [
        option('', 'Toutes', entity ?? ''),
        ...AUDITED_ENTITIES.map((value) => option(value, ENTITY_FILTER_LABELS[value], entity ?? '')),
      ],
      actors: [
        option('', 'Tout le monde', actorId),
        ...team.items.map((user) => option(user.id, `${user.firstName} ${user.lastName}${user.active ? '' : ' (désactivé·e)'}`, actorId)),
      ],
      from,
      to,
      filtered: params.toString() !== '',
      events: presentEvents(result.items, names),
      total: result.total,
      pageNumber,
      pageCount,
      several: pageCount > 1,
      previousHref: pageNumber > 1 ? href(pageNumber - 1) : null,
      nextHref: pageNumber < pageCount ? href(pageNumber + 1) : null,
    });
    return response.render('audit', context);
  }
}
