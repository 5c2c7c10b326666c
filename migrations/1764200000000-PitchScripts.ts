import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pitch scripts (argumentaires) and their versions; activities remember the version they used,
 * the objections met and why a company refused.
 */
export class PitchScripts1764200000000 implements MigrationInterface {
  name = 'PitchScripts1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE pitch_script (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('first_call', 'first_meeting', 'follow_up_call', 'other')),
        title text NOT NULL,
        current_version int NOT NULL DEFAULT 1,
        archived_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX pitch_script_structure_idx ON pitch_script (structure_id, kind)`);
    await queryRunner.query(`
      CREATE TABLE pitch_script_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        script_id uuid NOT NULL REFERENCES pitch_script(id) ON DELETE CASCADE,
        number int NOT NULL,
        title text NOT NULL,
        kind text NOT NULL,
        targeting jsonb NOT NULL,
        sections jsonb NOT NULL,
        change_note text,
        author_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (script_id, number)
      )`);
    await queryRunner.query(`ALTER TABLE activity ADD COLUMN script_version_id uuid REFERENCES pitch_script_version(id)`);
    await queryRunner.query(`ALTER TABLE activity ADD COLUMN objections text[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE activity ADD COLUMN refusal_reason text`);
    // A first meeting has an outcome too (need found, refused...), not only a call.
    await queryRunner.query(`ALTER TABLE activity DROP CONSTRAINT activity_check`);
    await queryRunner.query(
      `ALTER TABLE activity ADD CONSTRAINT activity_outcome_type_check CHECK (outcome IS NULL OR type IN ('call', 'meeting'))`,
    );
    await queryRunner.query(
      `CREATE INDEX activity_script_version_idx ON activity (script_version_id) WHERE script_version_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX activity_script_version_idx`);
    await queryRunner.query(`ALTER TABLE activity DROP CONSTRAINT activity_outcome_type_check`);
    await queryRunner.query(`UPDATE activity SET outcome = NULL WHERE type <> 'call'`);
    await queryRunner.query(`ALTER TABLE activity ADD CONSTRAINT activity_check CHECK (outcome IS NULL OR type = 'call')`);
    await queryRunner.query(`ALTER TABLE activity DROP COLUMN refusal_reason`);
    await queryRunner.query(`ALTER TABLE activity DROP COLUMN objections`);
    await queryRunner.query(`ALTER TABLE activity DROP COLUMN script_version_id`);
    await queryRunner.query(`DROP TABLE pitch_script_version`);
    await queryRunner.query(`DROP TABLE pitch_script`);
  }
}
