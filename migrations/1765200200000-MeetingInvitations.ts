import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;

/**
 * Meetings booked with a company (« Rendez-vous fixé ») name the contact they are with, and that
 * contact is sent a calendar invitation: one row per invitation, its UID built from the row id,
 * its SEQUENCE raised on each move and on its cancellation. A company has at most one live one.
 */
export class MeetingInvitations1765200200000 implements MigrationInterface {
  name = 'MeetingInvitations1765200200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company ADD COLUMN next_action_contact_id uuid REFERENCES contact(id) ON DELETE SET NULL`);
    await queryRunner.query(`CREATE INDEX company_next_action_contact ON company (next_action_contact_id) WHERE next_action_contact_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE meeting_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        recipient text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        sequence int NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX meeting_invitation_live ON meeting_invitation (company_id) WHERE status = 'sent'`);
    await queryRunner.query(`CREATE INDEX meeting_invitation_company ON meeting_invitation (company_id)`);
    await queryRunner.query(`CREATE INDEX meeting_invitation_contact ON meeting_invitation (contact_id)`);
    await queryRunner.query(`ALTER TABLE meeting_invitation ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE meeting_invitation FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY structure_rows ON meeting_invitation USING ((structure_id = ${CURRENT}) OR ${SYSTEM}) WITH CHECK ((structure_id = ${CURRENT}) OR ${SYSTEM})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE meeting_invitation`);
    await queryRunner.query(`DROP INDEX company_next_action_contact`);
    await queryRunner.query(`ALTER TABLE company DROP COLUMN next_action_contact_id`);
  }
}
