import { ALERT_KIND_LABELS } from '../../alerts/alerts.service';
import { PLACEMENT_STATUS_LABELS } from '../../placements/dto/placement-view.dto';
import { CONTRACT_TYPE_LABELS, EXIT_CATEGORY_LABELS } from '../../placements/contract-types';
import { ACTIVITY_LABELS, CALL_OUTCOME_LABELS } from '../../prospection/activity.entity';
import { PARTY_LABELS } from '../../reports/outcomes-report';
import { DrillKind, DrillList, DrillRow } from '../../reports/report-types';
import { dayFr } from '../board/board.view';
import { ENCOUNTER_KIND_LABELS, ENCOUNTER_OUTCOME_LABELS, EncounterKind } from '../../encounters/encounter.entity';
import { OutcomeReport } from '../../encounters/encounter-view';
import { decimalFr, integerFr, percentFr } from './dashboard.view';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateTimeFr(value: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(value));
}

// ================================================================ drill-down lists

const END_KIND_LABELS: Record<string, string> = { normal: 'Normale', early: 'Anticipée (rupture)' };

/** The columns of each kind of list, in order, with the French of their coded values. */
interface DrillColumn {
  key: string;
  label: string;
  values?: Record<string, string>;
}

const DRILL_COLUMNS: Record<DrillKind, DrillColumn[]> = {
  companies: [
    { key: 'commune', label: 'Commune' },
    { key: 'stage', label: 'Étape actuelle' },
    { key: 'contactedAt', label: 'Premier contact' },
    { key: 'reachedAt', label: 'Étape atteinte le' },
    { key: 'staff', label: 'Chargé·e' },
  ],
  placements: [
    { key: 'company', label: 'Entreprise' },
    { key: 'contractType', label: 'Contrat', values: CONTRACT_TYPE_LABELS },
    { key: 'startDate', label: 'Début' },
    { key: 'plannedEndDate', label: 'Fin prévue' },
    { key: 'endDate', label: 'Fin' },
    { key: 'endKind', label: 'Type de fin', values: END_KIND_LABELS },
    { key: 'status', label: 'Statut', values: PLACEMENT_STATUS_LABELS },
    { key: 'mark', label: 'Échéance' },
  ],
  activities: [
    { key: 'occurredAt', label: 'Date' },
    { key: 'type', label: 'Type', values: ACTIVITY_LABELS },
    { key: 'outcome', label: 'Issue', values: CALL_OUTCOME_LABELS },
    { key: 'author', label: 'Auteur·rice' },
  ],
  candidates: [
    { key: 'exitDate', label: 'Date de sortie' },
    { key: 'category', label: 'Catégorie de sortie', values: EXIT_CATEGORY_LABELS },
  ],
  leads: [
    { key: 'spottedAt', label: 'Besoin repéré le' },
    { key: 'firstProposedAt', label: 'Première proposition' },
    { key: 'days', label: 'Délai (jours)' },
    { key: 'withinTarget', label: 'Dans le délai' },
  ],
  check_ins: [
    { key: 'party', label: 'Destinataire', values: PARTY_LABELS },
    { key: 'step', label: 'Étape du suivi' },
    { key: 'sentAt', label: 'Envoyé le' },
    { key: 'answeredAt', label: 'Répondu le' },
    { key: 'rating', label: 'Note' },
  ],
  alerts: [
    { key: 'kind', label: 'Type', values: ALERT_KIND_LABELS },
    { key: 'createdAt', label: 'Créée le' },
    { key: 'resolvedAt', label: 'Traitée le' },
  ],
};

/** Fields never shown as a column: the row's own link, and codes another column already says. */
const HIDDEN_FIELDS = ['id', 'label', 'href', 'kind'];

/** The columns of a list: the known ones of its kind, then any other field the rows carry. */
export function drillColumns(kind: DrillKind, rows: DrillRow[]): DrillColumn[] {
  const known = DRILL_COLUMNS[kind] ?? [];
  const others: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.some((column) => column.key === key) && !HIDDEN_FIELDS.includes(key) && !/Id$/.test(key) && !others.includes(key)) others.push(key);
    }
  }
  return [...known.filter((column) => rows.length === 0 || rows.some((row) => column.key in row)), ...others.map((key) => ({ key, label: key }))];
}

