import { Client } from 'pg';
import request from 'supertest';
import { ConnectionOutsideTransactionError } from '../src/database/transaction-guard';
import { api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { DataSource } from 'typeorm';

/** The app's own pool (the tests' `t.dataSource` is a separate one). */
const appData = (t: TestApp) => t.app.get(DataSource);

interface Stage {
  id: string;
  key: string | null;
}

/** A staff session in a new structure, with `count` companies and the structure's stages by key. */
async function prospection(t: TestApp, count: number) {
  const structure = await createStructure(t.dataSource, 'ACI Charge');
  const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
  const session = api(await login(t.app.getHttpServer(), staff.email));
  const stages: Stage[] = (await session.get('/api/pipeline/stages').expect(200)).body;
  const stage = Object.fromEntries(stages.map((s) => [s.key, s]));
  const companies: Array<{ id: string; version: number }> = [];
  for (let index = 0; index < count; index++) {
    companies.push((await session.post('/api/companies', { name: `Boulangerie ${index}` }).expect(201)).body);
  }
  return { session, stage, companies, staff };
}

describe('database pool under load (e2e)', () => {
  describe('with the default pool', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
      await t.app.listen(0);
    });
    afterAll(() => t.close());

    it('answers 100 simultaneous stage moves and activities with a stage move, then serves the next request at once', async () => {
      const { session, stage, companies } = await prospection(t, 100);
      const writes = companies.map((company, index) =>
        index % 2 === 0
          ? session.post(`/api/companies/${company.id}/stage`, { stageId: stage.first_call.id, version: company.version })
          : session.post(`/api/companies/${company.id}/activities`, {
              type: 'call',
              outcome: 'meeting_booked',
              stageId: stage.meeting_booked.id,
              version: company.version,
            }),
      );
      const statuses = (await Promise.all(writes)).map((response) => response.status);
      expect(statuses.filter((status) => status !== 201)).toEqual([]);

      const started = Date.now();
      await request(t.app.getHttpServer()).get('/health').expect(200);
      await session.get('/api/companies?limit=1').expect(200);
      expect(Date.now() - started).toBeLessThan(5000);
      const moved = (await session.get(`/api/board`).expect(200)).body;
      const count = (key: string) => moved.columns.find((column: { stage: Stage }) => column.stage.id === stage[key].id).count;
      expect([count('first_call'), count('meeting_booked')]).toEqual([50, 50]);
    });

    it('applies the statement and idle-in-transaction timeouts to every connection', async () => {
      const [statement] = await appData(t).query(`SHOW statement_timeout`);
      const [idle] = await appData(t).query(`SHOW idle_in_transaction_session_timeout`);
      expect([statement.statement_timeout, idle.idle_in_transaction_session_timeout]).toEqual(['30s', '1min']);
    });

    it('refuses, in tests, a query that takes a second connection from inside a transaction', async () => {
      const outside = appData(t).transaction(async () => appData(t).query('SELECT 1'));
      await expect(outside).rejects.toBeInstanceOf(ConnectionOutsideTransactionError);
      const inside = await appData(t).transaction((manager) => manager.query('SELECT 1 AS one'));
      expect(inside).toEqual([{ one: 1 }]);
      // Work started after the transaction settled is not "inside" it.
      await appData(t).transaction(async () => undefined);
      await expect(appData(t).query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    });
  });

  it('answers 503 in the one error shape when no connection frees up in time, and recovers', async () => {
    const t = await createTestApp({ DB_POOL_SIZE: '2', DB_ACQUIRE_TIMEOUT_MS: '300' });
    try {
      const { session } = await prospection(t, 0);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holders = [0, 1].map(() => appData(t).transaction(() => held));
      // Both connections are now held by the transactions above.
      await new Promise((resolve) => setImmediate(resolve));
      const busy = await session.get('/api/companies');
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('2');
      expect(busy.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is busy; try again in a moment',
        code: 'common.busy',
        params: {},
        details: [],
        requestId: expect.any(String),
      });
      release();
      await Promise.all(holders);
      await session.get('/api/companies').expect(200);
    } finally {
      await t.close();
    }
  });

  it('cancels a statement stuck past its timeout with a 503, and the pool stays usable', async () => {
    const t = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '500' });
    const locker = new Client({ connectionString: t.config.DATABASE_URL, options: `-c search_path=${t.config.DB_SCHEMA} -c app.system_scope=on` });
    await locker.connect();
    try {
      const { session, stage, companies } = await prospection(t, 1);
      const [company] = companies;
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM company WHERE id = $1 FOR UPDATE', [company.id]);
      const stuck = await session.post(`/api/companies/${company.id}/stage`, { stageId: stage.first_call.id, version: company.version });
      expect(stuck.status).toBe(503);
      expect(stuck.body.message).toBe('The request took too long and was cancelled; try again in a moment');
      await locker.query('ROLLBACK');
      await session.post(`/api/companies/${company.id}/stage`, { stageId: stage.first_call.id, version: company.version }).expect(201);
    } finally {
      await locker.end();
      await t.close();
    }
  });
});
