import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Placements (contracts and PMSMP). */
export const PLACEMENT = {
  // Fields of the placement form, one sentence whatever check fails.
  candidateInvalid: refusalWith<Field>()('placement.candidate_invalid'),
  companyInvalid: refusalWith<Field>()('placement.company_invalid'),
  leadInvalid: refusalWith<Field>()('placement.lead_invalid'),
  employerContactInvalid: refusalWith<Field>()('placement.employer_contact_invalid'),
  proposalInvalid: refusalWith<Field>()('placement.proposal_invalid'),
  kindInvalid: refusalWith<Field>()('placement.kind_invalid'),
  contractTypeInvalid: refusalWith<Field>()('placement.contract_type_invalid'),
  jobTitleInvalid: refusalWith<Field>()('placement.job_title_invalid'),
  dayInvalid: refusalWith<Field>()('placement.day_invalid'),
  endDayInvalid: refusalWith<Field>()('placement.end_day_invalid'),
  hoursInvalid: refusalWith<Field>()('placement.hours_invalid'),
  trialEndInvalid: refusalWith<Field>()('placement.trial_end_invalid'),
  ownerInvalid: refusalWith<Field>()('placement.owner_invalid'),
  statusInvalid: refusalWith<Field>()('placement.status_invalid'),
  endKindInvalid: refusalWith<Field>()('placement.end_kind_invalid'),
  ruptureReasonInvalid: refusalWith<Field>()('placement.rupture_reason_invalid'),
  endedByInvalid: refusalWith<Field>()('placement.ended_by_invalid'),
  versionInvalid: refusalWith<Field>()('placement.version_invalid'),

  // Links checked by the service.
  candidateNotOurs: refusalWith<Field>()('placement.candidate_not_ours'),
  companyNotOurs: refusalWith<Field>()('placement.company_not_ours'),
  proposalNotOurs: refusalWith<Field>()('placement.proposal_not_ours'),
  proposalOfAnotherCandidate: refusalWith<Field>()('placement.proposal_of_another_candidate'),
  proposalToAnotherLead: refusalWith<Field>()('placement.proposal_to_another_lead'),
  leadNotOurs: refusalWith<Field>()('placement.lead_not_ours'),
  leadOfAnotherCompany: refusalWith<Field>()('placement.lead_of_another_company'),
  employerContactOfAnotherCompany: refusalWith<Field>()('placement.employer_contact_of_another_company'),

  // Terms (placement-rules.ts).
  kindMismatch: refusalWith<Field & { contractType: string }>()('placement.kind_mismatch'),
  plannedEndForbidden: refusalWith<Field & { contract: string }>()('placement.planned_end_forbidden'),
  plannedEndRequired: refusalWith<Field & { contract: string }>()('placement.planned_end_required'),
  plannedEndBeforeStart: refusalWith<Field>()('placement.planned_end_before_start'),
  pmsmpTooLong: refusalWith<Field & { latest: string }>()('placement.pmsmp_too_long'),
  cddiOutOfBounds: refusalWith<Field & { earliest: string; latest: string }>()('placement.cddi_out_of_bounds'),
  trialForbidden: refusalWith<Field>()('placement.trial_forbidden'),
  trialOutsideContract: refusalWith<Field>()('placement.trial_outside_contract'),

  // Ending.
  endBeforeStart: refusalWith<Field & { start: string }>()('placement.end_before_start'),
  endInFuture: refusalWith<Field>()('placement.end_in_future'),
  ruptureReasonRequired: refusalWith<Field>()('placement.rupture_reason_required'),
  ruptureReasonOnlyEarly: refusalWith<Field>()('placement.rupture_reason_only_early'),
  endedByRequired: refusalWith<Field>()('placement.ended_by_required'),
  endedByOnlyEarly: refusalWith<Field>()('placement.ended_by_only_early'),

  // The placement's state.
  staleVersion: refusalWith<{ version: number }>()('placement.stale_version'),
  endedNoEdit: refusalWith<{ placementId: string }>()('placement.ended_no_edit'),
  alreadyUnderway: refusalWith<{ placementId: string; status: 'started' | 'ended' }>()('placement.already_underway'),
  candidateExited: refusalWith<{ candidateId: string }>()('placement.candidate_exited'),
  neverStarted: refusalWith<{ placementId: string }>()('placement.never_started'),
  alreadyEnded: refusalWith<{ placementId: string; endDate: string | null }>()('placement.already_ended'),
  onlyPlannedCancelled: refusalWith<{ placementId: string; status: string }>()('placement.only_planned_cancelled'),
  /** Two contracts of one person on a same day; `until` is 'none' for a contract with no end. */
  contractOverlap: refusalWith<Field & { otherId: string; from: string; until: string }>()('placement.contract_overlap'),
} as const satisfies Record<string, RefusalDef>;
