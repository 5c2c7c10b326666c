import { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;

/**
 * Text messages: an outbox of SMS (written with their cause, sent once by the worker, their
 * delivery status reported by the provider), the numbers that asked to receive none (a « STOP »
 * reply or staff), and each structure's monthly cap.
 */
export class SmsOutbox1765300000000 implements MigrationInterface {
  name = 'SmsOutbox1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sms_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        recipient text NOT NULL,
        content text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('check_in', 'encounter_reminder', 'meeting_reminder', 'one_off')),
        candidate_id uuid REFERENCES candidate(id) ON DELETE SET NULL,
        contact_id uuid REFERENCES contact(id) ON DELETE SET NULL,
        placement_id uuid REFERENCES placement(id) ON DELETE SET NULL,
        check_in_id uuid REFERENCES check_in(id) ON DELETE SET NULL,
        encounter_id uuid REFERENCES encounter(id) ON DELETE SET NULL,
        sent_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        encoding text NOT NULL CHECK (encoding IN ('GSM-7', 'UCS-2')),
        segments int NOT NULL CHECK (segments BETWEEN 1 AND 2),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed')),
        not_before timestamptz NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        provider_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        status_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX sms_message_structure_created ON sms_message (structure_id, created_at)`);
    await queryRunner.query(`CREATE INDEX sms_message_pending ON sms_message (not_before) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX sms_message_provider ON sms_message (provider_id) WHERE provider_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX sms_message_recipient ON sms_message (recipient)`);
    await queryRunner.query(`CREATE INDEX sms_message_candidate ON sms_message (candidate_id) WHERE candidate_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX sms_message_placement ON sms_message (placement_id) WHERE placement_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE sms_opt_out (
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        phone text NOT NULL,
        source text NOT NULL CHECK (source IN ('stop', 'staff')),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (structure_id, phone)
      )`);
    await queryRunner.query(`ALTER TABLE structure ADD COLUMN sms_monthly_cap int NOT NULL DEFAULT 500 CHECK (sms_monthly_cap >= 0)`);
    await queryRunner.query(`ALTER TABLE structure ADD COLUMN sms_cap_warned_for text`);
    for (const table of ['sms_message', 'sms_opt_out']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY structure_rows ON ${table} USING ((structure_id = ${CURRENT}) OR ${SYSTEM}) WITH CHECK ((structure_id = ${CURRENT}) OR ${SYSTEM})`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN sms_cap_warned_for`);
    await queryRunner.query(`ALTER TABLE structure DROP COLUMN sms_monthly_cap`);
    await queryRunner.query(`DROP TABLE sms_opt_out`);
    await queryRunner.query(`DROP TABLE sms_message`);
  }
}
