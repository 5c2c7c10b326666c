import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Addresses a structure must not e-mail: kept when a contact opts out, so that changing or
 * removing the contact's address does not make the old one reachable again.
 */
export class EmailSuppression1764300000000 implements MigrationInterface {
  name = 'EmailSuppression1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE email_suppression (
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        contact_id uuid REFERENCES contact(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (structure_id, email)
      )`);
    await queryRunner.query(`
      INSERT INTO email_suppression (structure_id, email, contact_id)
      SELECT DISTINCT ON (structure_id, lower(email)) structure_id, lower(email), id
      FROM contact WHERE email_opt_out AND email IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_suppression`);
  }
}
