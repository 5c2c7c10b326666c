import { asSystem } from '../../tenancy/tenant-scope';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { FieldRefusedException } from '../../common/validation';
import { AppConfig } from '../../config/env';
import { Actor } from '../../tenancy/actor';
import {
  appendChunk,
  chunkAt,
  deleteRunFile,
  deleteStaleUploads,
  deleteUploadingRun,
  importsInProgress,
  insertUploadingRun,
  lockImportAdmission,
  purgeFinishedRuns,
} from './import-file.queries';
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
      await lockImportAdmission(manager);
      const { mine, overall } = await importsInProgress(manager, actor.structureId);
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
      return insertUploadingRun(manager, actor, filename);
    }));
  }

  /**
   * Appends one chunk, and marks the upload alive. False when the run is no longer `uploading`
   * (the reconciler removed it as abandoned).
   */
  async append(runId: string, seq: number, data: Buffer): Promise<boolean> {
    return appendChunk(this.dataSource.manager, runId, seq, data);
  }

  /** Removes an upload that was refused or broken off, with its chunks; a run already queued stays. */
  async discard(runId: string): Promise<void> {
    await deleteUploadingRun(this.dataSource.manager, runId);
  }

  /** Removes the uploads abandoned half-way (their API stopped): they hold a slot and disk space. */
  async discardStale(): Promise<number> {
    return deleteStaleUploads(this.dataSource.manager, STALE_UPLOAD_MINUTES);
  }

  /** The file's bytes, one chunk at a time, read through `manager` (the worker's own connection). */
  async *chunks(manager: EntityManager, runId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const data = await chunkAt(manager, runId, seq);
      if (!data) return;
      yield data;
    }
  }

  /** Drops the file of a run that will not be run again (real run finished, or failed). */
  async drop(manager: EntityManager, runId: string, now: Date): Promise<void> {
    await deleteRunFile(manager, runId, now);
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
    return purgeFinishedRuns(this.dataSource.manager, now, keepDays);
  }
}

function tooManyImports(refusal: Refusal, message: string): FieldRefusedException {
  return new FieldRefusedException(429, [{ field: 'file', message, ...refusal }]);
}
