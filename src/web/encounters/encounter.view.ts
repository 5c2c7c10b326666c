import { calendarDayIn } from '../../common/calendar/working-days';
import {
  ATTENDANCE_LABELS,
  AttendanceStatus,
  ENCOUNTER_KIND_LABELS,
  ENCOUNTER_KINDS,
  ENCOUNTER_OUTCOME_LABELS,
  ENCOUNTER_OUTCOMES,
  EncounterKind,
  Party,
} from '../../encounters/encounter.entity';
import { OutcomeRate } from '../../encounters/encounter-rules';
import { EncounterView, ParticipantView } from '../../encounters/encounter-view';
import { wallTimeOf } from '../../common/calendar/time-zone';
import { EncounterSummaryRow } from '../../encounters/encounters.queries';
import { dayFr } from '../board/board.view';
import { Flash } from '../kit/flash';
import { option, Raw, text, Values } from '../kit/forms';
import { FormState } from '../leads/lead.view';

/** The encounter pages' view models: pure functions of what the services return. */

export const STYLES = ['/static/company.css', '/static/leads.css', '/static/encounters.css'];

/** What `?ok=` says after a post on the encounter pages. */
export const ENCOUNTER_NOTICES = new Flash({
  creee: 'La rencontre a été créée. Invitez maintenant les personnes et les contacts.',
  modifiee: 'La rencontre a été modifiée ; les personnes déjà invitées reçoivent l’invitation mise à jour.',
  annulee: 'La rencontre est annulée : les personnes invitées reçoivent l’annulation.',
  invites: 'Les invitations sont parties.',
  retire: 'La personne a été retirée de la rencontre.',
  presence: 'La présence a été enregistrée.',
  suite: 'La suite a été enregistrée.',
});

// ---------------------------------------------------------------- the list

export interface ListFilter {
  values: { du: string; au: string; type: string };
  /** The service's query: absent bounds take its defaults (from today, 90 days). */
  query: { from?: string; to?: string; kind?: string };
}

/** `?du=&au=&type=` as typed, and as the service's query. */
export function listFilterOf(raw: Raw): ListFilter {
  const values = { du: text(raw.du), au: text(raw.au), type: text(raw.type) };
  return {
    values,
    query: {
      ...(values.du ? { from: values.du } : {}),
      ...(values.au ? { to: values.au } : {}),
      ...(values.type ? { kind: values.type } : {}),
    },
  };
}

export function kindOptions(selected: string, none: string) {
  return [option('', none, selected), ...ENCOUNTER_KINDS.map((kind) => option(kind, ENCOUNTER_KIND_LABELS[kind], selected))];
}

/** « 3 places prises sur 12 », or « 3 inscrit·es » without a limit. */
export function placesText(taken: number, capacity: number | null): string {
  if (capacity === null) return `${taken} inscrit·e${taken > 1 ? 's' : ''}`;
  return `${taken} place${taken > 1 ? 's' : ''} prise${taken > 1 ? 's' : ''} sur ${capacity}`;
}

export function presentText(present: number): string {
  return `${present} présent·e${present > 1 ? 's' : ''}`;
}

/** One line of the list: day, times, kind, title, where, places and, once held, who came. */
export function listRow(row: EncounterSummaryRow, at: { now: Date; timeZone: string }) {
  const startsAt = new Date(row.starts_at);
  const cancelled = row.status === 'cancelled';
  const held = !cancelled && startsAt.getTime() <= at.now.getTime();
  return {
    id: row.id,
    title: row.title,
    day: dayFr(calendarDayIn(at.timeZone, startsAt)),
    times: `${wallTimeOf(at.timeZone, startsAt)} – ${wallTimeOf(at.timeZone, new Date(row.ends_at))}`,
    kindLabel: ENCOUNTER_KIND_LABELS[row.kind],
    where: row.place ?? (row.host_company_name ? `Chez ${row.host_company_name}` : '—'),
    hostCompanyId: row.place ? null : row.host_company_id,
    companies: row.company_names.join(', '),
    places: placesText(row.candidates, row.capacity),
    present: held ? presentText(row.present) : null,
    cancelled,
  };
}

// ---------------------------------------------------------------- the page

/** « 1 retour positif sur 2 présent·es (50 %) »; nobody yet: said so. */
export function outcomeSentence(rate: OutcomeRate): string {
  if (!rate.present) return 'Aucune personne accompagnée notée présente pour l’instant.';
  const percent = Math.round(rate.rate * 100);
  const positives = `${rate.positive} retour${rate.positive > 1 ? 's' : ''} positif${rate.positive > 1 ? 's' : ''}`;
  return `${positives} sur ${presentText(rate.present)} (${percent} %)`;
}

export function personName(person: Pick<ParticipantView, 'firstName' | 'lastName'>): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || '—';
}

/** Whether the invitation reached them: a flag when it could not be sent. Staff get none. */
export function invitationFlag(person: Pick<ParticipantView, 'party' | 'invitationSkipped' | 'invitedSequence'>): { label: string; warn: boolean } | null {
  if (person.party === 'staff') return null;
  if (person.invitationSkipped === 'no_email') return { label: 'Pas d’adresse e-mail', warn: true };
  if (person.invitationSkipped === 'opted_out') return { label: 'Ne souhaite pas recevoir d’e-mails', warn: true };
  if (person.invitedSequence !== null) return { label: 'Invitation envoyée', warn: false };
  return null;
}

