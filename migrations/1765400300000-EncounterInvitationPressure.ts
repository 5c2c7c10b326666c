import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An encounter's invitation e-mailed to a company contact counts toward the company's monthly
 * contact cap, as a call or an e-mail does: when and by whom each contact was invited. Rows from
 * before this change have no date and count for no month.
 */
export class EncounterInvitationPressure1765400300000 implements MigrationInterface {
  name = 'EncounterInvitationPressure1765400300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE encounter_participant
        ADD COLUMN invited_at timestamptz NULL,
        ADD COLUMN invited_by uuid NULL REFERENCES app_user(id) ON DELETE SET NULL`);
    await queryRunner.query(
      `CREATE INDEX encounter_participant_contact_invited ON encounter_participant (contact_id, invited_at) WHERE party = 'contact'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX encounter_participant_contact_invited`);
    await queryRunner.query(`ALTER TABLE encounter_participant DROP COLUMN invited_by, DROP COLUMN invited_at`);
  }
}
