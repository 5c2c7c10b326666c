import { refusal, refusalWith } from './define';

/** Logging in, sessions and rights. */
export const AUTH = {
  invalidCredentials: refusal('auth.invalid_credentials'),
  credentialsMissing: refusal('auth.credentials_missing'),
  locked: refusalWith<{ minutes: number }>()('auth.locked'),
  wrongCurrentPassword: refusal('auth.wrong_current_password'),
  /** Constraints and notes leave Tremplin only through a manager or an admin. */
  sensitiveExportReserved: refusal('auth.sensitive_export_reserved'),
  /** Staff see their own figures and the team totals, not a colleague's. */
  ownFiguresOnly: refusal('auth.own_figures_only'),
  alertNotYours: refusal('auth.alert_not_yours'),
  /** A reset link used, expired, replaced by a newer one, or never sent: all say the same. */
  resetLinkInvalid: refusal('auth.reset_link_invalid'),
  passwordsDiffer: refusal('auth.passwords_differ'),
  passwordWeak: refusalWith<{ min: number }>()('auth.password_weak'),
  /** A calendar subscription address revoked, replaced by a newer one, or never made: all say the same. */
  calendarFeedUnknown: refusal('auth.calendar_feed_unknown'),
  /** A call to the SMS provider's webhook without its secret. */
  smsWebhookUnsigned: refusal('auth.sms_webhook_unsigned'),
} as const;
