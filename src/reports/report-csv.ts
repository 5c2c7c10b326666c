import { stringify } from 'csv-stringify/sync';
import { DAY_PATTERN } from '../common/dates';
import { spreadsheetDay, spreadsheetTime } from '../common/spreadsheet';
import { spreadsheetSafe } from '../prospection/board-export.service';
import { ACTIVITY_LABELS } from '../prospection/activity.entity';
import { DYNAMIC_EXITS_LABEL } from './outcomes-report';
import {
  ActivityReport,
  DrillList,
  FUNNEL_COMPANY_STEPS,
  FUNNEL_STEP_LABELS,
  FunnelReport,
  OutcomesReport,
  REPORT_ACTIVITY_TYPES,
  StepCounts,
} from './report-types';

type Cell = string | number | boolean | null | undefined;

/** A French spreadsheet's number: `0,5`. Counts stay integers; empty for "no figure". */
export function frenchNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).replace('.', ',');
}

function table(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? frenchNumber(cell) : spreadsheetSafe(cell ?? ''))))], {
    bom: true,
    delimiter: ';',
    cast: { boolean: (value) => (value ? 'oui' : 'non') },
  });
}

const STAFF_COUNT_COLUMNS: Array<[keyof StepCounts, string]> = [
  ...FUNNEL_COMPANY_STEPS.map((step): [keyof StepCounts, string] => [step, FUNNEL_STEP_LABELS[step]]),
  ['eligible_1m', 'Contrats arrivés à 1 mois'],
  ['retained_1m', FUNNEL_STEP_LABELS.retained_1m],
  ['eligible_3m', 'Contrats arrivés à 3 mois'],
  ['retained_3m', FUNNEL_STEP_LABELS.retained_3m],
  ['eligible_6m', 'Contrats arrivés à 6 mois'],
  ['retained_6m', FUNNEL_STEP_LABELS.retained_6m],
];

export function funnelCsv(report: FunnelReport): string {
  return table(
    ['Étape', 'Unité', 'Nombre', 'Éligibles', 'Conversion', 'Médiane (jours)'],
    report.steps.map((step) => [
      step.label,
      step.unit === 'companies' ? 'entreprises' : 'contrats',
      step.count,
      step.eligible,
      step.conversion,
      step.medianDays,
    ]),
  );
}

export function funnelStaffCsv(report: FunnelReport): string {
  const rows: Cell[][] = report.byStaff.map((staff) => [staff.name, ...STAFF_COUNT_COLUMNS.map(([key]) => staff.counts[key])]);
  rows.push(['Équipe (total)', ...STAFF_COUNT_COLUMNS.map(([key]) => report.team[key])]);
  return table(['Membre de l’équipe', ...STAFF_COUNT_COLUMNS.map(([, label]) => label)], rows);
}

export function funnelTrendCsv(report: FunnelReport): string {
  return table(
    ['Période', 'Début', ...FUNNEL_COMPANY_STEPS.map((step) => FUNNEL_STEP_LABELS[step])],
    report.trend.buckets.map((bucket) => [bucket.label, spreadsheetDay(bucket.start), ...FUNNEL_COMPANY_STEPS.map((step) => bucket.counts[step])]),
  );
}

export function activityCsv(report: ActivityReport): string {
  const header = ['Membre de l’équipe', 'Semaine (lundi)', 'Semaine partielle'];
  for (const type of REPORT_ACTIVITY_TYPES) header.push(ACTIVITY_LABELS[type], `Objectif ${ACTIVITY_LABELS[type].toLowerCase()}`);
  const rows: Cell[][] = [];
  for (const staff of report.staff) {
    for (const week of staff.weeks) {
      rows.push([staff.name, spreadsheetDay(week.week), week.partial, ...REPORT_ACTIVITY_TYPES.flatMap((type) => [week.counts[type], staff.targets[type]])]);
    }
  }
  for (const week of report.team.weeks) {
    rows.push(['Équipe (total)', spreadsheetDay(week.week), week.partial, ...REPORT_ACTIVITY_TYPES.flatMap((type) => [week.counts[type], null])]);
  }
  return table(header, rows);
}

