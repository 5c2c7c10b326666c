import { MigrationInterface, QueryRunner } from 'typeorm';

const ALERT_KINDS_BEFORE = `'low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture'`;

/**
 * RGPD: how long a structure keeps the identity of the people it accompanied after their exit
 * (`retention_months`), the marks of the retention warning and of anonymisation on candidates, the
 * erasure of company contacts, the `retention_warning` staff alert (tied to its candidate), and the
 * log of the requests handled (exports, erasures, retention). An erased contact's address stays in
 * `email_suppression` only as `sha256:<hex of the lower-cased address>`; a trigger opts out any
 * contact later (re)entered with that address, so the existing opt-out checks keep it unreachable.
 */
export class Privacy1764710000000 implements MigrationInterface {
  name = 'Privacy1764710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN retention_months int NOT NULL DEFAULT 24 CHECK (retention_months BETWEEN 3 AND 120)`,
    );

    await queryRunner.query(`ALTER TABLE candidate ADD COLUMN anonymised_at timestamptz`);
    // When the owner was warned, and the anonymisation day announced then (at least 30 days later).
    await queryRunner.query(`ALTER TABLE candidate ADD COLUMN retention_warned_at timestamptz`);
    await queryRunner.query(`ALTER TABLE candidate ADD COLUMN retention_warned_for date`);
    await queryRunner.query(
      `CREATE INDEX candidate_retention_idx ON candidate (exit_date) WHERE status = 'exited' AND anonymised_at IS NULL`,
    );

    await queryRunner.query(`ALTER TABLE contact ADD COLUMN erased_at timestamptz`);

    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(
      `ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}, 'retention_warning'))`,
    );
    await queryRunner.query(`ALTER TABLE staff_alert ADD COLUMN candidate_id uuid REFERENCES candidate(id) ON DELETE CASCADE`);
    await queryRunner.query(`CREATE INDEX staff_alert_candidate_idx ON staff_alert (candidate_id) WHERE candidate_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE privacy_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        subject_type text NOT NULL CHECK (subject_type IN ('candidate', 'contact')),
        subject_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('export', 'erasure', 'retention')),
        reason text,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX privacy_request_structure_idx ON privacy_request (structure_id, created_at)`);
    await queryRunner.query(`CREATE INDEX privacy_request_subject_idx ON privacy_request (subject_id)`);

    // Whoever writes a contact (API, import, seed, SQL), an erased person's address comes back opted out.
    await queryRunner.query(`
      CREATE FUNCTION contact_erased_address_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.email IS NOT NULL AND NOT NEW.email_opt_out AND EXISTS (
          SELECT 1 FROM email_suppression
           WHERE structure_id = NEW.structure_id
             AND email = 'sha256:' || encode(sha256(convert_to(lower(btrim(NEW.email)), 'UTF8')), 'hex')) THEN
          NEW.email_opt_out := true;
          NEW.email_opt_out_at := coalesce(NEW.email_opt_out_at, now());
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER contact_erased_address BEFORE INSERT OR UPDATE ON contact FOR EACH ROW EXECUTE FUNCTION contact_erased_address_guard()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contact_erased_address ON contact`);
    await queryRunner.query(`DROP FUNCTION contact_erased_address_guard()`);
    await queryRunner.query(`DROP TABLE privacy_request`);
    await queryRunner.query(`DELETE FROM staff_alert WHERE kind = 'retention_warning'`);
    await queryRunner.query(`DROP INDEX staff_alert_candidate_idx`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP COLUMN candidate_id`);
    await queryRunner.query(`ALTER TABLE staff_alert DROP CONSTRAINT staff_alert_kind_check`);
    await queryRunner.query(`ALTER TABLE staff_alert ADD CONSTRAINT staff_alert_kind_check CHECK (kind IN (${ALERT_KINDS_BEFORE}))`);
    await queryRunner.query(`ALTER TABLE contact DROP COLUMN erased_at`);
    await queryRunner.query(`DROP INDEX candidate_retention_idx`);
    await queryRunner.query(`ALTER TABLE candidate DROP COLUMN retention_warned_for`);
    await queryRunner.query(`ALTER TABLE candidate DROP COLUMN retention_warned_at`);
    await queryRunner.query(`ALTER TABLE candidate DROP COLUMN anonymised_at`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN retention_months`);
  }
}
