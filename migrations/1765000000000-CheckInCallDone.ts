import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call task (a check-in nobody could be e-mailed) is marked done by the staff member who called,
 * with a note of the call: when, by whom, what was said. The note is follow-up free text: reading
 * it is a sensitive read, like an answer's details.
 */
export class CheckInCallDone1765000000000 implements MigrationInterface {
  name = 'CheckInCallDone1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE check_in ADD COLUMN call_done_at timestamptz`);
    await queryRunner.query(`ALTER TABLE check_in ADD COLUMN call_done_by uuid REFERENCES app_user(id) ON DELETE SET NULL`);
    await queryRunner.query(`ALTER TABLE check_in ADD COLUMN call_note text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE check_in DROP COLUMN call_note`);
    await queryRunner.query(`ALTER TABLE check_in DROP COLUMN call_done_by`);
    await queryRunner.query(`ALTER TABLE check_in DROP COLUMN call_done_at`);
  }
}
