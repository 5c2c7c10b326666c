import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placements recorded without an owner counted for nobody: the funnel showed their hires under
 * « Sans auteur » and a staff member's outcomes missed them. New placements default to their
 * creator (PlacementsService.create); this gives the existing ones an owner: the candidate's
 * counsellor, else whoever created the placement according to the audit trail. Only members of
 * the placement's structure qualify; a placement with neither stays ownerless.
 *
 * The version is left alone: this is a backfill, not an edit, and an open form must not turn stale.
 * The funnel's attribution (`company_funnel.contacted_by`) is rebuilt for the structures touched,
 * since a hire can be a company's earliest evidence.
 */
export const BACKFILL_PLACEMENT_OWNERS = `
  WITH found AS (
    SELECT p.id,
           COALESCE(
             (SELECT u.id FROM candidate ca JOIN app_user u ON u.id = ca.owner_id AND u.structure_id = p.structure_id
               WHERE ca.id = p.candidate_id),
             (SELECT u.id FROM audit_event a JOIN app_user u ON u.id = a.actor_id AND u.structure_id = p.structure_id
               WHERE a.structure_id = p.structure_id AND a.entity = 'placement' AND a.entity_id = p.id AND a.action = 'create'
               ORDER BY a.at, a.id LIMIT 1)
           ) AS owner_id
      FROM placement p
     WHERE p.owner_id IS NULL
  )
  UPDATE placement p SET owner_id = found.owner_id
    FROM found
   WHERE p.id = found.id AND found.owner_id IS NOT NULL
  RETURNING p.structure_id`;

export class PlacementOwners1764735000000 implements MigrationInterface {
  name = 'PlacementOwners1764735000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // An UPDATE ... RETURNING answers [rows, row count] through TypeORM's query().
    const [rows]: [Array<{ structure_id: string }>, number] = await queryRunner.query(BACKFILL_PLACEMENT_OWNERS);
    const structures = [...new Set(rows.map((row) => row.structure_id))];
    if (structures.length) await queryRunner.query(`SELECT company_funnel_rebuild(id) FROM unnest($1::uuid[]) AS id`, [structures]);
  }

  /** Which owners were backfilled is not recorded, and an owner set since must not be erased: nothing to undo. */
  public async down(): Promise<void> {}
}
