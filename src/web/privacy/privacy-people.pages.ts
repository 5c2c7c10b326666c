import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { CONSTRAINT_CATEGORIES, ConstraintCategory } from '../candidates/candidate.entity';
import { SHIFT_LABELS, ShiftPattern } from '../placements/contract-types';
import { Actor } from '../tenancy/actor';
import { Raw, text, validated } from '../web/kit/forms';
import { PageContext } from '../web/kit/page-context';
import { codedProblem, ValidationFailedException } from '../common/validation';
import { frenchDay } from '../prospection/working-days';
import {
  EraseRequestDto,
  MATCH_ID,
  INACTIVITY_RETENTION_MONTHS_MAX,
  INACTIVITY_RETENTION_MONTHS_MIN,
  RETENTION_MONTHS_MAX,
  RETENTION_MONTHS_MIN,
  RetentionSettingsDto,
} from './privacy.dto';
import { CandidateExport, ContactExport, PrivacyRequestView, PrivacyService } from './privacy.service';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { french, frenchOf } from '../refusals/french';

const STYLES = ['/static/company.css'];

const CONSTRAINT_LABELS: Record<ConstraintCategory, string> = {
  mobility: 'Mobilité',
  childcare: 'Garde d’enfants',
  housing: 'Logement',
  health: 'Santé',
  language: 'Langue',
  administrative: 'Administratif',
};

const CHECK_IN_STATUS_LABELS: Record<string, string> = {
  planned: 'Prévu',
  sent: 'Envoyé',
  answered: 'Répondu',
  skipped: 'Sans objet',
  cancelled: 'Annulé',
  failed: 'Échec d’envoi',
  call_task: 'Appel à passer',
};

const REQUEST_KIND_LABELS: Record<PrivacyRequestView['kind'], string> = {
  export: 'Consultation ou export',
  erasure: 'Effacement sur demande',
  retention: 'Anonymisation (durée de conservation)',
};

const NOTICES: Record<string, string> = {
  reglage: 'La durée de conservation a été enregistrée.',
  efface: 'Les données identifiantes ont été effacées. Seuls les faits utiles aux bilans restent, sans identité.',
};

const MATCH_KIND_LABELS = { name: 'nom', email: 'adresse e-mail', phone: 'téléphone' } as const;

const yesNo = (value: boolean | null | undefined) => (value === true ? 'oui' : value === false ? 'non' : '—');
const orDash = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));
const fullName = (row: { firstName?: unknown; lastName?: unknown }) => [row.firstName, row.lastName].filter(Boolean).join(' ');

function requestsView(rows: PrivacyRequestView[]) {
  return rows.map((row) => ({
    ...row,
    kindLabel: REQUEST_KIND_LABELS[row.kind],
    subjectHref: row.subjectType === 'candidate' ? `/rgpd/candidats/${row.subjectId}` : `/rgpd/contacts/${row.subjectId}`,
    subjectTypeLabel: row.subjectType === 'candidate' ? 'Personne accompagnée' : 'Contact en entreprise',
    actorName: row.actor?.name ?? 'Tremplin (automatique)',
  }));
}

interface FormState {
  value: string;
  error?: string;
  /** Erasure form: the mentions the manager unchecked (kept as they are). */
  keep?: ReadonlySet<string>;
}

/** The ids of a posted list (one checkbox, several, or a comma-separated hidden field), well formed only. */
function postedIds(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : []))
    .map((id) => id.trim())
    .filter((id) => MATCH_ID.test(id));
}

/** The settings form: each field with its value as typed and its own error. */
interface SettingsForm {
  retentionMonths: FormState;
  inactivityRetentionMonths: FormState;
}

const SETTINGS_ERRORS: Record<keyof SettingsForm, string> = {
  retentionMonths: `Indiquez un nombre de mois entre ${RETENTION_MONTHS_MIN} et ${RETENTION_MONTHS_MAX}.`,
  inactivityRetentionMonths: `Indiquez un nombre de mois entre ${INACTIVITY_RETENTION_MONTHS_MIN} et ${INACTIVITY_RETENTION_MONTHS_MAX} (1 à 10 ans).`,
};

const wholeNumber = (value: string): unknown => (/^\d+$/.test(value) ? Number(value) : value);

/**
 * RGPD pages: what Tremplin holds about a person, readable (the same content as the JSON export),
 * erasure on request for managers, and the structure's retention setting with what comes next.
 */
