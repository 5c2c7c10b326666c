/** Every queue name lives here, so a grep finds who produces and who consumes. */
export const QUEUES = {
  mail: 'mail',
  imports: 'imports',
  checkIns: 'check-ins',
  reminders: 'reminders',
  alerts: 'alerts',
  privacy: 'privacy',
  sms: 'sms',
} as const;

export const JOBS = {
  deliverMail: 'deliver-mail',
  reconcileOutbox: 'reconcile-outbox',
  importCompanies: 'import-companies',
  reconcileImports: 'reconcile-imports',
  purgeImportFiles: 'purge-import-files',
  sendCheckIn: 'send-check-in',
  reconcileCheckIns: 'reconcile-check-ins',
  scanUnanswered: 'scan-unanswered-check-ins',
  sendDigests: 'send-digests',
  meetingReminders: 'meeting-reminders',
  encounterReminders: 'encounter-reminders',
  deliverSms: 'deliver-sms',
  reconcileSms: 'reconcile-sms',
  retentionScan: 'retention-scan',
} as const;

/** One delayed job per check-in row: the plan is never queued twice. */
export const checkInJobId = (checkInId: string) => `check-in-${checkInId}`;

/** Job ids derive from the Postgres row they act on, so one row is never queued twice at once. */
export const mailJobId = (outboxId: string) => `mail-${outboxId}`;

/** One job per text row, delayed until its sending hours. */
export const smsJobId = (smsId: string) => `sms-${smsId}`;

/**
 * A run is processed once as a dry run, then at most once for real (same row): the suffix keeps
 * the real run from colliding with the dry run's job while BullMQ still holds it.
 */
export const importJobId = (importRunId: string, dryRun: boolean) =>
  dryRun ? `import-${importRunId}-dry-run` : `import-${importRunId}`;
