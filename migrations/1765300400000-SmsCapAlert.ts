import { MigrationInterface, QueryRunner } from 'typeorm';

const ALERT_KINDS_BEFORE = `'low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture', 'retention_warning'`;

/**
 * The `sms_cap` staff alert (managers warned once a month when the structure's texts reach 80 % of
 * its cap), and the mark of the text that reminds a company contact of a meeting two hours before
 * (the meeting's instant it was sent for, as `next_action_reminded_for` is for the staff's e-mail).
 */
export class SmsCapAlert1765300400000 implements MigrationInterface {
  name = 'SmsCapAlert1765300400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}, 'sms_cap'))`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN next_action_texted_for timestamptz`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company DROP COLUMN next_action_texted_for`);
    await queryRunner.query(`DELETE FROM staff_alert WHERE kind = 'sms_cap'`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}))`);
  }
}
