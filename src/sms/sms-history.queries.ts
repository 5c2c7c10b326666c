import { EntityManager } from 'typeorm';
import { SmsMessage } from './sms-message.entity';

/** What the pages show of texts: a person's, a placement's, and a number's opt-out. */

/** The texts to a candidate, newest first. */
export function textsToCandidate(manager: EntityManager, structureId: string, candidateId: string, limit = 50): Promise<SmsMessage[]> {
  return manager.getRepository(SmsMessage).find({ where: { structureId, candidateId }, order: { createdAt: 'DESC' }, take: limit });
}

/** The texts sent about a placement (its check-ins, to either side), newest first. */
export function textsOfPlacement(manager: EntityManager, structureId: string, placementId: string, limit = 100): Promise<SmsMessage[]> {
  return manager.getRepository(SmsMessage).find({ where: { structureId, placementId }, order: { createdAt: 'DESC' }, take: limit });
}

export interface SmsOptOutRow {
  source: 'stop' | 'staff';
  createdAt: Date;
  createdBy: string | null;
}

/** Why the number gets no text from the structure, if it does not. */
export async function optOutOf(manager: EntityManager, structureId: string, phone: string): Promise<SmsOptOutRow | null> {
  const rows: Array<{ source: 'stop' | 'staff'; created_at: Date; created_by: string | null }> = await manager.query(
    `SELECT source, created_at, created_by FROM sms_opt_out WHERE structure_id = $1 AND phone = $2`,
    [structureId, phone],
  );
  return rows[0] ? { source: rows[0].source, createdAt: rows[0].created_at, createdBy: rows[0].created_by } : null;
}
