import { EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { ALERT_KINDS, AlertKind } from '../alerts/staff-alert.entity';
import { CHECK_IN_PARTIES } from '../checkins/check-in.entity';
import { CONTRACT_TYPE_LABELS, CONTRACT_TYPES, ContractType, DYNAMIC_EXIT_CATEGORIES, EXIT_CATEGORIES, ExitCategory } from '../placements/contract-types';
import { ReportContext } from './report-context';
import { outcomeRows } from './outcomes.queries';
import { FUNNEL_RETENTION_STEPS, Outcomes, RETENTION_MONTHS } from './report-types';
import { ratio, round } from './sql-params';

export const PARTY_LABELS = { employee: 'Salarié·e', employer: 'Employeur' } as const;

/** The exit categories as a funder's report names them (groups of people, hence the plurals). */
export const EXIT_REPORT_LABELS: Record<ExitCategory, string> = {
  durable_employment: 'Emploi durable',
  transition_employment: 'Emploi de transition',
  positive_exit: 'Sorties positives',
  other: 'Autres sorties',
};

export const DYNAMIC_EXITS_LABEL = 'Sorties dynamiques';

/** Placements, retention, exits, lead time, check-ins and alerts of the period, for one staff member or everyone. */
export async function outcomesFor(manager: EntityManager, context: ReportContext, staffId: string | null): Promise<Outcomes> {
  const { placements, marks, exits, leads, checkIns, alerts } = await outcomeRows(manager, context, staffId);

  const started = new Map(placements.map((row) => [String(row.contract_type), Number(row.started)]));
  const byContractType = CONTRACT_TYPES.filter((type) => (started.get(type) ?? 0) > 0).map((type: ContractType) => ({
    contractType: type,
    label: CONTRACT_TYPE_LABELS[type],
    count: started.get(type)!,
  }));
  const retention = RETENTION_MONTHS.map((months, index) => {
    const row = marks.find((candidate) => Number(candidate.months) === months);
    const eligible = row ? Number(row.eligible) : 0;
    const retained = row ? Number(row.retained) : 0;
    return { months, key: FUNNEL_RETENTION_STEPS[index], eligible, retained, rate: ratio(retained, eligible) };
  });
  const exitCounts = new Map(exits.map((row) => [String(row.exit_category), Number(row.count)]));
  const exitTotal = [...exitCounts.values()].reduce((sum, count) => sum + count, 0);
  const dynamicExits = DYNAMIC_EXIT_CATEGORIES.reduce((sum, category) => sum + (exitCounts.get(category) ?? 0), 0);
  const lead = leads[0];
  const parties = CHECK_IN_PARTIES.map((party) => {
    const row = checkIns.find((candidate) => candidate.party === party);
    const sent = row ? Number(row.sent) : 0;
    const answered = row ? Number(row.answered) : 0;
    return { party, label: PARTY_LABELS[party], sent, answered, rate: ratio(answered, sent) };
  });
  const sent = parties.reduce((sum, party) => sum + party.sent, 0);
  const answered = parties.reduce((sum, party) => sum + party.answered, 0);
  const alertCounts = new Map(alerts.map((row) => [String(row.kind), Number(row.count)]));

  return {
    placements: {
      byContractType,
      total: byContractType.reduce((sum, row) => sum + row.count, 0),
      ruptures: placements.reduce((sum, row) => sum + Number(row.ruptures), 0),
    },
    retention,
    exits: {
      byCategory: EXIT_CATEGORIES.map((category) => ({
        category,
        label: EXIT_REPORT_LABELS[category],
        count: exitCounts.get(category) ?? 0,
        share: ratio(exitCounts.get(category) ?? 0, exitTotal),
        dynamic: DYNAMIC_EXIT_CATEGORIES.includes(category),
      })),
      dynamic: { count: dynamicExits, rate: ratio(dynamicExits, exitTotal) },
      total: exitTotal,
    },
    leadTime: {
      count: Number(lead.count),
      medianDays: round(lead.median as number | null, 1),
      withinTarget: Number(lead.within),
      targetDays: Number(lead.target),
    },
    checkIns: { byParty: parties, sent, answered, rate: ratio(answered, sent) },
    alerts: {
      byKind: ALERT_KINDS.map((kind: AlertKind) => ({ kind, label: ALERT_KIND_LABELS[kind], count: alertCounts.get(kind) ?? 0 })),
      total: [...alertCounts.values()].reduce((sum, count) => sum + count, 0),
    },
  };
}
