import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words companies are found by (folded name and commune), beside the company, for the one
 * search PostgreSQL cannot serve from a table under row-level security: `LIKE '%entr%'` is not a
 * leakproof operator, so on a table with a policy the planner may not use a trigram index for it,
 * and every search read the whole structure (200 ms on 100k companies instead of 26). This table
 * has no policy so that its trigram indexes serve the search; it holds no person's data (company
 * names and communes, as SIRENE publishes them), and the search only uses it to pick company ids
 * that it then reads from `company`, under that table's policy. A trigger keeps it in step.
 */
export class CompanySearch1765100100000 implements MigrationInterface {
  name = 'CompanySearch1765100100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE company_search (
        company_id uuid PRIMARY KEY REFERENCES company(id) ON DELETE CASCADE,
        structure_id uuid NOT NULL,
        search_name text NOT NULL,
        search_commune text
      )`);
    await queryRunner.query(
      `INSERT INTO company_search (company_id, structure_id, search_name, search_commune)
       SELECT id, structure_id, search_name, search_commune FROM company`,
    );
    await queryRunner.query(`CREATE INDEX company_search_name_words ON company_search USING gin (search_name public.gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX company_search_commune_words ON company_search USING gin (search_commune public.gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE FUNCTION company_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO company_search (company_id, structure_id, search_name, search_commune)
        VALUES (NEW.id, NEW.structure_id, NEW.search_name, NEW.search_commune)
        ON CONFLICT (company_id) DO UPDATE
          SET structure_id = EXCLUDED.structure_id, search_name = EXCLUDED.search_name, search_commune = EXCLUDED.search_commune;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER company_search_sync AFTER INSERT OR UPDATE OF search_name, search_commune, structure_id ON company
       FOR EACH ROW EXECUTE FUNCTION company_search_sync()`,
    );
    // Under the company table's policy these could never be used again.
    await queryRunner.query(`DROP INDEX company_search_name_trgm`);
    await queryRunner.query(`DROP INDEX company_search_commune_trgm`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX company_search_commune_trgm ON company USING gin (search_commune public.gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX company_search_name_trgm ON company USING gin (search_name public.gin_trgm_ops)`);
    await queryRunner.query(`DROP TRIGGER company_search_sync ON company`);
    await queryRunner.query(`DROP FUNCTION company_search_sync()`);
    await queryRunner.query(`DROP TABLE company_search`);
  }
}
