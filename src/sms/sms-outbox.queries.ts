import { EntityManager, LessThanOrEqual } from 'typeorm';
import { SmsMessage } from './sms-message.entity';

/** The SMS outbox's SQL. */

/** The message, locked until the caller's transaction ends: a second job for it waits, then finds it settled. */
export function lockedSms(manager: EntityManager, id: string): Promise<SmsMessage | null> {
  return manager.getRepository(SmsMessage).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
}

/** Texts of the structure sent (or on their way) since `since`: what counts against the monthly cap. */
export async function textsSentSince(manager: EntityManager, structureId: string, since: Date): Promise<number> {
  const [row]: Array<{ sent: number }> = await manager.query(
    `SELECT coalesce(sum(segments), 0)::int AS sent FROM sms_message
      WHERE structure_id = $1 AND sent_at >= $2 AND status IN ('sent', 'delivered', 'undelivered')`,
    [structureId, since],
  );
  return row.sent;
}

/** Whether the number asked (or staff asked) for no text from the structure. */
export async function smsOptedOut(manager: EntityManager, structureId: string, phone: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM sms_opt_out WHERE structure_id = $1 AND phone = $2`, [structureId, phone]);
  return rows.length > 0;
}

/** Records an opt-out (a second one for the same number changes nothing). */
export async function addSmsOptOut(
  manager: EntityManager,
  optOut: { structureId: string; phone: string; source: 'stop' | 'staff'; createdBy: string | null; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO sms_opt_out (structure_id, phone, source, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (structure_id, phone) DO NOTHING`,
    [optOut.structureId, optOut.phone, optOut.source, optOut.createdBy, optOut.at],
  );
}

/** Lifts an opt-out set by staff or a STOP, at the person's request. */
export async function removeSmsOptOut(manager: EntityManager, structureId: string, phone: string): Promise<void> {
  await manager.query(`DELETE FROM sms_opt_out WHERE structure_id = $1 AND phone = $2`, [structureId, phone]);
}

/** The structures that texted a number: a « STOP » from it stops them all (the provider's reply names no structure). */
export async function structuresThatTexted(manager: EntityManager, phone: string): Promise<string[]> {
  const rows: Array<{ structure_id: string }> = await manager.query(
    `SELECT DISTINCT structure_id FROM sms_message WHERE recipient = $1`,
    [phone],
  );
  return rows.map((row) => row.structure_id);
}

/** Pending texts due for at least a minute: the reconciler queues them again (Redis heals from PostgreSQL). */
export function duePendingTexts(manager: EntityManager, cutoff: Date, limit: number): Promise<SmsMessage[]> {
  return manager.getRepository(SmsMessage).find({ where: { status: 'pending', notBefore: LessThanOrEqual(cutoff) }, order: { notBefore: 'ASC' }, take: limit });
}

/** Sets the delivery status the provider reported, once per report; returns the row's structure. */
export async function reportDelivery(
  manager: EntityManager,
  providerId: string,
  status: 'delivered' | 'undelivered',
  at: Date,
): Promise<{ id: string; structure_id: string } | null> {
  const [rows]: [Array<{ id: string; structure_id: string }>, number] = await manager.query(
    `UPDATE sms_message SET status = $2, status_at = $3
      WHERE provider_id = $1 AND status IN ('sent', 'delivered', 'undelivered')
      RETURNING id, structure_id`,
    [providerId, status, at],
  );
  return rows[0] ?? null;
}

/** The month ('YYYY-MM') the structure's managers were last warned of its SMS cap for. */
export async function capWarnedFor(manager: EntityManager, structureId: string): Promise<string | null> {
  const [row]: Array<{ sms_cap_warned_for: string | null }> = await manager.query(`SELECT sms_cap_warned_for FROM structure WHERE id = $1`, [structureId]);
  return row?.sms_cap_warned_for ?? null;
}

/**
 * Marks the structure's managers as warned of its SMS cap for `month`: true for the one caller
 * that wins (a concurrent sender waits on the row, then finds it marked).
 */
export async function claimCapWarning(manager: EntityManager, structureId: string, month: string): Promise<boolean> {
  const [, count]: [unknown[], number] = await manager.query(
    `UPDATE structure SET sms_cap_warned_for = $2 WHERE id = $1 AND sms_cap_warned_for IS DISTINCT FROM $2`,
    [structureId, month],
  );
  return count === 1;
}

/** The month's cap warning is to be given again (the cap was raised above the mark). */
export async function resetCapWarning(manager: EntityManager, structureId: string): Promise<void> {
  await manager.query(`UPDATE structure SET sms_cap_warned_for = NULL WHERE id = $1`, [structureId]);
}
