import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A check-in alert whose placement has no owner nor counsellor goes to every active manager: once
 * per check-in, kind AND recipient, where it was once per check-in and kind.
 */
export class AlertPerRecipient1764731500000 implements MigrationInterface {
  name = 'AlertPerRecipient1764731500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX staff_alert_once_idx`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX staff_alert_once_idx ON staff_alert (check_in_id, kind, COALESCE(user_id, '00000000-0000-0000-0000-000000000000'::uuid))
        WHERE check_in_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX staff_alert_once_idx`);
    await queryRunner.query(`CREATE UNIQUE INDEX staff_alert_once_idx ON staff_alert (check_in_id, kind) WHERE check_in_id IS NOT NULL`);
  }
}
