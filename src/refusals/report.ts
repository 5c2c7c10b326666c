import { refusal, RefusalDef } from './define';

/** Reports, the dashboard and targets: one code per filter, with what the filter accepts. */
export const REPORT = {
  periodReversed: refusal('report.period_reversed'),
  periodTooLong: refusal('report.period_too_long'),
  fromInvalid: refusal('report.from_invalid'),
  toInvalid: refusal('report.to_invalid'),
  staffInvalid: refusal('report.staff_invalid'),
  nafInvalid: refusal('report.naf_invalid'),
  territoryInvalid: refusal('report.territory_invalid'),
  sourceInvalid: refusal('report.source_invalid'),
  scriptVersionInvalid: refusal('report.script_version_invalid'),
  intervalInvalid: refusal('report.interval_invalid'),
  metricInvalid: refusal('report.metric_invalid'),
  bucketInvalid: refusal('report.bucket_invalid'),
  weekInvalid: refusal('report.week_invalid'),
  contractTypeInvalid: refusal('report.contract_type_invalid'),
  categoryInvalid: refusal('report.category_invalid'),
  partyInvalid: refusal('report.party_invalid'),
  alertKindInvalid: refusal('report.alert_kind_invalid'),
  tableInvalid: refusal('report.table_invalid'),
  targetInvalid: refusal('report.target_invalid'),
  resetInvalid: refusal('report.reset_invalid'),
} as const satisfies Record<string, RefusalDef>;