const GROUPS: Array<{ party: Party; label: string }> = [
  { party: 'candidate', label: 'Personnes accompagnées' },
  { party: 'contact', label: 'Contacts entreprise' },
  { party: 'staff', label: 'Équipe' },
];

function personHref(person: ParticipantView): string | null {
  if (person.party === 'candidate') return `/candidats/${person.personId}`;
  if (person.party === 'contact' && person.companyId) return `/entreprises/${person.companyId}`;
  return null;
}

/** The participants by party, each with their status, their invitation and « Retirer » while it is planned. */
export function participantGroups(encounter: Pick<EncounterView, 'id' | 'status' | 'participants'>) {
  return GROUPS.map((group) => ({
    ...group,
    people: encounter.participants
      .filter((person) => person.party === group.party)
      .map((person) => ({
        id: person.id,
        name: personName(person),
        href: personHref(person),
        companyName: person.companyName,
        status: person.status,
        statusLabel: ATTENDANCE_LABELS[person.status],
        invitation: invitationFlag(person),
        removable: encounter.status === 'planned',
        removeConfirm: `Retirer ${personName(person)} de la rencontre ?${person.invitedSequence !== null ? ' Cette personne recevra l’annulation de son invitation.' : ''}`,
      })),
  }));
}

/** The statuses the attendance form offers: before the start, confirmed or excused; from the start, present, absent or excused. */
export function attendanceChoices(started: boolean): AttendanceStatus[] {
  return started ? ['present', 'absent', 'excused'] : ['confirmed', 'excused'];
}

/** The one attendance form: a row of radio buttons for every candidate and contact. */
export function attendanceRows(encounter: Pick<EncounterView, 'participants' | 'started'>, posted?: Values) {
  const choices = attendanceChoices(encounter.started);
  return encounter.participants
    .filter((person) => person.party !== 'staff')
    .map((person) => {
      const current = posted?.[`presence-${person.id}`] ?? person.status;
      return {
        id: person.id,
        name: personName(person),
        detail: person.party === 'contact' ? (person.companyName ?? 'Contact entreprise') : 'Personne accompagnée',
        statusLabel: ATTENDANCE_LABELS[person.status],
        choices: choices.map((status) => ({ value: status, label: ATTENDANCE_LABELS[status], checked: status === current, inputId: `presence-${person.id}-${status}` })),
      };
    });
}

export interface OutcomeLink {
  /** `proposal:<id>` or `placement:<id>`. */
  value: string;
  label: string;
}

/** The outcome form of one candidate present: what followed, when, what it became, a note. */
export function outcomeRow(encounterId: string, person: ParticipantView, links: OutcomeLink[], today: string, form?: FormState) {
  const saved = person.outcome !== null;
  const values: Values = form?.values ?? {
    outcome: person.outcome ?? '',
    on: person.outcomeOn ?? today,
    link: person.outcomeProposalId ? `proposal:${person.outcomeProposalId}` : person.outcomePlacementId ? `placement:${person.outcomePlacementId}` : '',
    note: person.outcomeNote ?? '',
  };
  return {
    id: person.id,
    encounterId,
    anchor: `suite-${person.id}`,
    name: personName(person),
    candidateHref: `/candidats/${person.personId}`,
    savedLabel: saved && person.outcome ? ENCOUNTER_OUTCOME_LABELS[person.outcome] : null,
    savedOn: saved ? dayFr(person.outcomeOn) : null,
    form: { values, errors: form?.errors ?? {}, alert: form?.alert },
    outcomes: [option('', '— Choisir —', values.outcome), ...ENCOUNTER_OUTCOMES.map((outcome) => option(outcome, ENCOUNTER_OUTCOME_LABELS[outcome], values.outcome))],
    links: [option('', 'Aucun', values.link), ...links.map((link) => option(link.value, link.label, values.link))],
  };
}

/** The details of the encounter as the page states them. */
export function encounterFacts(encounter: EncounterView, names: { organiser: string | null; lead: string | null }) {
  const host = encounter.companies.find((company) => company.id === encounter.hostCompanyId) ?? null;
  return {
    id: encounter.id,
    title: encounter.title,
    kindLabel: ENCOUNTER_KIND_LABELS[encounter.kind as EncounterKind],
    when: `${dayFr(encounter.day)}, ${encounter.startTime} – ${encounter.endTime}`,
    place: encounter.place ?? (host ? `Chez ${host.name}${host.commune ? ` (${host.commune})` : ''}` : '—'),
    host,
    companies: encounter.companies.map((company) => ({ ...company, host: company.id === encounter.hostCompanyId })),
    places: placesText(encounter.placesTaken, encounter.capacity),
    organiser: names.organiser,
    lead: encounter.leadId && names.lead ? { href: `/pistes/${encounter.leadId}`, label: names.lead } : null,
    description: encounter.description,
    cancelled: encounter.status === 'cancelled',
    planned: encounter.status === 'planned',
    started: encounter.started,
    version: encounter.version,
    cancelConfirm: `Annuler « ${encounter.title} » ? Les personnes et les contacts invités reçoivent l’annulation dans leur agenda ; la rencontre ne pourra plus changer.`,
  };
}

/** The candidates the invite form may still add: those not yet on the list. */
export function notYetInvited<T extends { id: string }>(people: T[], encounter: Pick<EncounterView, 'participants'>, party: Party): T[] {
  const invited = new Set(encounter.participants.filter((person) => person.party === party).map((person) => person.personId));
  return people.filter((person) => !invited.has(person.id));
}
