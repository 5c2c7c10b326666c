import { EntityManager } from 'typeorm';

/**
 * Whether the structure must not e-mail this address: it is suppressed (kept as typed, or only
 * as `sha256:<hex>` once its contact was erased), or a contact of the structure who opted out
 * has it. The outbox and the check-in sender both ask, at sending time.
 */
export async function emailSuppressed(manager: EntityManager, structureId: string, recipient: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM email_suppression
      WHERE structure_id = $1
        AND email IN (lower($2), 'sha256:' || encode(sha256(convert_to(lower(btrim($2)), 'UTF8')), 'hex'))
     UNION ALL
     SELECT 1 FROM contact WHERE structure_id = $1 AND lower(email) = lower($2) AND email_opt_out
     LIMIT 1`,
    [structureId, recipient],
  );
  return rows.length > 0;
}
