import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Candidates: their record, path and exit. */
export const CANDIDATE = {
  // Fields of the candidate form, one sentence whatever check fails.
  firstNameInvalid: refusalWith<Field>()('candidate.first_name_invalid'),
  lastNameInvalid: refusalWith<Field>()('candidate.last_name_invalid'),
  emailInvalid: refusalWith<Field>()('candidate.email_invalid'),
  phoneInvalid: refusalWith<Field>()('candidate.phone_invalid'),
  referrerInvalid: refusalWith<Field>()('candidate.referrer_invalid'),
  referrerNameInvalid: refusalWith<Field>()('candidate.referrer_name_invalid'),
  dayInvalid: refusalWith<Field>()('candidate.day_invalid'),
  contractTypeInvalid: refusalWith<Field>()('candidate.contract_type_invalid'),
  /** On the field whatever check fails (@RefuseAs gives no parameter but the field). */
  wantedJobsInvalid: refusalWith<Field>()('candidate.wanted_jobs_invalid'),
  tooManyWantedJobs: refusalWith<Field & { max: number }>()('candidate.too_many_wanted_jobs'),
  strengthsInvalid: refusalWith<Field>()('candidate.strengths_invalid'),
  skillsInvalid: refusalWith<Field>()('candidate.skills_invalid'),
  checkboxInvalid: refusalWith<Field>()('candidate.checkbox_invalid'),
  communeInvalid: refusalWith<Field>()('candidate.commune_invalid'),
  reachableCommunesInvalid: refusalWith<Field>()('candidate.reachable_communes_invalid'),
  mobilityRadiusInvalid: refusalWith<Field>()('candidate.mobility_radius_invalid'),
  hoursInvalid: refusalWith<Field>()('candidate.hours_invalid'),
  shiftsInvalid: refusalWith<Field>()('candidate.shifts_invalid'),
  constraintInvalid: refusalWith<Field>()('candidate.constraint_invalid'),
  notesInvalid: refusalWith<Field>()('candidate.notes_invalid'),
  ownerInvalid: refusalWith<Field>()('candidate.owner_invalid'),
  statusInvalid: refusalWith<Field>()('candidate.status_invalid'),
  exitCategoryInvalid: refusalWith<Field>()('candidate.exit_category_invalid'),
  versionInvalid: refusalWith<Field>()('candidate.version_invalid'),

  // Wanted jobs, item by item (wanted-jobs.ts).
  wantedJobInvalid: refusalWith<Field>()('candidate.wanted_job_invalid'),
  wantedJobUnknownField: refusalWith<Field>()('candidate.wanted_job_unknown_field'),
  wantedJobLabelInvalid: refusalWith<Field & { max: number }>()('candidate.wanted_job_label_invalid'),
  wantedJobRomeInvalid: refusalWith<Field>()('candidate.wanted_job_rome_invalid'),

  // Exit.
  exitCategoryRequired: refusalWith<Field>()('candidate.exit_category_required'),
  exitCategoryUnderivable: refusalWith<Field>()('candidate.exit_category_underivable'),
  exitDateRequired: refusalWith<Field>()('candidate.exit_date_required'),
  exitBeforeEntry: refusalWith<Field & { entryDate: string }>()('candidate.exit_before_entry'),
  onlyWhenExited: refusalWith<Field>()('candidate.only_when_exited'),
  /** `exitDate` is 'none' when none was recorded. */
  alreadyExited: refusalWith<{ candidateId: string; exitDate: string }>()('candidate.already_exited'),

  // The record's state.
  staleVersion: refusalWith<{ version: number }>()('candidate.stale_version'),
  anonymised: refusalWith<{ candidateId: string }>()('candidate.anonymised'),
} as const satisfies Record<string, RefusalDef>;
