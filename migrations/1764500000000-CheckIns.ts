import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-sided follow-up after a placement starts: the check-in plan (one row per step and party),
 * the answers, alerts for staff, and each user's reminder settings.
 */
export class CheckIns1764500000000 implements MigrationInterface {
  name = 'CheckIns1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The employer contact the employer-side check-ins go to (defaults to the lead's contact).
    await queryRunner.query(`ALTER TABLE placement ADD COLUMN employer_contact_id uuid REFERENCES contact(id) ON DELETE SET NULL`);
    // Offsets after the start, e.g. ["3 days","10 days","1 month"]; null means the default cadence.
    await queryRunner.query(`ALTER TABLE structure ADD COLUMN check_in_offsets jsonb`);
    await queryRunner.query(
      `ALTER TABLE structure ADD COLUMN check_in_no_answer_days int NOT NULL DEFAULT 5 CHECK (check_in_no_answer_days BETWEEN 1 AND 60)`,
    );
    await queryRunner.query(`
      CREATE TABLE check_in (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
        party text NOT NULL CHECK (party IN ('employee', 'employer')),
        step text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'planned'
          CHECK (status IN ('planned', 'sent', 'answered', 'skipped', 'cancelled', 'failed', 'call_task')),
        recipient text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        smtp_message_id text,
        sent_at timestamptz,
        answered_at timestamptz,
        rating int CHECK (rating BETWEEN 1 AND 4),
        going_well text,
        difficulties text[] NOT NULL DEFAULT '{}',
        difficulty_details text,
        wants_call boolean,
        no_answer_alerted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (placement_id, party, step)
      )`);
    await queryRunner.query(`CREATE INDEX check_in_due_idx ON check_in (status, due_at)`);
    await queryRunner.query(`
      CREATE TABLE staff_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        placement_id uuid REFERENCES placement(id) ON DELETE CASCADE,
        check_in_id uuid REFERENCES check_in(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('low_rating', 'difficulty', 'call_request', 'no_answer', 'call_task', 'rupture')),
        message text NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX staff_alert_user_idx ON staff_alert (structure_id, user_id, resolved_at)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX staff_alert_once_idx ON staff_alert (check_in_id, kind) WHERE check_in_id IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN digest_enabled boolean NOT NULL DEFAULT true`);
    await queryRunner.query(
      `ALTER TABLE app_user ADD COLUMN digest_time time NOT NULL DEFAULT '08:00'`,
    );
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN meeting_reminders_enabled boolean NOT NULL DEFAULT true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN meeting_reminders_enabled`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN digest_time`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN digest_enabled`);
    await queryRunner.query(`DROP TABLE staff_alert`);
    await queryRunner.query(`DROP TABLE check_in`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN check_in_no_answer_days`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN check_in_offsets`);
    await queryRunner.query(`ALTER TABLE placement DROP COLUMN employer_contact_id`);
  }
}
