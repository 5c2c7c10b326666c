import { Column, Entity } from 'typeorm';
import { StructureOwned } from '../tenancy/structure-owned.entity-base';
import type { CsvEncoding } from './import/import-rows';

/** `uploading`: the file is still coming in (its run is not queued yet). */
export const IMPORT_STATUSES = ['uploading', 'pending', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const DUPLICATE_MODES = ['skip', 'merge'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export interface ImportRowReport {
  line: number;
  action: 'create' | 'merge' | 'skip' | 'reject';
  name?: string | null;
  /** As found in the file (a rejected row's SIRET may be malformed). */
  siret?: string | null;
  /** In French: why a row is rejected or skipped, which fields a merge fills. */
  reason?: string | null;
}

export interface ImportReport {
  /** Rejected rows (the first 1000), each with its line number in the file and why. */
  rejected?: ImportRowReport[];
  /** The first 100 rows with what the import did (or, in a dry run, would do) with each. */
  preview?: ImportRowReport[];
}

/**
 * A CSV import of companies: the file is kept in Postgres (import_chunk, see ImportFileStore) so
 * the worker can process it (and a dry run can be followed by the real run) whatever happens to
 * Redis, on whichever machine the worker runs; only as long as the import can be inspected
 * (import-retention.ts).
 */
@Entity('import_run')
export class ImportRun extends StructureOwned {
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'text' })
  filename!: string;

  /** How the worker decodes the file's bytes, decided by the API as the file streamed in. */
  @Column({ type: 'text', default: 'utf-8' })
  encoding!: CsvEncoding;

  @Column({ type: 'text' })
  duplicates!: DuplicateMode;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun!: boolean;

  @Column({ type: 'text', default: 'pending' })
  status!: ImportStatus;

  /** 'tremplin' (our template) or 'sirene' (INSEE's establishment file), detected from the header. */
  @Column({ type: 'text', nullable: true })
  format!: string | null;

  @Column({ name: 'total_rows', type: 'int', default: 0 })
  totalRows!: number;

  @Column({ name: 'processed_rows', type: 'int', default: 0 })
  processedRows!: number;

  @Column({ name: 'created_count', type: 'int', default: 0 })
  createdCount!: number;

  @Column({ name: 'merged_count', type: 'int', default: 0 })
  mergedCount!: number;

  @Column({ name: 'skipped_count', type: 'int', default: 0 })
  skippedCount!: number;

  @Column({ name: 'rejected_count', type: 'int', default: 0 })
  rejectedCount!: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  report!: ImportReport;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** When the file's bytes went: at the end of the real run, on failure, or at the end of its retention. */
  @Column({ name: 'file_deleted_at', type: 'timestamptz', nullable: true })
  fileDeletedAt!: Date | null;

  /** When the row-by-row report (what it quotes of the file) went, IMPORT_FILE_RETENTION_DAYS after the run finished. */
  @Column({ name: 'report_deleted_at', type: 'timestamptz', nullable: true })
  reportDeletedAt!: Date | null;
}
