import { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'create', 'update', 'stage', 'next_action', 'exit', 'start', 'end', 'cancel', 'deactivate', 'sensitive_read', 'withdraw'`;

/** A one-off text to a candidate is logged in the person's journal: audit action `text`. */
export class AuditText1765300500000 implements MigrationInterface {
  name = 'AuditText1765300500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await queryRunner.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (${BEFORE}, 'text'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM audit_event WHERE action = 'text'`);
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await queryRunner.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check CHECK (action IN (${BEFORE}))`);
  }
}
