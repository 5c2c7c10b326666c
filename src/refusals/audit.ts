import { refusal, RefusalDef } from './define';

/** The journal. */
export const AUDIT = {
  periodReversed: refusal('audit.period_reversed'),
} as const satisfies Record<string, RefusalDef>;
