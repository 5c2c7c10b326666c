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
} as const satisfies Record<string, RefusalDef>;
