import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An imported file moves from `import_run.content` (one text value: the API had to hold the whole
 * file to write it, the worker to read it) to `import_chunk`, 1 MiB of the file's bytes per row,
 * written as the upload streams in and read back one row at a time by the worker. The bytes are
 * kept as sent; `encoding` says how to read them. A run is `uploading` while its file comes in.
 */
export class ImportFileChunks1764741400000 implements MigrationInterface {
  name = 'ImportFileChunks1764741400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_chunk (
        run_id uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (run_id, seq)
      )`);
    await queryRunner.query(
      `ALTER TABLE import_run ADD COLUMN encoding text NOT NULL DEFAULT 'utf-8' CHECK (encoding IN ('utf-8', 'windows-1252'))`,
    );
    // Stored content was already decoded text: its UTF-8 bytes, cut into 1 MiB rows.
    await queryRunner.query(`
      INSERT INTO import_chunk (run_id, seq, data)
      SELECT r.id, s.seq, substring(b.bytes FROM s.seq * 1048576 + 1 FOR 1048576)
      FROM import_run r
      CROSS JOIN LATERAL (SELECT convert_to(r.content, 'UTF8') AS bytes) b
      CROSS JOIN LATERAL generate_series(0, (length(b.bytes) - 1) / 1048576) AS s(seq)
      WHERE length(b.bytes) > 0`);
    await queryRunner.query(`ALTER TABLE import_run DROP COLUMN content`);
    await queryRunner.query(`ALTER TABLE import_run DROP CONSTRAINT import_run_status_check`);
    await queryRunner.query(
      `ALTER TABLE import_run ADD CONSTRAINT import_run_status_check
         CHECK (status IN ('uploading', 'pending', 'running', 'done', 'failed'))`,
    );
    // Admission counts the imports in progress on every upload.
    await queryRunner.query(
      `CREATE INDEX import_run_active_idx ON import_run (structure_id) WHERE status IN ('uploading', 'pending', 'running')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX import_run_active_idx`);
    await queryRunner.query(`DELETE FROM import_run WHERE status = 'uploading'`);
    await queryRunner.query(`ALTER TABLE import_run DROP CONSTRAINT import_run_status_check`);
    await queryRunner.query(
      `ALTER TABLE import_run ADD CONSTRAINT import_run_status_check CHECK (status IN ('pending', 'running', 'done', 'failed'))`,
    );
    await queryRunner.query(`ALTER TABLE import_run ADD COLUMN content text NOT NULL DEFAULT ''`);
    await queryRunner.query(`
      UPDATE import_run r SET content = convert_from(f.bytes, CASE r.encoding WHEN 'utf-8' THEN 'UTF8' ELSE 'WIN1252' END)
      FROM (SELECT run_id, string_agg(data, ''::bytea ORDER BY seq) AS bytes FROM import_chunk GROUP BY run_id) f
      WHERE f.run_id = r.id`);
    await queryRunner.query(`ALTER TABLE import_run ALTER COLUMN content DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE import_run DROP COLUMN encoding`);
    await queryRunner.query(`DROP TABLE import_chunk`);
  }
}
