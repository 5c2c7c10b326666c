import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: who changed which company, candidate, placement or account, when, from what to
 * what, and who read a candidate's sensitive fields. Append-only; written in the same transaction
 * as the change. `entity_id` has no foreign key on purpose: a cancelled placement is deleted, its
 * history stays. Read by the structure's managers, newest first, for one record or for everything.
 */
export class Audit1764700000000 implements MigrationInterface {
  name = 'Audit1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        entity text NOT NULL CHECK (entity IN ('company', 'candidate', 'placement', 'user')),
        entity_id uuid,
        action text NOT NULL CHECK (action IN ('create', 'update', 'stage', 'next_action', 'exit', 'start', 'end', 'cancel',
                                               'deactivate', 'sensitive_read')),
        changes jsonb NOT NULL DEFAULT '{}',
        details jsonb,
        at timestamptz NOT NULL,
        CHECK (entity_id IS NOT NULL OR action = 'sensitive_read')
      )`);
    // One record's history, and the whole structure's journal; id breaks ties within a transaction.
    await queryRunner.query(`CREATE INDEX audit_event_entity_idx ON audit_event (structure_id, entity, entity_id, at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_event_structure_idx ON audit_event (structure_id, at DESC, id DESC)`);
    // Exports are few: a person's read history finds those that held them without scanning the rest.
    await queryRunner.query(`CREATE INDEX audit_event_export_idx ON audit_event (structure_id, at DESC) WHERE entity_id IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_event`);
  }
}
