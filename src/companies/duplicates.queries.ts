import { EntityManager } from 'typeorm';
import { DuplicateRef } from './dto/company-view.dto';

/** Companies of the structure with the same normalised name and postcode as company `id`, oldest first, at most 10. */
export async function likelyDuplicatesOf(manager: EntityManager, structureId: string, id: string): Promise<DuplicateRef[]> {
  return manager.query(
    `SELECT other.id, other.name, other.postcode
       FROM company c JOIN company other
         ON other.structure_id = c.structure_id AND other.dedup_name = c.dedup_name
        AND other.postcode IS NOT DISTINCT FROM c.postcode AND other.id <> c.id
       WHERE c.id = $1 AND c.structure_id = $2
       ORDER BY other.created_at LIMIT 10`,
    [id, structureId],
  );
}
