import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many companies each board column holds, kept by triggers: the unfiltered board reads these
 * few rows instead of counting every company of the structure on each request. That count was an
 * index-only scan only while the visibility map of `company` was up to date; after a bulk load
 * vacuumed while another transaction was open, it became a parallel scan of the whole table
 * (~100 ms at 100k companies, and it grows with the structure). See docs/benchmark.md.
 *
 * Statement-level triggers with transition tables, so an import or a bulk load updates each
 * column's row once per statement, not once per company. Rows are locked in key order, so two
 * moves in opposite directions wait for each other instead of deadlocking; an update that moves no
 * company between columns (an edit, a next action) touches no row.
 */
export class CompanyStageCounts1764741000000 implements MigrationInterface {
  name = 'CompanyStageCounts1764741000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE company_stage_count (
        structure_id uuid NOT NULL REFERENCES structure(id) ON DELETE CASCADE,
        stage_id uuid NOT NULL REFERENCES pipeline_stage(id) ON DELETE CASCADE,
        companies integer NOT NULL CHECK (companies >= 0),
        PRIMARY KEY (structure_id, stage_id)
      )`);

    // Rows appear when a column gets its first company; a column's row is never inserted for a
    // removal, so a structure being deleted (its rows cascading away) is not written back.
    await queryRunner.query(`
      CREATE FUNCTION company_stage_count_shift(p_structure uuid[], p_stage uuid[], p_delta bigint[]) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO company_stage_count (structure_id, stage_id, companies)
        SELECT d.structure_id, d.stage_id, 0
          FROM unnest(p_structure, p_stage, p_delta) AS d(structure_id, stage_id, delta)
         WHERE d.delta > 0
         ORDER BY d.structure_id, d.stage_id
        ON CONFLICT DO NOTHING;
        PERFORM 1
           FROM company_stage_count t
           JOIN unnest(p_structure, p_stage) AS d(structure_id, stage_id) USING (structure_id, stage_id)
          ORDER BY t.structure_id, t.stage_id
            FOR UPDATE OF t;
        UPDATE company_stage_count t SET companies = t.companies + d.delta
          FROM unnest(p_structure, p_stage, p_delta) AS d(structure_id, stage_id, delta)
         WHERE t.structure_id = d.structure_id AND t.stage_id = d.stage_id;
      END $$`);

    await queryRunner.query(`
      CREATE FUNCTION company_stage_count_on_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        v_structure uuid[];
        v_stage uuid[];
        v_delta bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(structure_id), array_agg(stage_id), array_agg(n) INTO v_structure, v_stage, v_delta
            FROM (SELECT structure_id, stage_id, count(*) AS n FROM new_companies GROUP BY 1, 2) d;
        ELSIF TG_OP = 'DELETE' THEN
          SELECT array_agg(structure_id), array_agg(stage_id), array_agg(-n) INTO v_structure, v_stage, v_delta
            FROM (SELECT structure_id, stage_id, count(*) AS n FROM old_companies GROUP BY 1, 2) d;
        ELSE
          SELECT array_agg(structure_id), array_agg(stage_id), array_agg(n) INTO v_structure, v_stage, v_delta
            FROM (SELECT structure_id, stage_id, sum(n) AS n
                    FROM (SELECT n.structure_id, n.stage_id, 1 AS n
                            FROM new_companies n JOIN old_companies o ON o.id = n.id
                           WHERE (n.structure_id, n.stage_id) IS DISTINCT FROM (o.structure_id, o.stage_id)
                          UNION ALL
                          SELECT o.structure_id, o.stage_id, -1
                            FROM new_companies n JOIN old_companies o ON o.id = n.id
                           WHERE (n.structure_id, n.stage_id) IS DISTINCT FROM (o.structure_id, o.stage_id)) moves
                   GROUP BY 1, 2
                  HAVING sum(n) <> 0) d;
        END IF;
        IF v_structure IS NOT NULL THEN
          PERFORM company_stage_count_shift(v_structure, v_stage, v_delta);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER company_stage_count_insert AFTER INSERT ON company REFERENCING NEW TABLE AS new_companies
        FOR EACH STATEMENT EXECUTE FUNCTION company_stage_count_on_change()`);
    await queryRunner.query(`
      CREATE TRIGGER company_stage_count_update AFTER UPDATE ON company REFERENCING OLD TABLE AS old_companies NEW TABLE AS new_companies
        FOR EACH STATEMENT EXECUTE FUNCTION company_stage_count_on_change()`);
    await queryRunner.query(`
      CREATE TRIGGER company_stage_count_delete AFTER DELETE ON company REFERENCING OLD TABLE AS old_companies
        FOR EACH STATEMENT EXECUTE FUNCTION company_stage_count_on_change()`);
    // TRUNCATE fires no row triggers; the counts of a truncated company table are all zero.
    await queryRunner.query(`
      CREATE FUNCTION company_stage_count_on_truncate() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE company_stage_count SET companies = 0 WHERE companies <> 0;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER company_stage_count_truncate AFTER TRUNCATE ON company
        FOR EACH STATEMENT EXECUTE FUNCTION company_stage_count_on_truncate()`);

    await queryRunner.query(`LOCK TABLE company IN SHARE MODE`);
    await queryRunner.query(`
      INSERT INTO company_stage_count (structure_id, stage_id, companies)
      SELECT structure_id, stage_id, count(*) FROM company GROUP BY structure_id, stage_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER company_stage_count_truncate ON company`);
    await queryRunner.query(`DROP TRIGGER company_stage_count_delete ON company`);
    await queryRunner.query(`DROP TRIGGER company_stage_count_update ON company`);
    await queryRunner.query(`DROP TRIGGER company_stage_count_insert ON company`);
    await queryRunner.query(`DROP FUNCTION company_stage_count_on_truncate()`);
    await queryRunner.query(`DROP FUNCTION company_stage_count_on_change()`);
    await queryRunner.query(`DROP FUNCTION company_stage_count_shift(uuid[], uuid[], bigint[])`);
    await queryRunner.query(`DROP TABLE company_stage_count`);
  }
}
