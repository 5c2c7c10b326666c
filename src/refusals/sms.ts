import { refusal, refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Text messages staff send from the candidate's page, and the opt-outs they set. */
export const SMS = {
  textInvalid: refusalWith<Field>()('sms.text_invalid'),
  tooLong: refusalWith<Field & { max: number }>()('sms.too_long'),
  noMobile: refusal('sms.no_mobile'),
  optedOut: refusal('sms.opted_out'),
  disabled: refusal('sms.disabled'),
  capInvalid: refusalWith<Field>()('sms.cap_invalid'),
} as const satisfies Record<string, RefusalDef>;
