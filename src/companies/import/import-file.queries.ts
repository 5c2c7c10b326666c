import { EntityManager } from 'typeorm';

/**
 * The SQL of imported files (src/companies/import/import-file.store.ts): runs and their chunks.
 * What opens a run takes the structure explicitly; the reconciler and the purge are scans across
 * structures (each run carries its own).
 */

/** Serialises the admission of new uploads, until the transaction ends. */
export async function lockImportAdmission(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('import_run:admission', 0))`);
}

/** Imports in progress: the structure's (`mine`) and the whole service's (`overall`). */
export async function importsInProgress(manager: EntityManager, structureId: string): Promise<{ mine: number; overall: number }> {
  const [{ mine, overall }]: Array<{ mine: number; overall: number }> = await manager.query(
    `SELECT count(*) FILTER (WHERE structure_id = $1)::int AS mine, count(*)::int AS overall
     FROM import_run WHERE status IN ('uploading', 'pending', 'running')`,
    [structureId],
  );
  return { mine, overall };
}

/** A new `uploading` run of the structure for `filename`; its id. */
export async function insertUploadingRun(manager: EntityManager, actor: { structureId: string; userId: string }, filename: string): Promise<string> {
  const [{ id }]: Array<{ id: string }> = await manager.query(
    `INSERT INTO import_run (structure_id, created_by, filename, duplicates, dry_run, status)
     VALUES ($1, $2, $3, 'skip', true, 'uploading') RETURNING id`,
    [actor.structureId, actor.userId, filename],
  );
  return id;
}

/** Appends one chunk and marks the upload alive; false when the run is no longer `uploading`. */
export async function appendChunk(manager: EntityManager, runId: string, seq: number, data: Buffer): Promise<boolean> {
  const written: unknown[] = await manager.query(
    `WITH run AS (UPDATE import_run SET updated_at = now() WHERE id = $1 AND status = 'uploading' RETURNING id)
     INSERT INTO import_chunk (run_id, seq, data) SELECT id, $2, $3 FROM run RETURNING seq`,
    [runId, seq, data],
  );
  return written.length > 0;
}

/** Removes a run still uploading, with its chunks. */
export async function deleteUploadingRun(manager: EntityManager, runId: string): Promise<void> {
  await manager.query(`DELETE FROM import_run WHERE id = $1 AND status = 'uploading'`, [runId]);
}

/** Removes the uploads that wrote nothing for `staleMinutes`; how many. */
export async function deleteStaleUploads(manager: EntityManager, staleMinutes: number): Promise<number> {
  const removed: unknown[] = await manager.query(
    `DELETE FROM import_run WHERE status = 'uploading' AND updated_at < now() - make_interval(mins => $1) RETURNING id`,
    [staleMinutes],
  );
  return removed.length;
}

/** One chunk of a run's file, or null past its last. */
export async function chunkAt(manager: EntityManager, runId: string, seq: number): Promise<Buffer | null> {
  const rows: Array<{ data: Buffer }> = await manager.query(`SELECT data FROM import_chunk WHERE run_id = $1 AND seq = $2`, [
    runId,
    seq,
  ]);
  return rows.length ? rows[0].data : null;
}

/** Deletes a run's file and marks it deleted at `now`. */
export async function deleteRunFile(manager: EntityManager, runId: string, now: Date): Promise<void> {
  await manager.query(`DELETE FROM import_chunk WHERE run_id = $1`, [runId]);
  await manager.query(`UPDATE import_run SET file_deleted_at = coalesce(file_deleted_at, $2) WHERE id = $1`, [runId, now]);
}

/** Deletes the files and reports of runs finished `keepDays` before `now`, and the files left by finished runs. */
export async function purgeFinishedRuns(manager: EntityManager, now: Date, keepDays: number): Promise<{ files: number; reports: number }> {
  const [expired]: Array<{ files: number; reports: number }> = await manager.query(
    `WITH due AS (
       SELECT id, file_deleted_at FROM import_run
        WHERE status IN ('done', 'failed') AND report_deleted_at IS NULL AND finished_at <= $1::timestamptz - make_interval(days => $2)
        FOR UPDATE
     ), chunks AS (
       DELETE FROM import_chunk c USING due WHERE c.run_id = due.id
     ), runs AS (
       UPDATE import_run r SET report = '{}', report_deleted_at = $1, file_deleted_at = coalesce(r.file_deleted_at, $1), updated_at = now()
         FROM due WHERE r.id = due.id
       RETURNING due.file_deleted_at IS NULL AS had_file
     )
     SELECT count(*) FILTER (WHERE had_file)::int AS files, count(*)::int AS reports FROM runs`,
    [now, keepDays],
  );
  const [leftovers]: Array<{ files: number }> = await manager.query(
    `WITH done AS (
       SELECT id FROM import_run
        WHERE (status = 'failed' OR (status = 'done' AND NOT dry_run)) AND file_deleted_at IS NULL
        FOR UPDATE
     ), chunks AS (
       DELETE FROM import_chunk c USING done WHERE c.run_id = done.id
     ), runs AS (
       UPDATE import_run r SET file_deleted_at = $1, updated_at = now() FROM done WHERE r.id = done.id RETURNING r.id
     )
     SELECT count(*)::int AS files FROM runs`,
    [now],
  );
  return { files: expired.files + leftovers.files, reports: expired.reports };
}