export function drillValueFr(value: unknown, timeZone: string, labels?: Record<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return decimalFr(value);
  const string = String(value);
  if (labels && string in labels) return labels[string];
  if (DAY.test(string)) return dayFr(string);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(string) && !Number.isNaN(Date.parse(string))) return dateTimeFr(string, timeZone);
  return string;
}

const DRILL_NOUNS: Record<DrillKind, [string, string]> = {
  companies: ['entreprise', 'entreprises'],
  placements: ['contrat', 'contrats'],
  candidates: ['personne', 'personnes'],
  leads: ['piste', 'pistes'],
  activities: ['activité', 'activités'],
  check_ins: ['questionnaire', 'questionnaires'],
  alerts: ['alerte', 'alertes'],
};

export function drillView(list: DrillList, timeZone: string) {
  const columns = drillColumns(list.kind, list.rows);
  const [singular, plural] = DRILL_NOUNS[list.kind] ?? ['ligne', 'lignes'];
  return {
    noun: list.total <= 1 ? singular : plural,
    columns: columns.map((column) => column.label),
    rows: list.rows.map((row) => ({
      label: row.label,
      href: row.href,
      values: columns.map((column) => drillValueFr(row[column.key], timeZone, column.values)),
    })),
    truncated: list.total > list.rows.length,
  };
}

// ================================================================ encounters: the positive-outcome rate and the people behind it

/** The dashboard's « Rencontres » card: candidates present, positive outcomes and the rate, overall and by kind. */
export function encounterOutcomesCard(report: OutcomeReport) {
  const period = { from: report.from, to: report.to };
  return {
    present: integerFr(report.present),
    positive: integerFr(report.positive),
    rate: report.present ? percentFr(report.rate) : '—',
    withinDays: report.withinDays,
    href: encounterOutcomesHref(period),
    byKind: report.byKind.map((entry) => ({
      label: ENCOUNTER_KIND_LABELS[entry.kind],
      present: integerFr(entry.present),
      positive: integerFr(entry.positive),
      rate: entry.present ? percentFr(entry.rate) : '—',
      href: encounterOutcomesHref(period, entry.kind),
    })),
  };
}

/** The period of the list's link, when both days are real calendar days. */
export function encounterOutcomesPeriod(values: { from?: string; to?: string }): { from: string; to: string } | null {
  const real = (day: string | undefined) => !!day && DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  return real(values.from) && real(values.to) ? { from: values.from as string, to: values.to as string } : null;
}

export function encounterOutcomesHref(period: { from: string; to: string }, kind?: EncounterKind): string {
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (kind) params.set('kind', kind);
  return `/tableau-de-bord/rencontres?${params.toString()}`;
}

/** The list behind the rate: each candidate present at an encounter of the period, with what followed. */
export function encounterOutcomesListView(report: OutcomeReport, kind: EncounterKind | null) {
  return {
    heading: kind ? `Rencontres (${ENCOUNTER_KIND_LABELS[kind].toLowerCase()}) : personnes présentes et suites` : 'Rencontres : personnes présentes et suites',
    summary: `${integerFr(report.positive)} sur ${integerFr(report.present)} avec une suite positive${report.present ? ` (${percentFr(report.rate)})` : ''}`,
    withinDays: report.withinDays,
    rows: report.people.map((person) => ({
      name: person.name,
      candidateHref: `/candidats/${person.candidateId}`,
      encounter: person.title,
      encounterHref: `/rencontres/${person.encounterId}`,
      kind: ENCOUNTER_KIND_LABELS[person.kind],
      day: dayFr(person.day),
      outcome: person.outcome ? ENCOUNTER_OUTCOME_LABELS[person.outcome] : 'Pas encore renseignée',
      outcomeOn: person.outcomeOn ? dayFr(person.outcomeOn) : '—',
      positive: person.positive ? 'Oui' : 'Non',
    })),
  };
}
