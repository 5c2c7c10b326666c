import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/**
 * Contact pressure: what an employer asked about being contacted. `noContact` refuses a call, an
 * e-mail or a meeting; `capReached` is a warning (the write proceeds), carried in `warnings`.
 */
export const PRESSURE = {
  /** `known`: 'yes' when who recorded the wish, and when, is known (`by`, `on`). */
  noContact: refusalWith<{ name: string; known: 'yes' | 'no'; by: string; on: string }>()('pressure.no_contact'),
  capReached: refusalWith<{ max: number; count: number; by: string; on: string }>()('pressure.cap_reached'),
  monthlyContactCapInvalid: refusalWith<Field>()('pressure.monthly_contact_cap_invalid'),
  noContactInvalid: refusalWith<Field>()('pressure.no_contact_invalid'),
  restAttemptsInvalid: refusalWith<Field>()('pressure.rest_attempts_invalid'),
  restMonthsInvalid: refusalWith<Field>()('pressure.rest_months_invalid'),
} as const satisfies Record<string, RefusalDef>;
