import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up settings with a screen: a check-in step can go to one party only (`check_in_parties`
 * maps such steps to their party; a step absent from it goes to both; null: every step to both),
 * and the structure chooses who receives alerts (`alert_recipients`: the placement's follower,
 * else the managers; or the follower and every manager).
 */
export class FollowUpSettings1764800470000 implements MigrationInterface {
  name = 'FollowUpSettings1764800470000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure ADD COLUMN check_in_parties jsonb`);
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN alert_recipients text NOT NULL DEFAULT 'follower'
         CONSTRAINT structure_alert_recipients_check CHECK (alert_recipients IN ('follower', 'follower_and_managers'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN alert_recipients`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN check_in_parties`);
  }
}
