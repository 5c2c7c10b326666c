import { Flash } from '../kit/flash';
import { directoryFactsView } from './company-lookup.view';
import hbs from 'hbs';
import { ConflictException, HttpException } from '@nestjs/common';
import { codedProblem, FieldProblem, namedFieldRefusal } from '../../common/validation';
import { COMPANY_SOURCE_LABELS, COMPANY_SOURCES } from '../../companies/company.entity';
import { CompanyView } from '../../companies/dto/company-view.dto';
import { ENCOUNTER_KIND_LABELS, EncounterKind } from '../../encounters/encounter.entity';
import { HEADCOUNT_BANDS, headcountLabel } from '../../companies/headcount';
import { nafLabel } from '../../companies/naf';
import { formatPhone } from '../../common/phone';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, ContactChannel } from '../../contacts/contact.entity';
import { ContactView } from '../../contacts/dto/contact.dto';
import { ACTIVITY_LABELS, CALL_OUTCOME_LABELS, CallOutcome } from '../../prospection/activity.entity';
import type { InvitationState } from '../../meetings/meeting-plan';
import { NEXT_ACTION_LABELS, NEXT_ACTION_TYPES } from '../../prospection/cadence';
import { TIMELINE_KINDS, TimelineEntry, TimelineKind } from '../../prospection/dto/activity.dto';
import { COMMON, COMPANY } from '../../refusals/index';
import { french, frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { option, Raw, text, Values } from '../kit/forms';
import { activityFormView } from './company-call.view';
import type { CompanyForm, FormState } from './company.form';
import { belongingsView } from './company-related.view';

let registered = false;

/** Timeline kinds as the filter and the entries name them. */
export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  ...ACTIVITY_LABELS,
  stage_change: 'Changement d’étape',
  encounter: 'Rencontre',
};

/** The timeline filter's options (plural, as a menu reads). */
export const TIMELINE_FILTERS: Array<{ value: TimelineKind; label: string }> = [
  { value: 'call', label: 'Appels' },
  { value: 'meeting', label: 'Rendez-vous' },
  { value: 'visit', label: 'Visites' },
  { value: 'email', label: 'E-mails' },
  { value: 'event', label: 'Événements' },
  { value: 'note', label: 'Notes' },
  { value: 'stage_change', label: 'Changements d’étape' },
  { value: 'encounter', label: 'Rencontres' },
];

/** An encounter on the timeline: « Job dating : Recrutement boulangerie ». */
export function timelineEncounterLabel(encounter: { kind: string; title: string }): string {
  const kind = ENCOUNTER_KIND_LABELS[encounter.kind as EncounterKind] ?? 'Rencontre';
  return `${kind} : ${encounter.title}`;
}

// ---------------------------------------------------------------- French messages

/**
 * The French sentence of a field problem: its code's, from the catalogue. The DTOs and services
 * give each field of the company forms its own code, whose sentence says what the field accepts.
 */
export function fieldMessageFr(problem: FieldProblem): string {
  return frenchOf(codedProblem(problem));
}

/**
 * Field problems as `{ inputName: French message }` (first problem per field); `names` renames DTO
 * fields to the form's input names. Problems no input shows go to `others`.
 */
