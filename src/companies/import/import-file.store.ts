import { asSystem } from '../../tenancy/tenant-scope';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldRefusedException } from '../../common/validation';
import { AppConfig } from '../../config/env';
import { Actor } from '../../tenancy/actor';
import { IMPORT, Refusal } from '../../refusals/index';
import { because } from '../../refusals/refused';

/** Bytes of a file per import_chunk row: what the API and the worker hold of a file at a time. */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** An upload that has not written a chunk for this long was abandoned (API stopped, client gone). */
export const STALE_UPLOAD_MINUTES = 15;

/**
 * Imported files in PostgreSQL, which carries them from the API to the worker whatever machine
 * each runs on. A file is a series of import_chunk rows of ~1 MiB (bytea), written one by one as
 * the upload streams in and read back one by one: neither process ever holds a whole file. A
 * table of chunks rather than large objects: rows go with their run (ON DELETE CASCADE), need no
 * lo_unlink, and are read and written with plain parameterised queries.
 */
@Injectable()
export class ImportFileStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Opens an `uploading` run for a new file when the structure and the whole service are under
   * their limits of imports in progress; otherwise 429 naming `file`. The admission lock makes
   * two uploads starting together on two API copies count each other.
   */
  async admit(actor: Actor, filename: string): Promise<string> {
    // The service-wide limit counts every structure's uploads: the quota path (the row inserted names its structure).
    return asSystem('quota', () => this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('import_run:admission', 0))`);
      const [{ mine, overall }]: Array<{ mine: number; overall: number }> = await manager.query(
        `SELECT count(*) FILTER (WHERE structure_id = $1)::int AS mine, count(*)::int AS overall
         FROM import_run WHERE status IN ('uploading', 'pending', 'running')`,
        [actor.structureId],
      );
      const perStructure = this.config.IMPORT_MAX_PER_STRUCTURE;
      if (mine >= perStructure) {
        throw tooManyImports(
          because(IMPORT.tooManyForStructure, { max: perStructure }),
          `your structure already has ${mine} imports in progress (at most ${perStructure}); send this file again once one of them is finished`,
        );
      }
      if (overall >= this.config.IMPORT_MAX_ACTIVE) {
        throw tooManyImports(because(IMPORT.tooManyOverall), `${overall} imports are in progress on the service (at most ${this.config.IMPORT_MAX_ACTIVE}); send this file again in a few minutes`);
      }
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO import_run (structure_id, created_by, filename, duplicates, dry_run, status)
         VALUES ($1, $2, $3, 'skip', true, 'uploading') RETURNING id`,
        [actor.structureId, actor.userId, filename],
      );
      return id;
    }));
  }

  /**
   * Appends one chunk, and marks the upload alive. False when the run is no longer `uploading`
   * (the reconciler removed it as abandoned).
   */
  async append(runId: string, seq: number, data: Buffer): Promise<boolean> {
    const written: unknown[] = await this.dataSource.query(
      `WITH run AS (UPDATE import_run SET updated_at = now() WHERE id = $1 AND status = 'uploading' RETURNING id)
       INSERT INTO import_chunk (run_id, seq, data) SELECT id, $2, $3 FROM run RETURNING seq`,
      [runId, seq, data],
    );
    return written.length > 0;
  }

  /** Removes an upload that was refused or broken off, with its chunks; a run already queued stays. */
  async discard(runId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_run WHERE id = $1 AND status = 'uploading'`, [runId]);
  }

  /** Removes the uploads abandoned half-way (their API stopped): they hold a slot and disk space. */
  async discardStale(): Promise<number> {
    const removed: unknown[] = await this.dataSource.query(
      `DELETE FROM import_run WHERE status = 'uploading' AND updated_at < now() - make_interval(mins => $1) RETURNING id`,
      [STALE_UPLOAD_MINUTES],
    );
    return removed.length;
  }

  /** The file's bytes, one chunk at a time, read through `manager` (the worker's own connection). */
  async *chunks(manager: EntityManager, runId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows: Array<{ data: Buffer }> = await manager.query(`SELECT data FROM import_chunk WHERE run_id = $1 AND seq = $2`, [
        runId,
        seq,
      ]);
      if (!rows.length) return;
      yield rows[0].data;
    }
  }

  /** Drops the file of a run that will not be run again (real run finished, or failed). */
  async drop(manager: EntityManager, runId: string, now: Date): Promise<void> {
    await manager.query(`DELETE FROM import_chunk WHERE run_id = $1`, [runId]);
    await manager.query(`UPDATE import_run SET file_deleted_at = coalesce(file_deleted_at, $2) WHERE id = $1`, [runId, now]);
  }

  /**
   * Deletes what finished runs keep of their file beyond need (see import-retention.ts): the file
   * and row report of the runs finished `keepDays` or more before `now`, and the file left behind
   * by a real run or a failure that ended between its last write and the drop. PostgreSQL says
   * what is due, so a lost day is caught up the next and a repeated job finds nothing. The row
   * lock makes a dry run being started for real at that moment either win (it is no longer done)
   * or find its file gone (409).
   */
  async purge(now: Date, keepDays: number): Promise<{ files: number; reports: number }> {
    const [expired]: Array<{ files: number; reports: number }> = await this.dataSource.query(
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
    const [leftovers]: Array<{ files: number }> = await this.dataSource.query(
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
}

function tooManyImports(refusal: Refusal, message: string): FieldRefusedException {
  return new FieldRefusedException(429, [{ field: 'file', message, ...refusal }]);
}
