import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password-reset links an admin sends to a member of their structure: single-use, expiring. Only a
 * hash of the link's secret is stored (as for sessions), so a copy of the database opens nothing.
 */
export class PasswordReset1764800460000 implements MigrationInterface {
  name = 'PasswordReset1764800460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE password_reset (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
         token_hash text NOT NULL UNIQUE,
         expires_at timestamptz NOT NULL,
         used_at timestamptz,
         created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    await queryRunner.query(`CREATE INDEX password_reset_user_idx ON password_reset (user_id)`);
    await queryRunner.query(`CREATE INDEX password_reset_structure_idx ON password_reset (structure_id)`);
    await queryRunner.query(`CREATE INDEX password_reset_created_by_idx ON password_reset (created_by) WHERE created_by IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE password_reset`);
  }
}
