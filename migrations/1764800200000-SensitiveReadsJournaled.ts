import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, « every sensitive read journaled »:
 * - the audit trail also follows the structure's retention setting (entity `structure`);
 * - the reason a placement broke off is, like a candidate's constraints and notes, recorded as
 *   « changed » only: the journal, read by every manager, no longer repeats it (past events too);
 * - alert messages are e-mailed (alert, daily digest): they no longer name which difficulties a
 *   person signalled (« Santé »…). Stored alerts and the e-mails kept in the outbox lose them too.
 * The old messages and trail values cannot be restored: `down` only narrows the entity list back.
 */
export class SensitiveReadsJournaled1764800200000 implements MigrationInterface {
  name = 'SensitiveReadsJournaled1764800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_check CHECK (entity IN ('company', 'candidate', 'placement', 'user', 'structure'))`,
    );
    await queryRunner.query(
      `UPDATE audit_event SET changes = jsonb_set(changes, '{ruptureReason}', '{"changed": true}'::jsonb)
        WHERE entity = 'placement' AND jsonb_exists(changes, 'ruptureReason') AND changes -> 'ruptureReason' <> '{"changed": true}'::jsonb`,
    );
    const categories = `' signale des difficultés \\([^)]*\\)\\. Les précisions sont dans Tremplin\\.'`;
    const neutral = `' signale des difficultés. Le détail est dans Tremplin.'`;
    await queryRunner.query(
      `UPDATE staff_alert SET message = regexp_replace(message, ${categories}, ${neutral}, 'g') WHERE kind = 'difficulty' AND message ~ ${categories}`,
    );
    await queryRunner.query(
      `UPDATE mail_outbox SET context = regexp_replace(context::text, ${categories}, ${neutral}, 'g')::jsonb WHERE context::text ~ ${categories}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM audit_event WHERE entity = 'structure'`);
    await queryRunner.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_entity_check`);
    await queryRunner.query(
      `ALTER TABLE audit_event ADD CONSTRAINT audit_event_entity_check CHECK (entity IN ('company', 'candidate', 'placement', 'user'))`,
    );
  }
}