@ApiExcludeController()
@Controller()
export class PrivacyPagesController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly pages: PageContext,
  ) {}

  // ---------------------------------------------------------------- settings

  @Get('administration/rgpd')
  @Roles('manager')
  async settingsPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const settings = await this.privacy.settings(actor);
    const form: SettingsForm = {
      retentionMonths: { value: String(settings.retentionMonths) },
      inactivityRetentionMonths: { value: String(settings.inactivityRetentionMonths) },
    };
    return this.renderSettings(actor, session, response, 200, form, NOTICES[text(raw.ok)]);
  }

  @Post('administration/rgpd')
  @Roles('manager')
  async saveSettings(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = { retentionMonths: text(form.retentionMonths), inactivityRetentionMonths: text(form.inactivityRetentionMonths) };
    try {
      const input = await validated(RetentionSettingsDto, {
        retentionMonths: wholeNumber(values.retentionMonths),
        // Left empty (or a form of before this setting): unchanged.
        inactivityRetentionMonths: values.inactivityRetentionMonths === '' ? undefined : wholeNumber(values.inactivityRetentionMonths),
      });
      await this.privacy.updateSettings(actor, input.retentionMonths, input.inactivityRetentionMonths);
      return response.redirect(303, '/administration/rgpd?ok=reglage');
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      const wrong = new Set(error.problems.map((problem) => problem.field));
      const state = (field: keyof SettingsForm): FormState =>
        wrong.has(field) ? { value: values[field], error: SETTINGS_ERRORS[field] } : { value: values[field] };
      const page: SettingsForm = { retentionMonths: state('retentionMonths'), inactivityRetentionMonths: state('inactivityRetentionMonths') };
      return this.renderSettings(actor, session, response, 400, page);
    }
  }

  private async renderSettings(actor: Actor, session: Session, response: Response, status: number, form: SettingsForm, notice?: string) {
    const [settings, upcoming, requests] = await Promise.all([
      this.privacy.settings(actor),
      this.privacy.upcoming(actor),
      this.privacy.requests(actor, 100, 0),
    ]);
    const context = await this.pages.build(actor, session, '/administration', {
      title: 'Données personnelles (RGPD)',
      styles: STYLES,
      notice,
      // Not `settings`: Express reads that key of the render options as the app's own settings.
      retention: settings,
      form,
      limits: {
        retention: { min: RETENTION_MONTHS_MIN, max: RETENTION_MONTHS_MAX },
        inactivity: { min: INACTIVITY_RETENTION_MONTHS_MIN, max: INACTIVITY_RETENTION_MONTHS_MAX },
      },
      upcoming: upcoming.map((row) => ({
        ...row,
        why:
          row.reason === 'exit'
            ? `Sortie le ${frenchDay(row.exitDate)}`
            : `Sans activité depuis le ${frenchDay(row.lastActivityDate)}`,
        href: row.subjectType === 'candidate' ? `/candidats/${row.subjectId}` : null,
        dataHref: row.subjectType === 'candidate' ? `/rgpd/candidats/${row.subjectId}` : `/rgpd/contacts/${row.subjectId}`,
        exitDay: frenchDay(row.exitDate),
        anonymiseDay: frenchDay(row.anonymiseOn),
        ownerName: row.owner?.name ?? null,
      })),
      requests: requestsView(requests.items),
      requestsTotal: requests.total,
    });
    return response.status(status).render('privacy-admin', context);
  }

  // ---------------------------------------------------------------- candidates and contacts

  @Get('rgpd/candidats/:id')
  candidatePage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderPerson('candidate', actor, session, response, id, 200, { value: '' }, NOTICES[text(raw.ok)]);
  }

  @Post('rgpd/candidats/:id/effacer')
  @Roles('manager')
  eraseCandidate(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    return this.erase('candidate', actor, session, response, id, form);
  }

  @Get('rgpd/contacts/:id')
  contactPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    return this.renderPerson('contact', actor, session, response, id, 200, { value: '' }, NOTICES[text(raw.ok)]);
  }

  @Post('rgpd/contacts/:id/effacer')
  @Roles('manager')
  eraseContact(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    return this.erase('contact', actor, session, response, id, form);
  }

  private async erase(person: Person, actor: Actor, session: Session, response: Response, id: string, form: Raw) {
    const reason = text(form.reason);
    // The mentions shown, less those left checked: kept. One the page did not show is redacted.
    const redact = new Set(postedIds(form.redact));
    const keep = postedIds(form.matchIds).filter((matchId) => !redact.has(matchId));
    try {
      const input = await validated(EraseRequestDto, { reason, keepMatchIds: keep });
      const choices = { keepMatchIds: input.keepMatchIds };
      if (person === 'candidate') await this.privacy.eraseCandidate(actor, id, input.reason, choices);
      else await this.privacy.eraseContact(actor, id, input.reason, choices);
      return response.redirect(303, `/rgpd/${PEOPLE[person].path}/${id}?ok=efface`);
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      const state = { value: reason, error: reasonError(error), keep: new Set(keep) };
      return this.renderPerson(person, actor, session, response, id, 400, state, undefined, `POST /rgpd/${PEOPLE[person].path}/:id/effacer`);
    }
  }

  /**
   * `refused`: the route of a refused form showing the page again. The privacy log keeps the first
   * showing only, but what the page shows again is recorded as a sensitive read, like the answers
   * of a contact's follow-ups on every showing.
   */
  private async renderPerson(
    person: Person,
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    form: FormState,
    notice?: string,
    refused?: string,
  ) {
    const record = !refused;
    const read = { via: 'page' as const, path: refused ?? `GET /rgpd/${PEOPLE[person].path}/:id` };
    const data = person === 'candidate' ? await this.privacy.exportCandidate(actor, id, { record }) : await this.privacy.exportContact(actor, id, { record });
    if (refused || !('candidate' in data)) await this.privacy.recordShown(actor, data, read);
    const { name, view } =
      'candidate' in data ? { name: fullName(data.candidate), view: candidateView(data) } : { name: fullName(data.contact), view: contactView(data) };
    const mayErase = actor.role !== 'staff';
    // What the erasure would redact elsewhere, for the manager to confirm (the read above is recorded already).
    const preview = mayErase ? await this.privacy.erasurePreview(actor, person, id, { record: false }) : null;
    const matches = (preview?.matches ?? []).map((match) => ({
      id: match.id,
      source: match.source,
      createdAt: match.createdAt,
      kindLabel: MATCH_KIND_LABELS[match.kind],
      ...match.context,
      checked: !form.keep?.has(match.id),
    }));
    const context = await this.pages.build(actor, session, PEOPLE[person].section, {
      title: `Données de ${name}`,
      styles: STYLES,
      notice,
      form,
      mayErase,
      matches,
      matchIds: matches.map((match) => match.id).join(','),
      jsonHref: `/api/privacy/${PEOPLE[person].api}/${id}/export?download=true`,
      ...view,
    });
    return response.status(status).render(PEOPLE[person].template, context);
  }
}

