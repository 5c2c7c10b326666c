import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One answer, one alert: an answer that is low, reports difficulties and asks for a call raises a
 * single alert carrying its reasons (its kind is the first of them, for the reports' counts by
 * kind). Resolving an alert can say what was done (`resolution_note`, personal: redacted with the
 * person). Alerts raised before keep an empty list of reasons: their kind is their one reason.
 */
export class OneAlertPerAnswer1764800450000 implements MigrationInterface {
  name = 'OneAlertPerAnswer1764800450000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE staff_alert ADD COLUMN reasons text[] NOT NULL DEFAULT '{}'
         CONSTRAINT staff_alert_reasons_check CHECK (reasons <@ ARRAY['low_rating', 'difficulty', 'call_request']::text[])`,
    );
    await queryRunner.query(`ALTER TABLE staff_alert ADD COLUMN resolution_note text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE staff_alert DROP COLUMN resolution_note`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP COLUMN reasons`);
  }
}
