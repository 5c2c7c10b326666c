import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Job leads, proposals and matching. */
export const LEAD = {
  // Fields of the lead form, one sentence whatever check fails.
  companyInvalid: refusalWith<Field>()('lead.company_invalid'),
  contactInvalid: refusalWith<Field>()('lead.contact_invalid'),
  sourceActivityInvalid: refusalWith<Field>()('lead.source_activity_invalid'),
  jobTitleInvalid: refusalWith<Field>()('lead.job_title_invalid'),
  romeCodeInvalid: refusalWith<Field>()('lead.rome_code_invalid'),
  contractTypeInvalid: refusalWith<Field>()('lead.contract_type_invalid'),
  hoursInvalid: refusalWith<Field>()('lead.hours_invalid'),
  shiftInvalid: refusalWith<Field>()('lead.shift_invalid'),
  dayInvalid: refusalWith<Field>()('lead.day_invalid'),
  communeInvalid: refusalWith<Field>()('lead.commune_invalid'),
  checkboxInvalid: refusalWith<Field>()('lead.checkbox_invalid'),
  requirementsInvalid: refusalWith<Field>()('lead.requirements_invalid'),
  adaptationsInvalid: refusalWith<Field>()('lead.adaptations_invalid'),
  ownerInvalid: refusalWith<Field>()('lead.owner_invalid'),
  statusInvalid: refusalWith<Field>()('lead.status_invalid'),
  abandonReasonInvalid: refusalWith<Field>()('lead.abandon_reason_invalid'),
  versionInvalid: refusalWith<Field>()('lead.version_invalid'),
  targetDaysInvalid: refusalWith<Field>()('lead.target_days_invalid'),

  // Checked by the lead service.
  contactOfAnotherCompany: refusalWith<Field>()('lead.contact_of_another_company'),
  sourceActivityOfAnotherCompany: refusalWith<Field>()('lead.source_activity_of_another_company'),
  romeCodeRequired: refusalWith<Field>()('lead.rome_code_required'),
  hoursRequired: refusalWith<Field>()('lead.hours_required'),
  abandonReasonRequired: refusalWith<Field>()('lead.abandon_reason_required'),
  abandonReasonOnlyToAbandon: refusalWith<Field>()('lead.abandon_reason_only_to_abandon'),
  /** `from` and `to` are the statuses' French labels, `allowed` those of the possible ones. */
  transitionRefused: refusalWith<{ from: string; to: string; allowed: string }>()('lead.transition_refused'),
  staleVersion: refusalWith<{ version: number }>()('lead.stale_version'),

  // Proposals.
  candidateInvalid: refusalWith<Field>()('lead.candidate_invalid'),
  outcomeInvalid: refusalWith<Field>()('lead.outcome_invalid'),
  reasonInvalid: refusalWith<Field>()('lead.reason_invalid'),
  reasonRequired: refusalWith<Field>()('lead.reason_required'),
  closed: refusalWith<{ leadId: string; status: string }>()('lead.closed'),
  alreadyProposed: refusalWith<{ leadId: string; candidateId: string }>()('lead.already_proposed'),
  hardConflicts: refusalWith<{ leadId: string; candidateId: string; conflicts: number }>()('lead.hard_conflicts'),
  outcomeSettled: refusalWith<{ proposalId: string; outcome: string }>()('lead.outcome_settled'),
  /** `outcome` is the proposal's current outcome, in French. */
  withdrawNotPending: refusalWith<{ proposalId: string; outcome: string }>()('lead.withdraw_not_pending'),
} as const satisfies Record<string, RefusalDef>;
