import { LogActivityDto } from '../../prospection/dto/activity.dto';
import { FieldsFormSpec } from '../kit/form-body.pipe';
import { QUICK_LOG_TYPES } from './follow-ups.view';

/** The quick log form of a row: a call or a meeting, its outcome, a note (and the refusal's reason). */
export const QUICK_LOG_FIELDS = ['type', 'outcome', 'text', 'refusalReason'] as const;

/** The quick log form as LogActivityDto takes it; a type it does not offer is refused like an unknown one. */
export const QUICK_LOG_FORM: FieldsFormSpec<LogActivityDto> = {
  fields: [...QUICK_LOG_FIELDS, 'retour'],
  dto: LogActivityDto,
  toInput: (values) => ({
    type: QUICK_LOG_TYPES.some((item) => item.value === values.type) ? values.type : '',
    outcome: values.outcome ? values.outcome : undefined,
    text: values.text,
    refusalReason: values.outcome === 'refused' ? values.refusalReason : undefined,
  }),
};
