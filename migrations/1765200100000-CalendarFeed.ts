import { MigrationInterface, QueryRunner } from 'typeorm';

/** Same sub-selects as the RowSecurity migration: read once per statement. */
const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;

/**
 * Each staff member's calendar subscription: only the SHA-256 of its secret is stored (the secret
 * is shown once, in the subscription address). A new link revokes the previous one, so at most
 * one is live per person; revoked rows stay, for the record of when a link stopped working.
 */
export class CalendarFeed1765200100000 implements MigrationInterface {
  name = 'CalendarFeed1765200100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE calendar_feed (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
         token_hash text NOT NULL UNIQUE,
         created_at timestamptz NOT NULL DEFAULT now(),
         revoked_at timestamptz
       )`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX calendar_feed_live_user_idx ON calendar_feed (user_id) WHERE revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX calendar_feed_user_idx ON calendar_feed (user_id)`);
    await queryRunner.query(`CREATE INDEX calendar_feed_structure_idx ON calendar_feed (structure_id)`);
    await queryRunner.query(`ALTER TABLE calendar_feed ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE calendar_feed FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY structure_rows ON calendar_feed USING ((structure_id = ${CURRENT}) OR ${SYSTEM}) WITH CHECK ((structure_id = ${CURRENT}) OR ${SYSTEM})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feed`);
  }
}
