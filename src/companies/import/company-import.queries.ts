import { EntityManager } from 'typeorm';
import { DuplicateMode, ImportRun } from '../import-run.entity';

/**
 * The company import's SQL (src/companies/import/company-import.service.ts). The worker runs every
 * statement of a run on its own connection (the query runner's manager), batches in its
 * transaction; what touches companies and contacts takes the run's structure explicitly.
 */

/** The fields an import may fill on an existing company: [imported field, column, French label]. */
export const MERGEABLE = [
  ['nafCode', 'naf_code', 'code NAF'],
  ['sectorLabel', 'sector_label', 'secteur'],
  ['headcountBand', 'headcount_band', 'tranche d’effectif'],
  ['address', 'address', 'adresse'],
  ['postcode', 'postcode', 'code postal'],
  ['commune', 'commune', 'commune'],
  ['territory', 'territory', 'territoire'],
  ['website', 'website', 'site web'],
  ['phone', 'phone', 'téléphone'],
  ['ownerId', 'owner_id', 'référent'],
  ['notes', 'notes', 'notes'],
] as const;

export type ExistingRow = Record<(typeof MERGEABLE)[number][1], string | null> & {
  id: string;
  name: string;
  tags: string[];
};

/** Queues a run still `uploading` of the structure; false when it is no longer (abandoned). */
export async function queueUploadedRun(
  manager: EntityManager,
  structureId: string,
  id: string,
  set: { duplicates: DuplicateMode; dryRun: boolean; format: NonNullable<ImportRun['format']>; encoding: ImportRun['encoding'] },
): Promise<boolean> {
  const queued = await manager
    .getRepository(ImportRun)
    .createQueryBuilder()
    .update(ImportRun)
    .set({
      status: 'pending',
      duplicates: set.duplicates,
      dryRun: set.dryRun,
      format: set.format,
      encoding: set.encoding,
    })
    .where("id = :id AND structure_id = :structureId AND status = 'uploading'", {
      id,
      structureId,
    })
    .execute();
  return Boolean(queued.affected);
}

/** Queues a finished dry run of the structure again, for real, its file still there; false otherwise. */
export async function queueDryRunForReal(manager: EntityManager, structureId: string, id: string, duplicates: DuplicateMode): Promise<boolean> {
  const result = await manager
    .getRepository(ImportRun)
    .createQueryBuilder()
    .update(ImportRun)
    .set({
      dryRun: false,
      status: 'pending',
      duplicates,
      totalRows: 0,
      processedRows: 0,
      createdCount: 0,
      mergedCount: 0,
      skippedCount: 0,
      rejectedCount: 0,
      report: {},
      error: null,
      startedAt: null,
      finishedAt: null,
    })
    .where("id = :id AND structure_id = :structureId AND dry_run AND status = 'done' AND file_deleted_at IS NULL", {
      id,
      structureId,
    })
    .execute();
  return Boolean(result.affected);
}

/** The runs PostgreSQL says are unfinished, oldest first (every structure). */
export async function unfinishedRuns(manager: EntityManager): Promise<Array<{ id: string; dry_run: boolean }>> {
  return manager.query(`SELECT id, dry_run FROM import_run WHERE status IN ('pending', 'running') ORDER BY created_at`);
}

/** Takes the session-level lock named `key` on the manager's connection if free. */
export async function tryRunLock(manager: EntityManager, key: string): Promise<boolean> {
  const [{ locked }] = await manager.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [key]);
  return locked;
}

export async function releaseRunLock(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
}

export async function markRunFailed(manager: EntityManager, id: string, error: string, now: Date): Promise<void> {
  await manager.query(
    `UPDATE import_run SET status = 'failed', error = $2, finished_at = $3, updated_at = now() WHERE id = $1`,
    [id, error, now],
  );
}

export async function markRunRunning(manager: EntityManager, id: string, format: string, totalRows: number, startedAt: Date): Promise<void> {
    await manager.query(
      `UPDATE import_run SET status = 'running', format = $2, total_rows = $3, started_at = $4, error = NULL, updated_at = now()
       WHERE id = $1`,
      [id, format, totalRows, startedAt],
    );
}

