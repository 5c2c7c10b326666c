import { refusal, RefusalDef } from './define';

/** Users, structures and administration. */
export const USER = {
  /** The same answer whichever structure holds the address, naming none. */
  emailUnavailable: refusal('user.email_unavailable'),
} as const satisfies Record<string, RefusalDef>;
