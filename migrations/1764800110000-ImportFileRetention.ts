import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An imported file is kept only while its import can be inspected: `file_deleted_at` says when its
 * bytes (import_chunk) went, `report_deleted_at` when its row-by-row report (names and excerpts
 * quoted from the file) went, IMPORT_FILE_RETENTION_DAYS after the run finished. The run's
 * summary (counts, who, when) stays. Runs whose file was already dropped are marked so.
 */
export class ImportFileRetention1764800110000 implements MigrationInterface {
  name = 'ImportFileRetention1764800110000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE import_run ADD COLUMN file_deleted_at timestamptz`);
    await queryRunner.query(`ALTER TABLE import_run ADD COLUMN report_deleted_at timestamptz`);
    await queryRunner.query(`
      UPDATE import_run r SET file_deleted_at = coalesce(r.finished_at, r.updated_at)
       WHERE r.status IN ('done', 'failed') AND NOT EXISTS (SELECT 1 FROM import_chunk c WHERE c.run_id = r.id)`);
    // The daily purge reads the finished runs whose report is still kept.
    await queryRunner.query(`CREATE INDEX import_run_kept_idx ON import_run (finished_at) WHERE report_deleted_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX import_run_kept_idx`);
    await queryRunner.query(`ALTER TABLE import_run DROP COLUMN report_deleted_at`);
    await queryRunner.query(`ALTER TABLE import_run DROP COLUMN file_deleted_at`);
  }
}
