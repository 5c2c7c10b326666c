import { calendarDayIn } from '../../common/calendar/working-days';
import { frenchLongDay } from '../../refusals/french';
import { FormState } from './company.form';
import { Values } from '../kit/forms';

/** What the company's « Sollicitations » section needs of the company. */
export interface PressureFacts {
  id: string;
  version: number;
  monthlyContactCap: number | null;
  noContact: boolean;
  noContactSetBy: string | null;
  noContactSetAt: Date | null;
  /** Null unless the company rests today. */
  restingUntil: string | null;
  restReason: string | null;
}

export const PRESSURE_FIELDS = ['monthlyContactCap', 'noContact'] as const;
export const PRESSURE_FORM_FIELDS = [...PRESSURE_FIELDS, 'version'] as const;

/** The section's form as UpdateCompanyDto takes it: a blank cap is no limit, the checkbox a boolean. */
export function pressureInput(values: Values): Record<string, unknown> {
  const cap = values.monthlyContactCap?.trim() ?? '';
  const version = Number(values.version);
  return {
    monthlyContactCap: cap === '' ? null : /^\d+$/.test(cap) ? Number(cap) : cap,
    noContact: values.noContact === 'true',
    version: Number.isInteger(version) && version >= 1 ? version : undefined,
  };
}

/**
 * The « Sollicitations » section: why the company rests and until when (with « Reprendre le
 * contact »), the employer's wish never to be contacted, the monthly cap's warning once reached,
 * and the form that records what the employer asked.
 */
export function pressureView(
  company: PressureFacts,
  capWarning: string | null,
  team: Array<{ id: string; firstName: string; lastName: string }>,
  timeZone: string,
  form?: FormState,
) {
  const setter = team.find((member) => member.id === company.noContactSetBy);
  const recorded = [setter ? `par ${setter.firstName} ${setter.lastName}` : null, company.noContactSetAt ? `le ${frenchLongDay(calendarDayIn(timeZone, company.noContactSetAt))}` : null]
    .filter(Boolean)
    .join(' ');
  return {
    resting: company.restingUntil ? { until: frenchLongDay(company.restingUntil), reason: company.restReason } : null,
    noContact: company.noContact ? `Cette entreprise a demandé à ne plus être contactée${recorded ? ` (noté ${recorded})` : ''} : appels, e-mails et rendez-vous sont refusés.` : null,
    capWarning,
    cap: company.monthlyContactCap === null ? 'Pas de limite demandée.' : `Au plus ${company.monthlyContactCap} contact${company.monthlyContactCap > 1 ? 's' : ''} par mois (appels, e-mails, rendez-vous, visites).`,
    form: {
      values: form?.values ?? { monthlyContactCap: company.monthlyContactCap === null ? '' : String(company.monthlyContactCap), noContact: company.noContact ? 'true' : '' },
      errors: form?.errors ?? {},
      alert: form?.alert,
      open: Boolean(form),
      version: company.version,
    },
  };
}
