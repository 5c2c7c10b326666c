import { createTestApp, TestApp } from './helpers/app';
import { api } from './helpers/api';
import { login } from './helpers/fixtures';
import {
  BENCH_PASSWORD,
  BENCH_STRUCTURE_ID,
  benchStructureExists,
  deleteBenchStructure,
  generateBenchData,
  placementsNeedingCheckIns,
  seedLarge,
  SeedLargeOptions,
} from '../src/bench/seed-large';
import { isValidSiret } from '../src/companies/siret';
import { ContractType } from '../src/placements/contract-types';
import { placementTermProblems } from '../src/placements/placement-rules';
import { PlacementKind } from '../src/placements/placement.entity';

const S = BENCH_STRUCTURE_ID;

describe('benchmark seeder (e2e)', () => {
  let t: TestApp;
  // One instant for every run: the same seed and `now` must give the very same rows.
  const now = new Date();
  const options: SeedLargeOptions = { seed: 7, scale: 0.002, now, progress: false, analyze: false, allowTruncate: false };
  const one = async <T>(sql: string, params: unknown[] = [S]): Promise<T> => (await t.dataSource.query(sql, params))[0] as T;

  /** What must not change between two runs with the same seed: counts, the first company, and digests of the rows. */
  const snapshot = async () => ({
    first: await one(`SELECT id, siret, name FROM company WHERE structure_id = $1 ORDER BY created_at, id LIMIT 1`),
    companies: await one(
      `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, name, siret, naf_code, postcode, commune, stage_id, next_action_type, next_action_due, version), ',' ORDER BY id)) AS digest
       FROM company WHERE structure_id = $1`,
    ),
    activities: await one(
      `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, company_id, type, outcome, occurred_at, author_id, script_version_id, objections::text), ',' ORDER BY id)) AS digest
       FROM activity WHERE structure_id = $1`,
    ),
    stageEvents: await one(
      `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', id, company_id, from_stage_id, to_stage_id, activity_id, occurred_at), ',' ORDER BY id)) AS digest
       FROM stage_event WHERE structure_id = $1`,
    ),
    hiring: await one(
      `SELECT (SELECT count(*)::int FROM candidate WHERE structure_id = $1) AS candidates,
              (SELECT md5(string_agg(concat_ws('|', id, status, spotted_at, first_proposed_at), ',' ORDER BY id)) FROM job_lead WHERE structure_id = $1) AS leads,
              (SELECT md5(string_agg(concat_ws('|', id, candidate_id, contract_type, start_date, status, end_date), ',' ORDER BY id)) FROM placement WHERE structure_id = $1) AS placements`,
    ),
    funnel: await one(`SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', company_id, contacted_at, hire_at), ',' ORDER BY company_id)) AS digest FROM company_funnel WHERE structure_id = $1`),
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(now);
  });
  afterAll(async () => {
    await deleteBenchStructure(t.dataSource, { allowTruncate: false });
    await t.close();
  });

  it('gives the same structure for the same seed, whether loaded row by row or with its foreign keys set aside', async () => {
    const first = await seedLarge(t.dataSource, options);
    const before = await snapshot();
    expect(first.counts.company).toBe(200);
    expect(first.counts.activity).toBeGreaterThan(1000);
    expect(first.users).toHaveLength(20);
    expect(first.timings.total).toBeGreaterThan(0);
    expect(await benchStructureExists(t.dataSource, 7, 0.002)).toBe(true);
    expect(await benchStructureExists(t.dataSource, 8)).toBe(false);

    // Re-running deletes the previous bench structure first; the bulk path must write the same rows.
    const second = await seedLarge(t.dataSource, { ...options, dropForeignKeys: true });
    expect(second.counts).toEqual(first.counts);
    expect(await snapshot()).toEqual(before);

    // Another seed gives other companies.
    const other = generateBenchData(8, 0.002, now);
    expect(other.company.siret[0]).not.toBe((before.first as { siret: string }).siret);
  }, 120_000);

  it('writes a consistent history: chronological, never in the future, each card in the stage of its last move', async () => {
    const checks = await one<Record<string, number>>(
      `WITH ordered AS (
         SELECT e.*, lag(e.to_stage_id) OVER w AS previous_to, lag(e.occurred_at) OVER w AS previous_at, row_number() OVER w AS rank
         FROM stage_event e WHERE e.structure_id = $1 WINDOW w AS (PARTITION BY e.company_id ORDER BY e.occurred_at, e.id)
       ), last AS (SELECT DISTINCT ON (company_id) company_id, to_stage_id, occurred_at FROM stage_event WHERE structure_id = $1 ORDER BY company_id, occurred_at DESC, id)
       SELECT
         (SELECT count(*)::int FROM ordered WHERE rank = 1 AND from_stage_id IS NOT NULL) AS first_move_not_creation,
         (SELECT count(*)::int FROM ordered WHERE rank > 1 AND (from_stage_id IS NULL OR from_stage_id <> previous_to)) AS broken_chain,
         (SELECT count(*)::int FROM ordered WHERE rank > 1 AND occurred_at <= previous_at) AS not_chronological,
         (SELECT count(*)::int FROM company c LEFT JOIN last l ON l.company_id = c.id
           WHERE c.structure_id = $1 AND (l.to_stage_id IS DISTINCT FROM c.stage_id OR l.occurred_at IS DISTINCT FROM c.stage_entered_at)) AS stage_mismatch,
         (SELECT count(*)::int FROM activity WHERE structure_id = $1 AND occurred_at >= $2) +
         (SELECT count(*)::int FROM stage_event WHERE structure_id = $1 AND occurred_at >= $2) +
         (SELECT count(*)::int FROM job_lead WHERE structure_id = $1 AND spotted_at >= $2) +
         (SELECT count(*)::int FROM proposal WHERE structure_id = $1 AND (proposed_at >= $2 OR outcome_at >= $2)) AS in_the_future,
         (SELECT count(*)::int FROM activity a JOIN company c ON c.id = a.company_id WHERE a.structure_id = $1 AND a.occurred_at < c.created_at) AS before_creation,
         (SELECT count(*)::int FROM stage_event e JOIN activity a ON a.id = e.activity_id WHERE e.structure_id = $1 AND (a.occurred_at > e.occurred_at OR a.company_id <> e.company_id)) AS bad_activity_link,
         (SELECT count(*)::int FROM job_lead l WHERE l.structure_id = $1 AND NOT EXISTS (
            SELECT 1 FROM activity a WHERE a.company_id = l.company_id AND a.outcome = 'need_found' AND a.occurred_at <= l.spotted_at)) AS lead_before_need,
         (SELECT count(*)::int FROM job_lead l WHERE l.structure_id = $1 AND l.first_proposed_at IS DISTINCT FROM (SELECT min(proposed_at) FROM proposal p WHERE p.lead_id = l.id)) AS first_proposal_mismatch,
         (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'company_funnel_%' AND tgenabled <> 'O') AS disabled_triggers,
         (SELECT count(*)::int FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY ('{company,contact,activity,stage_event}'::regclass[])) AS foreign_keys`,
      [S, now.toISOString()],
    );
    expect(checks).toEqual({
      first_move_not_creation: 0,
      broken_chain: 0,
      not_chronological: 0,
      stage_mismatch: 0,
      in_the_future: 0,
      before_creation: 0,
      bad_activity_link: 0,
      lead_before_need: 0,
      first_proposal_mismatch: 0,
      disabled_triggers: 0,
      foreign_keys: 21,
    });

    const companies: Array<{ siret: string }> = await t.dataSource.query(`SELECT siret FROM company WHERE structure_id = $1`, [S]);
    expect(companies.filter((company) => !isValidSiret(company.siret))).toEqual([]);
    expect(new Set(companies.map((company) => company.siret)).size).toBe(companies.length);

    const placements: Array<{ kind: PlacementKind; contract_type: ContractType; start_date: string; planned_end_date: string | null; trial_end_date: string | null }> =
      await t.dataSource.query(`SELECT kind, contract_type, start_date, planned_end_date, trial_end_date FROM placement WHERE structure_id = $1`, [S]);
    expect(placements.length).toBeGreaterThan(0);
    for (const p of placements) {
      const terms = { kind: p.kind, contractType: p.contract_type, startDate: p.start_date, plannedEndDate: p.planned_end_date, trialEndDate: p.trial_end_date };
      expect({ terms, problems: placementTermProblems(terms) }).toEqual({ terms, problems: [] });
    }
    const running = await one<{ n: number }>(`SELECT count(*)::int AS n FROM placement WHERE structure_id = $1 AND status IN ('planned', 'started')`);
    expect(await placementsNeedingCheckIns(t.dataSource)).toHaveLength(running.n);
    expect(await one(`SELECT count(*)::int AS n FROM check_in WHERE structure_id = $1`)).toEqual({ n: 0 });
  });

  it('lets a bench user work on the board', async () => {
    const staff = api(await login(t.app.getHttpServer(), 'staff01@bench.tremplin.fr', BENCH_PASSWORD));
    const board = (await staff.get('/api/board').expect(200)).body as { columns: Array<{ stage: { key: string }; count: number; cards: unknown[] }> };
    expect(board.columns).toHaveLength(10);
    expect(board.columns.reduce((sum, column) => sum + column.count, 0)).toBe(200);
    expect(board.columns.find((column) => column.stage.key === 'to_prospect')!.cards.length).toBeGreaterThan(0);
    const { siret } = await one<{ siret: string }>(`SELECT siret FROM company WHERE structure_id = $1 ORDER BY siret LIMIT 1`);
    const found = (await staff.get(`/api/companies?q=${siret}`).expect(200)).body as { items: Array<{ id: string }> };
    expect(found.items).toHaveLength(1);
    await staff.get(`/api/companies/${found.items[0].id}/timeline`).expect(200);
  });
});
