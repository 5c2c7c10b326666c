import { refusal, refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Prospection: activities, stages, the board, next actions and cadence. */
export const PROSPECTION = {
  // Fields of the activity form: one sentence each says what the field accepts.
  activityTypeInvalid: refusalWith<Field>()('prospection.activity_type_invalid'),
  outcomeInvalid: refusalWith<Field>()('prospection.outcome_invalid'),
  occurredAtInvalid: refusalWith<Field>()('prospection.occurred_at_invalid'),
  contactInvalid: refusalWith<Field>()('prospection.contact_invalid'),
  candidateInvalid: refusalWith<Field>()('prospection.candidate_invalid'),
  textInvalid: refusalWith<Field>()('prospection.text_invalid'),
  scriptVersionInvalid: refusalWith<Field>()('prospection.script_version_invalid'),
  objectionsInvalid: refusalWith<Field>()('prospection.objections_invalid'),
  refusalReasonInvalid: refusalWith<Field>()('prospection.refusal_reason_invalid'),
  stageInvalid: refusalWith<Field>()('prospection.stage_invalid'),
  // What an activity cannot say.
  outcomeForCallsAndMeetings: refusal('prospection.outcome_for_calls_and_meetings'),
  noAnswerForCalls: refusal('prospection.no_answer_for_calls'),
  refusalReasonRequired: refusal('prospection.refusal_reason_required'),
  objectionsNeedScript: refusal('prospection.objections_need_script'),
  objectionsUnknown: refusalWith<{ objections: string; version: number; script: string }>()('prospection.objections_unknown'),
  occurredTooEarly: refusal('prospection.occurred_too_early'),
  occurredInFuture: refusal('prospection.occurred_in_future'),
  versionRequiredToMove: refusal('prospection.version_required_to_move'),
  contactNotOfCompany: refusal('prospection.contact_not_of_company'),
  candidateNotOfStructure: refusal('prospection.candidate_not_of_structure'),
  // Stage changes and the pipeline.
  stageArchived: refusalWith<{ stage: string }>()('prospection.stage_archived'),
  comeBackOnPast: refusal('prospection.come_back_on_past'),
  noOpenStage: refusal('prospection.no_open_stage'),
  closedStageNotArchivable: refusal('prospection.closed_stage_not_archivable'),
  stageNotEmpty: refusalWith<{ stage: string; count: number }>()('prospection.stage_not_empty'),
  lastOpenStage: refusal('prospection.last_open_stage'),
  stageOrderStale: refusal('prospection.stage_order_stale'),
  stageNameTaken: refusalWith<{ name: string }>()('prospection.stage_name_taken'),
  stageNameRequired: refusal('prospection.stage_name_required'),
  stageNameTooLong: refusalWith<{ max: number }>()('prospection.stage_name_too_long'),
  stalledAfterDaysInvalid: refusal('prospection.stalled_after_days_invalid'),
  // Several companies at once (the list's selection).
  bulkIdsInvalid: refusal('prospection.bulk_ids_invalid'),
  bulkActionInvalid: refusal('prospection.bulk_action_invalid'),
  bulkTagInvalid: refusal('prospection.bulk_tag_invalid'),
  bulkTooManyTags: refusalWith<{ company: string; max: number }>()('prospection.bulk_too_many_tags'),
  /** A move of several companies to a closed stage without the reason the board asks too. */
  bulkReasonInvalid: refusal('prospection.bulk_reason_invalid'),
  bulkReasonRequired: refusalWith<{ stage: string }>()('prospection.bulk_reason_required'),
  // The board and the cadence.
  cursorInvalid: refusal('prospection.cursor_invalid'),
  /** « Reporter » on the follow-up lists: a day before today. */
  rescheduleInPast: refusal('prospection.reschedule_in_past'),
  cadenceTriggerTwice: refusalWith<{ trigger: string }>()('prospection.cadence_trigger_twice'),
  /** A row of the cadence form; `label` is the trigger's French label, as the table shows it. */
  cadenceActionUnknown: refusalWith<{ label: string }>()('prospection.cadence_action_unknown'),
  cadenceDelayInvalid: refusalWith<{ label: string; max: number }>()('prospection.cadence_delay_invalid'),
  cadenceUnitUnknown: refusalWith<{ label: string }>()('prospection.cadence_unit_unknown'),
} as const satisfies Record<string, RefusalDef>;
