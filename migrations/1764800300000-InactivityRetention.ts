import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RGPD, retention for everyone: people still on their path and company contacts with no activity
 * for `inactivity_retention_months` (default 24, 12–120, as Les emplois de l'inclusion: 2 years,
 * settable from 1 to 10) are warned, then anonymised (candidates) or erased (contacts). Contacts get
 * the same warning marks as candidates, and a `retention_warning` alert can be tied to its contact
 * (so the erasure closes it).
 */
export class InactivityRetention1764800300000 implements MigrationInterface {
  name = 'InactivityRetention1764800300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN inactivity_retention_months int NOT NULL DEFAULT 24
         CONSTRAINT structure_inactivity_retention_months_check CHECK (inactivity_retention_months BETWEEN 12 AND 120)`,
    );
    // When the company's owner (else the managers) was warned, and the erasure day announced then.
    await queryRunner.query(`ALTER TABLE contact ADD COLUMN retention_warned_at timestamptz`);
    await queryRunner.query(`ALTER TABLE contact ADD COLUMN retention_warned_for date`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD COLUMN contact_id uuid REFERENCES contact(id) ON DELETE CASCADE`);
    await queryRunner.query(`CREATE INDEX staff_alert_contact_idx ON staff_alert (contact_id) WHERE contact_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM staff_alert WHERE kind = 'retention_warning' AND contact_id IS NOT NULL`);
    await queryRunner.query(`DROP INDEX staff_alert_contact_idx`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP COLUMN contact_id`);
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN retention_warned_for`);
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN retention_warned_at`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN inactivity_retention_months`);
  }
}
