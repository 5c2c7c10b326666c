import { DataSource } from 'typeorm';
import { asSystem, withoutScope, withStructure } from './tenant-scope';

/** Tables whose row, found by an id that came from outside (a link, a job), tells whose work follows. */
export type EntryTable = 'check_in' | 'mail_outbox' | 'import_run' | 'password_reset' | 'placement' | 'app_user' | 'privacy_request' | 'sms_message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The structure of one row, read on the narrow `identify` path: a public link (an answer, a
 * password reset) or a queued job names a row before anyone knows its structure. Null when the id
 * is not a uuid or matches nothing.
 */
export async function structureOf(dataSource: DataSource, table: EntryTable, id: string): Promise<string | null> {
  if (!UUID.test(id)) return null;
  const rows: Array<{ structure_id: string }> = await asSystem('identify', () =>
    dataSource.query(`SELECT structure_id FROM ${table} WHERE id = $1`, [id]),
  );
  return rows[0]?.structure_id ?? null;
}

/**
 * Runs `work` in the structure of the row `id` of `table`; with no structure when there is no such
 * row, so `work` finds nothing and answers as it would for any unknown id.
 */
export async function inStructureOf<T>(dataSource: DataSource, table: EntryTable, id: string, work: () => Promise<T>): Promise<T> {
  const structureId = await structureOf(dataSource, table, id);
  return structureId ? withStructure(structureId, work) : withoutScope(work);
}