type Person = 'candidate' | 'contact';

/** Where each kind of person's pages, API and template are. */
const PEOPLE = {
  candidate: { path: 'candidats', api: 'candidates', section: '/candidats', template: 'privacy-candidate' },
  contact: { path: 'contacts', api: 'contacts', section: '/entreprises', template: 'privacy-contact' },
} as const;

/** The reason's problem in French: missing or too short, or too long. */
function reasonError(error: ValidationFailedException): string {
  const problem = error.problems.find((candidate) => candidate.field === 'reason') ?? error.problems[0];
  return problem ? frenchOf(codedProblem(problem)) : french('privacy.reason_required', {});
}

/** The candidate export as the page shows it: French labels and dates, every field listed. */
function candidateView(data: CandidateExport) {
  const c = data.candidate as Record<string, any>;
  const constraints = CONSTRAINT_CATEGORIES.filter((category) => c.constraints?.[category]).map((category) => ({
    label: CONSTRAINT_LABELS[category],
    text: c.constraints[category] as string,
  }));
  return {
    structureName: data.structure.name,
    exportedAt: data.exportedAt,
    candidateId: c.id,
    name: fullName(c),
    anonymisedAt: c.anonymisedAt,
    identity: [
      ['Prénom', c.firstName],
      ['Nom', c.lastName],
      ['E-mail', c.email],
      ['Téléphone', c.phone],
      ['Commune', c.homeCommune],
      ['Prescripteur', c.referrerLabel],
      ['Conseiller·ère du prescripteur', c.referrerName],
      ['Référent·e', c.owner?.name],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    path: [
      ['Statut', c.statusLabel],
      ['Entrée', frenchDay(c.entryDate)],
      ['Contrat dans la structure', c.structureContractType],
      ['Fin de ce contrat', frenchDay(c.structureContractEnd)],
      ['Sortie', c.exitDate ? `${frenchDay(c.exitDate)} (${orDash(c.exitCategoryLabel)})` : null],
      ['Métiers souhaités', (c.wantedJobs as Array<{ label: string; romeCode?: string | null }>).map((job) => job.label + (job.romeCode ? ` (${job.romeCode})` : '')).join(' ; ')],
      ['Atouts', (c.strengths as string[]).join(', ')],
      ['Compétences', (c.skills as string[]).join(', ')],
      ['Permis B', yesNo(c.drivingLicence)],
      ['Véhicule', yesNo(c.hasVehicle)],
      ['Communes accessibles', (c.reachableCommunes as string[]).join(', ')],
      ['Rayon de mobilité', c.mobilityRadiusKm ? `${c.mobilityRadiusKm} km` : null],
      ['Heures par semaine', c.hoursPerWeek],
      ['Horaires acceptés', (c.shifts as ShiftPattern[]).map((shift) => SHIFT_LABELS[shift] ?? shift).join(', ')],
      ['Disponible à partir du', frenchDay(c.availableFrom)],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    constraints,
    notes: c.notes as string | null,
    retention: c.retentionWarnedFor ? { warnedAt: c.retentionWarnedAt, day: frenchDay(c.retentionWarnedFor) } : null,
    proposals: data.proposals.map((row: Record<string, any>) => ({ ...row, companyName: row.company.name, proposedByName: row.proposedBy?.name ?? '—' })),
    placements: data.placements.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      plannedEndDay: frenchDay(row.plannedEndDate),
      endDay: frenchDay(row.endDate),
      endKindLabel: row.endKind === 'early' ? 'rupture' : row.endKind === 'normal' ? 'fin normale' : null,
      checkIns: (row.checkIns as CandidateExport['placements'][number]['checkIns']).map((checkIn) => ({
        ...checkIn,
        statusLabel: CHECK_IN_STATUS_LABELS[checkIn.status] ?? checkIn.status,
        difficultiesText: checkIn.difficultyLabels.join(', '),
        wantsCallText: checkIn.wantsCall === null ? null : yesNo(checkIn.wantsCall),
      })),
    })),
    alerts: data.alerts.map((row) => ({ ...row, recipientName: row.recipient?.name ?? '—' })),
    activities: data.activities.map((row) => ({
      ...row,
      authorName: row.author?.name ?? '—',
      linkLabel: row.link === 'candidate' ? 'Rattaché à sa fiche' : 'La ou le nomme',
    })),
    leads: data.leads.map((row) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      details: [
        ['Code ROME', row.romeCode],
        ['Heures par semaine', row.hoursPerWeek],
        ['Horaires', row.shiftLabel],
        ['Lieu de travail', row.workCommune],
        ['Permis B exigé', yesNo(row.requiresLicence)],
        ['Véhicule exigé', yesNo(row.requiresVehicle)],
        ['Exigences', row.requirements.join(' ; ')],
        ['Adaptations', row.adaptations.join(' ; ')],
        ['Statut', row.statusLabel],
        ['Début souhaité', frenchDay(row.startDate)],
      ].map(([label, value]) => ({ label, value: orDash(value) })),
    })),
    recordChanges: data.recordChanges.map((row) => ({
      ...row,
      actorName: row.actor?.name ?? 'Tremplin (automatique)',
      fields: row.fields.map((field) => ({ ...field, text: field.changedOnly ? 'modifié' : `${field.from} → ${field.to}` })),
    })),
    sensitiveReads: data.sensitiveReads.map((row) => ({ ...row, actorName: row.actor?.name ?? 'Tremplin (automatique)' })),
    requests: requestsView(data.privacyRequests),
  };
}

