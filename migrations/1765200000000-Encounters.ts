import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;
const TABLES = ['encounter', 'encounter_company', 'encounter_participant'] as const;

/**
 * Encounters (rencontres): job datings, company visits, information sessions, workplace interviews
 * and forums, with their companies and participants (candidates, company contacts, staff), the
 * invitations sent to them, who came, and what followed for each candidate.
 */
export class Encounters1765200000000 implements MigrationInterface {
  name = 'Encounters1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE encounter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('job_dating', 'company_visit', 'info_session', 'workplace_interview', 'forum', 'other')),
        title text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text,
        host_company_id uuid REFERENCES company(id) ON DELETE SET NULL,
        capacity int CHECK (capacity > 0),
        organiser_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        lead_id uuid REFERENCES job_lead(id) ON DELETE SET NULL,
        description text,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
        cancelled_at timestamptz,
        sequence int NOT NULL DEFAULT 0,
        early_reminder_for timestamptz,
        late_reminder_for timestamptz,
        attendance_marked_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX encounter_structure_starts ON encounter (structure_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX encounter_planned_starts ON encounter (starts_at) WHERE status = 'planned'`);
    await queryRunner.query(`
      CREATE TABLE encounter_company (
        encounter_id uuid NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        PRIMARY KEY (encounter_id, company_id)
      )`);
    await queryRunner.query(`CREATE INDEX encounter_company_company ON encounter_company (company_id)`);
    await queryRunner.query(`
      CREATE TABLE encounter_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        encounter_id uuid NOT NULL REFERENCES encounter(id) ON DELETE CASCADE,
        party text NOT NULL CHECK (party IN ('candidate', 'contact', 'staff')),
        candidate_id uuid REFERENCES candidate(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contact(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed', 'present', 'absent', 'excused')),
        invited_sequence int,
        invitation_skipped text CHECK (invitation_skipped IN ('no_email', 'opted_out')),
        outcome text CHECK (outcome IN ('interview', 'pmsmp', 'contract', 'training', 'none')),
        outcome_on date,
        outcome_proposal_id uuid REFERENCES proposal(id) ON DELETE SET NULL,
        outcome_placement_id uuid REFERENCES placement(id) ON DELETE SET NULL,
        outcome_lead_id uuid REFERENCES job_lead(id) ON DELETE SET NULL,
        outcome_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((party = 'candidate') = (candidate_id IS NOT NULL)),
        CHECK ((party = 'contact') = (contact_id IS NOT NULL)),
        CHECK ((party = 'staff') = (user_id IS NOT NULL)),
        CHECK (outcome IS NULL OR party = 'candidate')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX encounter_participant_candidate ON encounter_participant (encounter_id, candidate_id) WHERE candidate_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX encounter_participant_contact ON encounter_participant (encounter_id, contact_id) WHERE contact_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX encounter_participant_user ON encounter_participant (encounter_id, user_id) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX encounter_participant_candidate_of ON encounter_participant (candidate_id) WHERE candidate_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX encounter_participant_contact_of ON encounter_participant (contact_id) WHERE contact_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX encounter_participant_user_of ON encounter_participant (user_id) WHERE user_id IS NOT NULL`);

    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY structure_rows ON ${table} USING ((structure_id = ${CURRENT}) OR ${SYSTEM}) WITH CHECK ((structure_id = ${CURRENT}) OR ${SYSTEM})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE encounter_participant`);
    await queryRunner.query(`DROP TABLE encounter_company`);
    await queryRunner.query(`DROP TABLE encounter`);
  }
}
