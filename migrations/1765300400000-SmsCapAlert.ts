import { MigrationInterface, QueryRunner } from 'typeorm';

const ALERT_KINDS_BEFORE = `'low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture', 'retention_warning'`;

/** The `sms_cap` staff alert: managers warned once a month when the structure's texts reach 80 % of its cap. */
export class SmsCapAlert1765300400000 implements MigrationInterface {
  name = 'SmsCapAlert1765300400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}, 'sms_cap'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM staff_alert WHERE kind = 'sms_cap'`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}))`);
  }
}
