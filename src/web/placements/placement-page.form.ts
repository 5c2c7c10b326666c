import { CallDoneDto } from '../../checkins/dto/call-done.dto';
import { UpdatePlacementDto } from '../../placements/dto/placement.dto';
import { FormSpec } from '../kit/form-body.pipe';
import { Values } from '../kit/forms';
import { optional, version } from '../leads/lead.form';

export const CALL_DONE_FORM: FormSpec<CallDoneDto> = { fields: ['note'], dto: CallDoneDto };

export const DATES_FIELDS = ['startDate', 'plannedEndDate', 'trialEndDate'] as const;

/** New dates: an emptied end or trial date clears it (null), as on the API. */
export function datesInput(values: Values): Record<string, unknown> {
  return {
    startDate: values.startDate,
    plannedEndDate: optional(values.plannedEndDate) ?? null,
    trialEndDate: optional(values.trialEndDate) ?? null,
    version: version(values.version),
  };
}

export const DATES_FORM: FormSpec<UpdatePlacementDto> = { fields: [...DATES_FIELDS, 'version', 'etape'], dto: UpdatePlacementDto, toInput: datesInput };
