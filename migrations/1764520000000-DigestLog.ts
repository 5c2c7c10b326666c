import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per user and Paris calendar day once that day's digest has been decided: written in the
 * same transaction as the digest's outbox row (outbox_id), or with no outbox row when there was
 * nothing to tell. The primary key makes a second worker's insert a no-op, so a digest is never
 * recorded twice for a day.
 */
export class DigestLog1764520000000 implements MigrationInterface {
  name = 'DigestLog1764520000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE digest_log (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        day date NOT NULL,
        outbox_id uuid REFERENCES mail_outbox(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, day)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE digest_log`);
  }
}
