import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An activity can be about a candidate (a meeting with the employer about them, a note after a
 * visit): its free text is then tied to that person, and erasing or anonymising them replaces it
 * whole (src/privacy/anonymiser.service.ts).
 */
export class ActivityCandidate1764800000000 implements MigrationInterface {
  name = 'ActivityCandidate1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE activity ADD COLUMN candidate_id uuid REFERENCES candidate (id) ON DELETE SET NULL`);
    await queryRunner.query(`CREATE INDEX activity_candidate_idx ON activity (candidate_id) WHERE candidate_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE activity DROP COLUMN candidate_id`);
  }
}
