import { DataSource } from 'typeorm';
import { ACCENTED, likeWord, UNACCENTED } from '../common/folded-like';

/*
 * The searches of the header's search field that no domain list already answers: contacts (by name,
 * e-mail or phone) and job leads (by title). Each takes the structure explicitly; words are matched
 * in any order, case and accents ignored.
 */

/** SQL that folds a text expression like `likeWord` folds the words. */
function folded(expression: string, accented: number, unaccented: number): string {
  return `translate(lower(${expression}), $${accented}, $${unaccented})`;
}

export interface ContactHit {
  id: string;
  firstName: string | null;
  lastName: string;
  jobTitle: string | null;
  companyId: string;
  companyName: string;
}

export async function contactsMatching(db: DataSource, structureId: string, words: string[], limit: number): Promise<ContactHit[]> {
  if (!words.length) return [];
  // The number as stored (+33612345678) and as dialled at home (0612345678), so « 06 12 34 » finds it too.
  const phone = `regexp_replace(coalesce(ct.phone, ''), '[^0-9+]', '', 'g')`;
  const dialled = `regexp_replace(${phone}, '^\\+(33|262|590|594|596|508)', '0')`;
  const haystack = folded(`coalesce(ct.first_name, '') || ' ' || ct.last_name || ' ' || coalesce(ct.email, '') || ' ' || ${phone} || ' ' || ${dialled}`, 2, 3);
  const conditions = words.map((_, index) => `${haystack} LIKE $${index + 5}`);
  return db.query(
    `SELECT ct.id, ct.first_name AS "firstName", ct.last_name AS "lastName", ct.job_title AS "jobTitle",
            c.id AS "companyId", c.name AS "companyName"
       FROM contact ct JOIN company c ON c.id = ct.company_id AND c.structure_id = ct.structure_id
      WHERE ct.structure_id = $1 AND ct.erased_at IS NULL AND ${conditions.join(' AND ')}
      ORDER BY ct.last_name, ct.first_name, ct.id
      LIMIT $4`,
    [structureId, ACCENTED, UNACCENTED, limit, ...words.map(likeWord)],
  );
}

export interface LeadHit {
  id: string;
  jobTitle: string;
  status: string;
  companyId: string;
  companyName: string;
}

export async function leadsMatching(db: DataSource, structureId: string, words: string[], limit: number): Promise<LeadHit[]> {
  if (!words.length) return [];
  const haystack = folded(`l.job_title || ' ' || c.name`, 2, 3);
  const conditions = words.map((_, index) => `${haystack} LIKE $${index + 5}`);
  return db.query(
    `SELECT l.id, l.job_title AS "jobTitle", l.status, c.id AS "companyId", c.name AS "companyName"
       FROM job_lead l JOIN company c ON c.id = l.company_id AND c.structure_id = l.structure_id
      WHERE l.structure_id = $1 AND ${conditions.join(' AND ')}
      ORDER BY l.spotted_at DESC, l.id
      LIMIT $4`,
    [structureId, ACCENTED, UNACCENTED, limit, ...words.map(likeWord)],
  );
}
