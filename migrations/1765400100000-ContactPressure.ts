import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact pressure (issue 22): an employer may cap how often the structure contacts it each month
 * (`monthly_contact_cap`), or ask never to be contacted (`no_contact`, with who recorded it and
 * when); a company that never answers rests until `resting_until` (exclusive) with its reason.
 * `rest_ended_at` is when someone last ended a rest by hand: unanswered calls before it no longer
 * count towards the next one. The structure sets how many unanswered calls, in how many months,
 * start a rest. `resting_until` and `no_contact` are also added, in the same shape, by the ranking's
 * migration: hence IF NOT EXISTS.
 */
export class ContactPressure1765400100000 implements MigrationInterface {
  name = 'ContactPressure1765400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company ADD COLUMN IF NOT EXISTS resting_until date`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN IF NOT EXISTS no_contact boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN rest_reason text`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN rest_ended_at timestamptz`);
    await queryRunner.query(
      `ALTER TABLE company ADD COLUMN monthly_contact_cap integer
         CONSTRAINT company_monthly_contact_cap_check CHECK (monthly_contact_cap BETWEEN 1 AND 100)`,
    );
    await queryRunner.query(`ALTER TABLE company ADD COLUMN no_contact_set_by uuid`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN no_contact_set_at timestamptz`);
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN rest_after_attempts integer NOT NULL DEFAULT 6
         CONSTRAINT structure_rest_after_attempts_check CHECK (rest_after_attempts BETWEEN 2 AND 50)`,
    );
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN rest_months integer NOT NULL DEFAULT 3
         CONSTRAINT structure_rest_months_check CHECK (rest_months BETWEEN 1 AND 24)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN rest_months`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN rest_after_attempts`);
    for (const column of ['no_contact_set_at', 'no_contact_set_by', 'monthly_contact_cap', 'rest_ended_at', 'rest_reason', 'no_contact', 'resting_until']) {
      await queryRunner.query(`ALTER TABLE company DROP COLUMN IF EXISTS ${column}`);
    }
  }
}
