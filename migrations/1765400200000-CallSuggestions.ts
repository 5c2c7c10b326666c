import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;

/**
 * « À appeler cette semaine »: the suggestions staff set aside, with why and until when (a
 * dismissed company stays off the list until `hidden_until`, exclusive), and what the ranking
 * learns from them. The two company columns below belong to the contact-pressure work (issue 22):
 * they are added here only if missing, so this branch runs alone, and never dropped by down().
 */
export class CallSuggestions1765400200000 implements MigrationInterface {
  name = 'CallSuggestions1765400200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE company ADD COLUMN IF NOT EXISTS resting_until date NULL`);
    await queryRunner.query(`ALTER TABLE company ADD COLUMN IF NOT EXISTS no_contact boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE call_suggestion_dismissal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES company(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN ('elsewhere', 'territory', 'sector', 'closed', 'other')),
        note text,
        dismissed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        dismissed_at timestamptz NOT NULL,
        hidden_until date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX call_suggestion_dismissal_hidden ON call_suggestion_dismissal (structure_id, hidden_until, company_id)`,
    );
    await queryRunner.query(`CREATE INDEX call_suggestion_dismissal_company ON call_suggestion_dismissal (company_id)`);
    await queryRunner.query(`CREATE INDEX call_suggestion_dismissal_reason ON call_suggestion_dismissal (structure_id, reason)`);
    await queryRunner.query(`ALTER TABLE call_suggestion_dismissal ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`ALTER TABLE call_suggestion_dismissal FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE POLICY structure_rows ON call_suggestion_dismissal USING ((structure_id = ${CURRENT}) OR ${SYSTEM}) WITH CHECK ((structure_id = ${CURRENT}) OR ${SYSTEM})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE call_suggestion_dismissal`);
  }
}
