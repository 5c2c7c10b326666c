import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a check-in step is recorded but never sent: after the planned end, already past when the plan
 * was made (a late-recorded placement), or dropped from the plan by a re-plan. Rows skipped before
 * this column existed get the reason that fits their dates.
 */
export class CheckInSkipReason1764731400000 implements MigrationInterface {
  name = 'CheckInSkipReason1764731400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE check_in ADD COLUMN skip_reason text
        CHECK (skip_reason IN ('after_planned_end', 'past_when_planned', 'not_in_plan'))`);
    await queryRunner.query(`
      UPDATE check_in ci
         SET skip_reason = CASE
               WHEN p.planned_end_date IS NOT NULL AND (ci.due_at AT TIME ZONE 'Europe/Paris')::date > p.planned_end_date
               THEN 'after_planned_end' ELSE 'not_in_plan' END
        FROM placement p
       WHERE p.id = ci.placement_id AND ci.status = 'skipped'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE check_in DROP COLUMN skip_reason`);
  }
}
