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

/**
 * Which of these addresses (lower-cased) the structure must not e-mail, by the same rule as
 * `emailSuppressed`: so that a contact typed in again with an address that opted out, or whose
 * contact was erased, shows as opted out from the start.
 */
export async function suppressedEmails(manager: EntityManager, structureId: string, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (!wanted.length) return new Set();
  const rows: Array<{ email: string }> = await manager.query(
    `SELECT w.email FROM unnest($2::text[]) AS w(email)
      WHERE EXISTS (SELECT 1 FROM email_suppression s
                     WHERE s.structure_id = $1
                       AND s.email IN (w.email, 'sha256:' || encode(sha256(convert_to(btrim(w.email), 'UTF8')), 'hex')))
         OR EXISTS (SELECT 1 FROM contact c WHERE c.structure_id = $1 AND lower(c.email) = w.email AND c.email_opt_out)`,
    [structureId, wanted],
  );
  return new Set(rows.map((row) => row.email));
}
