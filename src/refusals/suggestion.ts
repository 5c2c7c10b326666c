import { refusal, refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** « À appeler cette semaine »: taking a suggestion and setting one aside. */
export const SUGGESTION = {
  reasonInvalid: refusalWith<Field>()('suggestion.reason_invalid'),
  noteRequired: refusalWith<Field>()('suggestion.note_required'),
  noteTooLong: refusalWith<Field & { max: number }>()('suggestion.note_too_long'),
  scopeInvalid: refusalWith<Field>()('suggestion.scope_invalid'),
  alreadyPlanned: refusalWith<{ dueOn: string; owner: string }>()('suggestion.already_planned'),
  closed: refusal('suggestion.closed'),
} as const satisfies Record<string, RefusalDef>;