export async function markRunDone(manager: EntityManager, id: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE import_run SET status = 'done', finished_at = $2, updated_at = now() WHERE id = $1`,
      [id, now],
    );
}

/** The structure's active accounts and their e-mails. */
export async function activeStaffEmails(manager: EntityManager, structureId: string): Promise<Array<{ id: string; email: string }>> {
    return manager.query(
      `SELECT id, email FROM app_user WHERE structure_id = $1 AND active`,
      [structureId],
    );
}

export interface DedupRow {
  id: string;
  name: string;
  siret: string | null;
  dedup_name: string;
  postcode: string | null;
}

/** The structure's companies, with what tells a duplicate. */
export async function companiesForDedup(manager: EntityManager, structureId: string): Promise<DedupRow[]> {
    return manager.query(
      `SELECT id, name, siret, dedup_name, postcode FROM company WHERE structure_id = $1`,
      [structureId],
    );
}

/** The structure's companies to merge into, locked when `write`. */
export async function companiesToMerge(manager: EntityManager, structureId: string, ids: string[], write: boolean): Promise<ExistingRow[]> {
    return manager.query(
      `SELECT id, name, tags, ${MERGEABLE.map(([, column]) => column).join(', ')}
       FROM company WHERE structure_id = $1 AND id = ANY($2::uuid[]) ${write ? 'FOR UPDATE' : ''}`,
      [structureId, ids],
    );
}

/** Writes the merged companies' fields (`updates`: one object per company, by column). */
export async function updateMergedCompanies(manager: EntityManager, structureId: string, updates: Array<Record<string, unknown>>): Promise<void> {
  await manager.query(
    `UPDATE company c SET ${MERGEABLE.map(([, column]) => `${column} = v.${column}`).join(', ')},
       search_commune = v.search_commune, tags = v.tags, version = c.version + 1, updated_at = now()
     FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, naf_code text, sector_label text, headcount_band text,
       address text, postcode text, commune text, territory text, website text, phone text, owner_id uuid,
       notes text, search_commune text, tags text[])
     WHERE c.id = v.id AND c.structure_id = $1`,
    [structureId, JSON.stringify(updates)],
  );
}

/** The people these companies of the structure already have (not erased). */
export async function contactsOfCompanies(
  manager: EntityManager,
  structureId: string,
  companyIds: string[],
): Promise<Array<{ company_id: string; last_name: string; first_name: string | null; email: string | null }>> {
    return manager.query(
      `SELECT company_id, last_name, first_name, email FROM contact
        WHERE structure_id = $1 AND company_id = ANY($2::uuid[]) AND erased_at IS NULL`,
      [structureId, companyIds],
    );
}

/** Inserts the file's people (`rows`: one object per contact, by column) into the structure. */
export async function insertImportedContacts(manager: EntityManager, structureId: string, now: Date, rows: Array<Record<string, unknown>>): Promise<void> {
    await manager.query(
      `INSERT INTO contact (structure_id, company_id, first_name, last_name, job_title, email, phone, email_opt_out, email_opt_out_at)
       SELECT $1, r.company_id, r.first_name, r.last_name, r.job_title, r.email, r.phone, r.email_opt_out,
              CASE WHEN r.email_opt_out THEN $2::timestamptz END
       FROM jsonb_to_recordset($3::jsonb) AS r(company_id uuid, first_name text, last_name text, job_title text, email text,
         phone text, email_opt_out boolean)`,
      [structureId, now, JSON.stringify(rows)],
    );
}

/** Inserts the batch's new companies into the run's structure at `stageId`; the ids inserted (a SIRET taken meanwhile is skipped). */
export async function insertImportedCompanies(
  manager: EntityManager,
  run: { structureId: string; createdBy: string | null },
  stageId: string,
  at: { now: Date; today: string },
  rows: Array<Record<string, unknown>>,
): Promise<string[]> {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO company (id, structure_id, name, search_name, dedup_name, search_commune, siret, naf_code, sector_label,
         headcount_band, address, postcode, commune, territory, website, phone, source, owner_id, tags, notes,
         stage_id, stage_entered_at, next_action_type, next_action_due, next_action_owner_id, created_by)
       SELECT r.id, $1, r.name, r.search_name, r.dedup_name, r.search_commune, r.siret, r.naf_code, r.sector_label,
         r.headcount_band, r.address, r.postcode, r.commune, r.territory, r.website, r.phone, r.source, r.owner_id,
         r.tags, r.notes, $2, $3, 'call', $4::date, r.owner_id, $5
       FROM jsonb_to_recordset($6::jsonb) AS r(id uuid, name text, search_name text, dedup_name text, search_commune text,
         siret text, naf_code text, sector_label text, headcount_band text, address text, postcode text, commune text,
         territory text, website text, phone text, source text, owner_id uuid, tags text[], notes text)
       ON CONFLICT (structure_id, siret) WHERE siret IS NOT NULL DO NOTHING
       RETURNING id`,
      [run.structureId, stageId, at.now, at.today, run.createdBy, JSON.stringify(rows)],
    );
  return inserted.map((row) => row.id);
}

/** The first stage event of each company created. */
export async function insertFirstStageEvents(
  manager: EntityManager,
  run: { structureId: string; createdBy: string | null },
  stageId: string,
  now: Date,
  ids: string[],
): Promise<void> {
  await manager.query(
    `INSERT INTO stage_event (structure_id, company_id, from_stage_id, to_stage_id, actor_id, occurred_at)
     SELECT $1, company_id, NULL, $2, $3, $4 FROM unnest($5::uuid[]) AS company_id`,
    [run.structureId, stageId, run.createdBy, now, ids],
  );
}

/** The run's counters and report after a batch. */
export async function saveRunProgress(
  manager: EntityManager,
  id: string,
  tally: { processed: number; created: number; merged: number; skipped: number; rejected: number },
  report: unknown,
): Promise<void> {
    await manager.query(
      `UPDATE import_run SET processed_rows = $2, created_count = $3, merged_count = $4, skipped_count = $5,
         rejected_count = $6, report = $7::jsonb, updated_at = now()
       WHERE id = $1`,
      [id, tally.processed, tally.created, tally.merged, tally.skipped, tally.rejected, JSON.stringify(report)],
    );
}
