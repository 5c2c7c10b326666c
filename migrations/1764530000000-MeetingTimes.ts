import { MigrationInterface, QueryRunner } from 'typeorm';

/** A next action may have a time (a planned meeting), so staff can be reminded an hour before. */
export class MeetingTimes1764530000000 implements MigrationInterface {
  name = 'MeetingTimes1764530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company ADD COLUMN next_action_time time`);
    // The meeting instant a reminder went out for: a moved meeting gets a new reminder, a repeat none.
    await queryRunner.query(`ALTER TABLE company ADD COLUMN next_action_reminded_for timestamptz`);
    await queryRunner.query(
      `CREATE INDEX company_meeting_idx ON company (next_action_due) WHERE next_action_type = 'meeting' AND next_action_time IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX company_meeting_idx`);
    await queryRunner.query(`ALTER TABLE company DROP COLUMN next_action_reminded_for`);
    await queryRunner.query(`ALTER TABLE company DROP COLUMN next_action_time`);
  }
}
