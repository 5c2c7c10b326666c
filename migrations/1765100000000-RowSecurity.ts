import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose rows carry their structure. A table added later gets its policy in its own migration. */
export const STRUCTURE_OWNED_TABLES = [
  'activity',
  'app_user',
  'audit_event',
  'candidate',
  'check_in',
  'company',
  'company_funnel',
  'company_stage_count',
  'contact',
  'email_suppression',
  'import_run',
  'job_lead',
  'mail_outbox',
  'password_reset',
  'pipeline_stage',
  'pitch_script',
  'pitch_script_version',
  'placement',
  'privacy_request',
  'proposal',
  'session',
  'staff_alert',
  'stage_event',
] as const;

/**
 * The structure the connection is set to (empty: none, which matches no row). As a sub-select, the
 * setting is read once per statement (an InitPlan) instead of once per row: on a million rows the
 * difference is tens of milliseconds.
 */
const CURRENT = `(SELECT nullif(current_setting('app.structure_id', true), '')::uuid)`;
/** A documented cross-structure path (src/tenancy/tenant-scope.ts, SYSTEM_PURPOSES), read once per statement too. */
const SYSTEM = `(SELECT coalesce(current_setting('app.system_scope', true), '') = 'on')`;

/**
 * Row-level security, the second wall between structures: on every structure-owned table,
 * PostgreSQL shows and accepts only the rows of the structure the connection is set to
 * (`app.structure_id`, set by src/tenancy/row-security.ts for each query or transaction), or any
 * row on a documented system path (`app.system_scope`). FORCE binds the tables' owner too, which
 * is the role the application connects as. The two tables without their own structure column
 * follow their parent row, whose policy applies inside the sub-query.
 */
export class RowSecurity1765100000000 implements MigrationInterface {
  name = 'RowSecurity1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const protect = async (table: string, rule: string) => {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(
        `CREATE POLICY structure_rows ON ${table} USING ((${rule}) OR ${SYSTEM}) WITH CHECK ((${rule}) OR ${SYSTEM})`,
      );
    };
    for (const table of STRUCTURE_OWNED_TABLES) await protect(table, `structure_id = ${CURRENT}`);
    await protect('structure', `id = ${CURRENT}`);
    await protect('import_chunk', `EXISTS (SELECT 1 FROM import_run r WHERE r.id = import_chunk.run_id)`);
    await protect('digest_log', `EXISTS (SELECT 1 FROM app_user u WHERE u.id = digest_log.user_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...STRUCTURE_OWNED_TABLES, 'structure', 'import_chunk', 'digest_log']) {
      await queryRunner.query(`DROP POLICY structure_rows ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await queryRunner.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
