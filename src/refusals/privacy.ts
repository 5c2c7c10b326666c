import { refusal, RefusalDef } from './define';

/** Personal data: exports, erasure, retention. */
export const PRIVACY = {
  reasonRequired: refusal('privacy.reason_required'),
  reasonTooLong: refusal('privacy.reason_too_long'),
} as const satisfies Record<string, RefusalDef>;
