import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Encounters (rencontres): their form, participants, attendance and outcomes. */
export const ENCOUNTER = {
  kindInvalid: refusalWith<Field>()('encounter.kind_invalid'),
  titleInvalid: refusalWith<Field>()('encounter.title_invalid'),
  dayInvalid: refusalWith<Field>()('encounter.day_invalid'),
  timeInvalid: refusalWith<Field>()('encounter.time_invalid'),
  endBeforeStart: refusalWith<Field>()('encounter.end_before_start'),
  placeInvalid: refusalWith<Field>()('encounter.place_invalid'),
  placeRequired: refusalWith<Field>()('encounter.place_required'),
  capacityInvalid: refusalWith<Field>()('encounter.capacity_invalid'),
  companyInvalid: refusalWith<Field>()('encounter.company_invalid'),
  organiserInvalid: refusalWith<Field>()('encounter.organiser_invalid'),
  leadInvalid: refusalWith<Field>()('encounter.lead_invalid'),
  descriptionInvalid: refusalWith<Field>()('encounter.description_invalid'),
  versionInvalid: refusalWith<Field>()('encounter.version_invalid'),
  staleVersion: refusalWith<{ version: number }>()('encounter.stale_version'),
  cancelled: refusalWith<{ encounterId: string }>()('encounter.cancelled'),

  candidatesInvalid: refusalWith<Field>()('encounter.candidates_invalid'),
  contactsInvalid: refusalWith<Field>()('encounter.contacts_invalid'),
  staffInvalid: refusalWith<Field>()('encounter.staff_invalid'),
  contactNotOfCompanies: refusalWith<Field>()('encounter.contact_not_of_companies'),
  full: refusalWith<{ capacity: number; free: number }>()('encounter.full'),

  attendanceInvalid: refusalWith<Field>()('encounter.attendance_invalid'),
  attendanceTooEarly: refusalWith<{ encounterId: string }>()('encounter.attendance_too_early'),
  outcomeInvalid: refusalWith<Field>()('encounter.outcome_invalid'),
  outcomeDayInvalid: refusalWith<Field>()('encounter.outcome_day_invalid'),
  outcomeNotCandidate: refusalWith<Field>()('encounter.outcome_not_candidate'),
  outcomeNotPresent: refusalWith<Field>()('encounter.outcome_not_present'),
  outcomeLinkInvalid: refusalWith<Field>()('encounter.outcome_link_invalid'),
  outcomeNoteInvalid: refusalWith<Field>()('encounter.outcome_note_invalid'),
  periodInvalid: refusalWith<Field>()('encounter.period_invalid'),
  withinDaysInvalid: refusalWith<Field>()('encounter.within_days_invalid'),
} as const satisfies Record<string, RefusalDef>;