export function outcomesCsv(report: OutcomesReport, name: 'placements' | 'retention' | 'exits' | 'lead_time' | 'check_ins' | 'alerts'): string {
  switch (name) {
    case 'placements':
      return table(['Type de contrat', 'Nombre'], [
        ...report.placements.byContractType.map((row): Cell[] => [row.label, row.count]),
        ['Total', report.placements.total],
        ['Ruptures', report.placements.ruptures],
      ]);
    case 'retention':
      return table(
        ['Durée (mois)', 'Contrats arrivés à l’échéance', 'En poste', 'Taux'],
        report.retention.map((row) => [row.months, row.eligible, row.retained, row.rate]),
      );
    case 'exits':
      return table(['Catégorie de sortie', 'Nombre', 'Part des sorties'], [
        ...report.exits.byCategory.map((row): Cell[] => [row.label, row.count, row.share]),
        [DYNAMIC_EXITS_LABEL, report.exits.dynamic.count, report.exits.dynamic.rate],
        ['Total', report.exits.total, report.exits.total ? 1 : null],
      ]);
    case 'lead_time':
      return table(
        ['Pistes avec une première proposition', 'Médiane (jours)', 'Dans le délai', 'Délai cible (jours)'],
        [[report.leadTime.count, report.leadTime.medianDays, report.leadTime.withinTarget, report.leadTime.targetDays]],
      );
    case 'check_ins':
      return table(['Partie', 'Envoyés', 'Répondus', 'Taux de réponse'], [
        ...report.checkIns.byParty.map((row): Cell[] => [row.label, row.sent, row.answered, row.rate]),
        ['Total', report.checkIns.sent, report.checkIns.answered, report.checkIns.rate],
      ]);
    case 'alerts':
      return table(['Type d’alerte', 'Nombre'], [
        ...report.alerts.byKind.map((row): Cell[] => [row.label, row.count]),
        ['Total', report.alerts.total],
      ]);
  }
}

/** French headers of the lists' fields; a field without one keeps its name. */
const DRILL_HEADERS: Record<string, string> = {
  id: 'Identifiant',
  label: 'Libellé',
  commune: 'Commune',
  stage: 'Étape',
  contactedAt: 'Premier contact',
  reachedAt: 'Étape atteinte le',
  staff: 'Chargé·e',
  company: 'Entreprise',
  kind: 'Nature',
  contractType: 'Type de contrat',
  startDate: 'Début',
  plannedEndDate: 'Fin prévue',
  endDate: 'Fin',
  endKind: 'Type de fin',
  status: 'Statut',
  mark: 'Échéance',
  type: 'Type',
  outcome: 'Résultat',
  occurredAt: 'Date',
  author: 'Auteur·rice',
  exitDate: 'Date de sortie',
  category: 'Catégorie',
  spottedAt: 'Repéré le',
  firstProposedAt: 'Première proposition le',
  days: 'Jours',
  withinTarget: 'Dans le délai',
  party: 'Destinataire',
  step: 'Étape de suivi',
  sentAt: 'Envoyé le',
  answeredAt: 'Répondu le',
  rating: 'Note',
  createdAt: 'Créée le',
  resolvedAt: 'Résolue le',
};

/** A list's value as French Excel reads it: days as dd/mm/yyyy, instants as the Paris wall clock. */
function drillCell(value: DrillList['rows'][number][string], timeZone: string): Cell {
  if (typeof value !== 'string') return value;
  if (DAY_PATTERN.test(value)) return spreadsheetDay(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return spreadsheetTime(value, timeZone);
  return value;
}

export function drillCsv(list: DrillList, timeZone: string): string {
  const fields = [...new Set(list.rows.flatMap((row) => Object.keys(row)))].filter((key) => key !== 'href');
  return table(
    fields.map((field) => DRILL_HEADERS[field] ?? field),
    list.rows.map((row) => fields.map((field) => drillCell(row[field], timeZone))),
  );
}