function contactView(data: ContactExport) {
  const c = data.contact as Record<string, any>;
  return {
    structureName: data.structure.name,
    exportedAt: data.exportedAt,
    contactId: c.id,
    name: fullName(c),
    erasedAt: c.erasedAt,
    companyId: data.company.id,
    companyName: data.company.name,
    identity: [
      ['Prénom', c.firstName],
      ['Nom', c.lastName],
      ['Fonction', c.jobTitle],
      ['E-mail', c.email],
      ['Téléphone', c.phone],
      ['Canal préféré', c.preferredChannel],
      ['Décisionnaire', yesNo(c.decisionMaker)],
      ['Ne souhaite pas recevoir d’e-mails', yesNo(c.emailOptOut)],
      ['Notes', c.notes],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    activities: data.activities.map((row: Record<string, any>) => ({ ...row, authorName: row.author?.name ?? '—' })),
    leads: data.leads.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      requirementsText: (row.requirements as string[]).join(' ; '),
      adaptationsText: (row.adaptations as string[]).join(' ; '),
    })),
    placements: data.placements.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      endDay: frenchDay(row.endDate),
    })),
    checkIns: data.checkIns.map((row: Record<string, any>) => ({ ...row, difficultiesText: (row.difficultyLabels as string[]).join(', ') })),
    requests: requestsView(data.privacyRequests),
  };
}
