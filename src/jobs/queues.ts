/** Every queue name lives here, so a grep finds who produces and who consumes. */
export const QUEUES = {
  mail: 'mail',
} as const;

export const JOBS = {
  deliverMail: 'deliver-mail',
  reconcileOutbox: 'reconcile-outbox',
} as const;

/** Job ids derive from the Postgres row they act on, so one row is never queued twice at once. */
export const mailJobId = (outboxId: string) => `mail-${outboxId}`;
