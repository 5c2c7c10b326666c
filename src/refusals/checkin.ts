import { refusal, refusalWith, RefusalDef } from './define';

/** Follow-up check-ins: their answer links and the answer form. */
export const CHECKIN = {
  linkMalformed: refusal('checkin.link_malformed'),
  linkForged: refusal('checkin.link_forged'),
  linkExpired: refusal('checkin.link_expired'),
  alreadyAnswered: refusal('checkin.already_answered'),
  cancelled: refusal('checkin.cancelled'),
  ratingRequired: refusal('checkin.rating_required'),
  difficultyUnknown: refusal('checkin.difficulty_unknown'),
  textTooLong: refusalWith<{ max: number }>()('checkin.text_too_long'),
  alertNoteInvalid: refusalWith<{ field: string }>()('checkin.alert_note_invalid'),
  offsetInvalid: refusalWith<{ field: string }>()('checkin.offset_invalid'),
  stepDuplicate: refusalWith<{ field: string }>()('checkin.step_duplicate'),
  stepNoParty: refusalWith<{ field: string }>()('checkin.step_no_party'),
  stepNotInPlan: refusalWith<{ field: string }>()('checkin.step_not_in_plan'),
  stepPartiesConflict: refusalWith<{ field: string }>()('checkin.step_parties_conflict'),
  planEmpty: refusalWith<{ field: string }>()('checkin.plan_empty'),
  noAnswerDaysInvalid: refusalWith<{ field: string }>()('checkin.no_answer_days_invalid'),
  alertRecipientsInvalid: refusalWith<{ field: string }>()('checkin.alert_recipients_invalid'),
  // Staff steering a placement's plan.
  notPlanned: refusalWith<{ checkInId: string; status: string }>()('checkin.not_planned'),
  placementNotStarted: refusalWith<{ placementId: string }>()('checkin.placement_not_started'),
  notCallTask: refusalWith<{ checkInId: string; status: string }>()('checkin.not_call_task'),
  callAlreadyDone: refusalWith<{ checkInId: string }>()('checkin.call_already_done'),
  callNoteInvalid: refusalWith<{ field: string }>()('checkin.call_note_invalid'),
  /** Walking a plan forward is for development and demonstrations, never on real people's data. */
  simulationOff: refusal('checkin.simulation_off'),
  simulationDayInvalid: refusalWith<{ field: string }>()('checkin.simulation_day_invalid'),
} as const satisfies Record<string, RefusalDef>;
