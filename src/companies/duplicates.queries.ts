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

/** A company of the structure that an establishment found elsewhere (the directory, a form) would duplicate. */
export interface ExistingCompany {
  id: string;
  name: string;
  postcode: string | null;
  siret: string | null;
  dedupName: string;
}

/**
 * Companies of the structure with one of these SIRETs, or one of these normalised names with the
 * same postcode (`keys`: `dedupName` and `postcode` side by side), oldest first.
 */
export async function existingCompaniesMatching(
  manager: EntityManager,
  structureId: string,
  sirets: string[],
  keys: { dedupName: string; postcode: string | null }[],
): Promise<ExistingCompany[]> {
  if (sirets.length === 0 && keys.length === 0) return [];
  return manager.query(
    `SELECT c.id, c.name, c.postcode, c.siret, c.dedup_name AS "dedupName"
       FROM company c
      WHERE c.structure_id = $1
        AND (c.siret = ANY($2::char(14)[])
             OR EXISTS (SELECT 1 FROM unnest($3::text[], $4::text[]) AS k(dedup_name, postcode)
                         WHERE k.dedup_name = c.dedup_name AND k.postcode IS NOT DISTINCT FROM c.postcode))
      ORDER BY c.created_at, c.id
      LIMIT 200`,
    [structureId, sirets, keys.map((key) => key.dedupName), keys.map((key) => key.postcode)],
  );
}
