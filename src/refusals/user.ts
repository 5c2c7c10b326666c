import { refusal, RefusalDef } from './define';

/** Users, structures and administration. */
export const USER = {
  /** The same answer whichever structure holds the address, naming none. */
  emailUnavailable: refusal('user.email_unavailable'),
  /** An owner, a target's person...: someone active in the structure. */
  staffInactive: refusal('user.staff_inactive'),
  /** An admin keeps their own account and role: a structure always keeps one admin who can act. */
  selfDeactivation: refusal('user.self_deactivation'),
  /** A reset link goes to an active account only: reactivate it first. */
  resetInactive: refusal('user.reset_inactive'),
} as const satisfies Record<string, RefusalDef>;