export function problemsFr(problems: FieldProblem[], shown: readonly string[], names: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const input = names[problem.field] ?? problem.field;
    const message = fieldMessageFr(problem);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

export interface ConflictFr {
  message: string;
  link?: { href: string; label: string };
  field?: string;
}

/**
 * The French sentence of a 409 or 422 of the company services, from its code: with the field it
 * concerns, and for a SIRET already used a link to the company that holds it.
 */
export function conflictFr(error: HttpException): ConflictFr {
  if (namedFieldRefusal(error) && error.problems.length) {
    const [first] = error.problems;
    return { message: fieldMessageFr(first), field: first.field };
  }
  if (isCodedRefusal(error)) {
    const { refusal, field } = error;
    if (refusal.code === COMPANY.siretTaken.code) {
      const { companyId, companyName } = refusal.params;
      return { message: frenchOf(refusal), field, link: { href: `/entreprises/${companyId}`, label: `Voir la fiche « ${companyName} »` } };
    }
    return { message: frenchOf(refusal), field };
  }
  return { message: error instanceof ConflictException ? french(COMMON.conflict.code, {}) : 'L’opération n’a pas pu être enregistrée.' };
}

// ---------------------------------------------------------------- helpers

/** A web address as a link target: `www.exemple.fr` becomes `https://www.exemple.fr`. */
export function websiteHref(website: string | null | undefined): string | null {
  if (!website) return null;
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

// ---------------------------------------------------------------- view models

export const LIST_PAGE_SIZE = 25;
export const TIMELINE_PAGE_SIZE = 20;

/** The notice of the company page after a post (`?ok=`). */
export const NOTICES = new Flash({
  creee: 'L’entreprise a été créée.',
  fiche: 'La fiche a été enregistrée.',
  etape: 'L’étape a été changée.',
  action: 'La prochaine action a été enregistrée.',
  contact: 'Le contact a été ajouté.',
  optout: 'Le choix du contact sur les e-mails a été enregistré.',
  activite: 'L’activité a été notée.',
  sollicitations: 'Ce que l’entreprise a demandé a été enregistré.',
  repos: 'Le repos a pris fin : l’entreprise revient dans les listes à appeler.',
  existe: 'Cette entreprise est déjà dans Tremplin : voici sa fiche.',
  annuaire: 'La fiche a été mise à jour depuis l’annuaire des entreprises.',
  'annuaire-indisponible': 'L’annuaire des entreprises ne répond pas : réessayez plus tard.',
  'annuaire-inconnu': 'L’annuaire des entreprises ne connaît pas ce SIRET : vérifiez-le sur la fiche.',
});

export type TeamMember = { id: string; firstName: string; lastName: string; active: boolean };

/** `?page=` of the list: a whole number from 1 (to 100000), else the first page. */
export function listPageNumber(raw: Raw): number {
  const requested = Number(text(raw.page));
  return Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;
}


/** A postcode and commune as one line. */
export function placeOf(company: { postcode: string | null; commune: string | null }): string {
  return [company.postcode, company.commune].filter(Boolean).join(' ');
}

/** The view model of the company fields partial (creation and edit forms). */
export function companyFormModel(prefix: string, form: FormState, team: TeamMember[]) {
  const values = form.values;
  return {
    prefix,
    values,
    errors: form.errors,
    alert: form.alert,
    alertLink: form.alertLink,
    bands: [
      option('', '— Non renseignée —', values.headcountBand ?? ''),
      ...HEADCOUNT_BANDS.map((band) => option(band.code, band.label, values.headcountBand ?? '')),
    ],
    sources: COMPANY_SOURCES.map((source) => option(source, COMPANY_SOURCE_LABELS[source], values.source ?? '')),
    owners: [
      option('', 'Personne (non attribuée)', values.ownerId ?? ''),
      ...team
        .filter((user) => user.active || user.id === values.ownerId)
        .map((user) => option(user.id, `${user.firstName} ${user.lastName}`, values.ownerId ?? '')),
    ],
  };
}

/**
 * What the company page says next to a planned meeting of its contact's calendar invitation: sent,
 * or why none was (so the staff member tells the contact another way).
 */
export function meetingInvitationNotice(state: InvitationState | null): { text: string; sent: boolean } | null {
  switch (state) {
    case 'sent':
      return { text: 'Invitation envoyée au contact (agenda)', sent: true };
    case 'no_email':
      return { text: 'Pas d’invitation envoyée : le contact n’a pas d’adresse e-mail', sent: false };
    case 'opted_out':
      return { text: 'Pas d’invitation envoyée : le contact ne reçoit pas d’e-mails', sent: false };
    default:
      return null;
  }
}

/** The timeline's filter and position from the company page's query (`?type=`, `?offset=`). */
export function timelineQueryOf(query: Raw): { kind: TimelineKind | undefined; offset: number } {
  const kind = text(query.type);
  const requestedOffset = Number(text(query.offset));
  return {
    kind: (TIMELINE_KINDS as readonly string[]).includes(kind) ? (kind as TimelineKind) : undefined,
    offset: Number.isInteger(requestedOffset) && requestedOffset > 0 ? requestedOffset : 0,
  };
}

/** A link to the company page's timeline at an offset, keeping its filter. */
export function timelineHref(companyId: string, kind: TimelineKind | undefined, offset: number): string {
  const params = new URLSearchParams();
  if (kind) params.set('type', kind);
  if (offset > 0) params.set('offset', String(offset));
  const queryString = params.toString();
  return `/entreprises/${companyId}${queryString ? `?${queryString}` : ''}#historique`;
}

export interface CompanyPageData {
  /** The company's id as the page's address has it. */
  id: string;
  company: CompanyView;
  contacts: ContactView[];
  stages: Array<{ id: string; name: string }>;
  team: TeamMember[];
  timeline: { items: TimelineEntry[]; total: number };
  timelineQuery: { kind: TimelineKind | undefined; offset: number };
  duplicates: Array<{ id: string; name: string; place: string }>;
  candidates: Array<{ id: string; name: string }>;
  forms: Partial<Record<CompanyForm, FormState>>;
  activity: FormState;
  scriptPanel: unknown;
  belongings?: ReturnType<typeof belongingsView>;
  now: Date;
  timeZone: string;
  notice?: string;
}

/** Everything the company page shows, from what the services gave. */
export function companyPageView(data: CompanyPageData) {
  const { company, contacts, stages, team, timeline, forms, now, timeZone } = data;
  const { kind: timelineKind, offset } = data.timelineQuery;
  const personOptions = (selected: string, empty: string) => [
    option('', empty, selected),
    ...team.filter((user) => user.active || user.id === selected).map((user) => option(user.id, `${user.firstName} ${user.lastName}`, selected)),
  ];
  const editState = forms.edit ?? { values: companyValues(company), errors: {} };
  const editValues = { ...editState.values, version: editState.values.version || String(company.version) };
  const nextState: FormState = forms.next ?? {
    values: {
      type: company.nextAction?.type ?? 'call',
      dueOn: company.nextAction?.dueOn ?? '',
      time: company.nextAction?.time ?? '',
      ownerId: company.nextAction?.owner?.id ?? company.owner?.id ?? '',
      contactId: company.nextAction?.contact?.id ?? '',
      note: company.nextAction?.note ?? '',
    },
    errors: {},
  };
  const contactState: FormState = forms.contact ?? { values: {}, errors: {} };
  const fullName = (contact: ContactView) => [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return {
    title: company.name,
    styles: ['/static/company.css'],
    scripts: ['/static/company.js'],
    notice: data.notice,
    company,
    place: placeOf(company),
    nafLabel: company.nafCode ? (nafLabel(company.nafCode) ?? null) : null,
    headcount: company.headcountBand ? (headcountLabel(company.headcountBand) ?? company.headcountBand) : null,
    directory: directoryFactsView(company, timeZone),
    sourceLabel: COMPANY_SOURCE_LABELS[company.source] ?? company.source,
    websiteHref: websiteHref(company.website),
    duplicates: data.duplicates,
    edit: { ...companyFormModel('fiche', { ...editState, values: editValues }, team), open: Boolean(forms.edit) },
    stageForm: {
      alert: forms.stage?.alert,
      errors: forms.stage?.errors ?? {},
      options: stages.map((stage) => ({ value: stage.id, label: stage.name, selected: stage.id === company.stageId })),
    },
    nextForm: {
      ...nextState,
      types: NEXT_ACTION_TYPES.map((type) => option(type, NEXT_ACTION_LABELS[type], nextState.values.type)),
      owners: personOptions(nextState.values.ownerId, 'Personne'),
      contacts: [
        option('', 'Personne en particulier', nextState.values.contactId ?? ''),
        ...contacts.map((contact) => option(contact.id, fullName(contact), nextState.values.contactId ?? '')),
      ],
    },
    invitation: meetingInvitationNotice(company.nextAction?.invitation ?? null),
    contacts: contacts.map((contact) => ({
      ...contact,
      fullName: fullName(contact),
      channelLabel: contact.preferredChannel ? CONTACT_CHANNEL_LABELS[contact.preferredChannel] : null,
    })),
    contactsAlert: forms.contacts?.alert,
    contactForm: {
      ...contactState,
      open: Boolean(forms.contact) || contacts.length === 0,
      channels: [
        option('', '— Aucun —', contactState.values.preferredChannel ?? ''),
        ...CONTACT_CHANNELS.map((channel: ContactChannel) =>
          option(channel, CONTACT_CHANNEL_LABELS[channel], contactState.values.preferredChannel ?? ''),
        ),
      ],
      decisionMaker: contactState.values.decisionMaker === 'true',
      emailOptOut: contactState.values.emailOptOut === 'true',
    },
    activityForm: activityFormView({ companyId: data.id, stageId: company.stageId, state: data.activity, contacts, candidates: data.candidates, stages, team, now, timeZone }),
    scriptPanel: data.scriptPanel,
    belongings: data.belongings,
    teamCount: team.filter((user) => user.active).length,
    timeline: {
      items: timeline.items.map((entry) => ({
        ...entry,
        isStageChange: entry.kind === 'stage_change',
        objectionsText: entry.objections?.length ? entry.objections.join(' ; ') : null,
        encounterLabel: entry.encounter ? timelineEncounterLabel(entry.encounter) : null,
      })),
      total: timeline.total,
      filters: [option('', 'Tout', timelineKind ?? ''), ...TIMELINE_FILTERS.map((filter) => option(filter.value, filter.label, timelineKind ?? ''))],
      filtered: Boolean(timelineKind),
      olderHref: offset + TIMELINE_PAGE_SIZE < timeline.total ? timelineHref(data.id, timelineKind, offset + TIMELINE_PAGE_SIZE) : null,
      newerHref: offset > 0 ? timelineHref(data.id, timelineKind, Math.max(0, offset - TIMELINE_PAGE_SIZE)) : null,
    },
  };
}

/** The company fields as the edit form shows them. */
export function companyValues(company: CompanyView): Values {
  return {
    name: company.name,
    siret: company.siret ?? '',
    nafCode: company.nafCode ?? '',
    sectorLabel: company.sectorLabel ?? '',
    headcountBand: company.headcountBand ?? '',
    address: company.address ?? '',
    postcode: company.postcode ?? '',
    commune: company.commune ?? '',
    territory: company.territory ?? '',
    website: company.website ?? '',
    phone: formatPhone(company.phone),
    source: company.source,
    ownerId: company.owner?.id ?? '',
    tags: company.tags.join(', '),
    notes: company.notes ?? '',
    version: String(company.version),
  };
}

/** Helpers of the company pages; registered once per process. */
export function registerCompanyViewHelpers(): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('timelineKindLabel', (kind: unknown) =>
    typeof kind === 'string' && kind in TIMELINE_KIND_LABELS ? TIMELINE_KIND_LABELS[kind as TimelineKind] : String(kind),
  );
  hbs.registerHelper('callOutcomeLabel', (outcome: unknown) =>
    typeof outcome === 'string' && outcome in CALL_OUTCOME_LABELS ? CALL_OUTCOME_LABELS[outcome as CallOutcome] : '',
  );
}
