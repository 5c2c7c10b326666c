import { EntityManager } from 'typeorm';

/** The suppression list's reads (src/mail/email-suppression.ts), each in one structure. */

/** Whether one of `keys` is on the structure's list, or `address` is a contact's who opted out. */
export async function anySuppressed(manager: EntityManager, structureId: string, keys: string[], address: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM email_suppression WHERE structure_id = $1 AND email = ANY($2::text[])
     UNION ALL
     SELECT 1 FROM contact WHERE structure_id = $1 AND email_key = $3 AND email_opt_out
     LIMIT 1`,
    [structureId, keys, address],
  );
  return rows.length > 0;
}

/** The `keys` on the structure's list, and the `addresses` of contacts who opted out (lower case). */
export async function suppressedEntries(manager: EntityManager, structureId: string, keys: string[], addresses: string[]): Promise<string[]> {
  const rows: Array<{ email: string }> = await manager.query(
    `SELECT email FROM email_suppression WHERE structure_id = $1 AND email = ANY($2::text[])
     UNION
     SELECT email_key FROM contact WHERE structure_id = $1 AND email_key = ANY($3::text[]) AND email_opt_out`,
    [structureId, keys, addresses],
  );
  return rows.map((row) => row.email);
}

/** The `keys` on the structure's list. */
export async function listedKeys(manager: EntityManager, structureId: string, keys: string[]): Promise<string[]> {
  const rows: Array<{ email: string }> = await manager.query(
    `SELECT email FROM email_suppression WHERE structure_id = $1 AND email = ANY($2::text[])`,
    [structureId, keys],
  );
  return rows.map((row) => row.email);
}
