import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { Structure } from '../src/structures/structure.entity';

/**
 * The funnel projection (company_funnel) kept by triggers from the events, and rebuilt from the same
 * events: both must agree, and moving a card back must never change it.
 */
describe('company funnel projection (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let manager: Api;
  let staff: Api;
  let staffId: string;
  let stages: Record<string, string>;

  const at = (iso: string) => t.clock.set(new Date(iso));
  const row = async (companyId: string) =>
    (
      await t.dataSource.query(
        `SELECT contacted_at, contacted_by, first_call_at, contact_at, meeting_at, need_at, proposal_at, hire_at
           FROM company_funnel WHERE company_id = $1`,
        [companyId],
      )
    )[0];
  const move = async (companyId: string, stageKey: string) => {
    const { version } = (await staff.get(`/api/companies/${companyId}`).expect(200)).body;
    await staff.post(`/api/companies/${companyId}/stage`, { stageId: stages[stageKey], version }).expect(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    // Sessions are opened at the real time (cookies expire in real time); events are then dated
    // by moving the clock back into the spring.
    structure = await createStructure(t.dataSource, 'ACI Entonnoir');
    manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager', 'Maud')).email));
    const staffUser = await createUser(t.dataSource, structure, 'staff', 'Sami');
    staffId = staffUser.id;
    staff = api(await login(t.app.getHttpServer(), staffUser.email));
    const list = (await staff.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string }>;
    stages = Object.fromEntries(list.map((stage) => [stage.key, stage.id]));
    at('2026-03-02T08:00:00Z');
  });
  afterAll(() => t.close());

  it('keeps the first time of each step, whatever the card does afterwards, and agrees with a rebuild', async () => {
    const company = (await staff.post('/api/companies', { name: 'Transports Lefebvre' }).expect(201)).body.id as string;
    // Created at "À prospecter": the first stage is not evidence of anything.
    expect(await row(company)).toBeUndefined();

    at('2026-03-03T09:00:00Z');
    await staff.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'meeting_booked' }).expect(201);
    at('2026-03-03T09:05:00Z');
    await move(company, 'meeting_booked');
    at('2026-03-10T14:00:00Z');
    await move(company, 'meeting_held');
    // Back and forth: back to "Premier appel", then "Rendez-vous réalisé" again a week later.
    at('2026-03-11T10:00:00Z');
    await move(company, 'first_call');
    at('2026-03-17T10:00:00Z');
    await move(company, 'meeting_held');

    expect(await row(company)).toEqual({
      contacted_at: new Date('2026-03-03T09:00:00Z'),
      contacted_by: staffId,
      first_call_at: new Date('2026-03-03T09:00:00Z'),
      contact_at: new Date('2026-03-03T09:05:00Z'),
      meeting_at: new Date('2026-03-10T14:00:00Z'),
      need_at: null,
      proposal_at: null,
      hire_at: null,
    });

    // A call logged afterwards but dated earlier moves the contact earlier.
    await staff
      .post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'no_answer', occurredAt: '2026-03-02T16:00:00Z' })
      .expect(201);
    expect((await row(company)).contacted_at).toEqual(new Date('2026-03-02T16:00:00Z'));

    const before = await t.dataSource.query(`SELECT * FROM company_funnel WHERE structure_id = $1 ORDER BY company_id`, [structure.id]);
    await t.dataSource.query(`SELECT company_funnel_rebuild($1)`, [structure.id]);
    const after = await t.dataSource.query(`SELECT * FROM company_funnel WHERE structure_id = $1 ORDER BY company_id`, [structure.id]);
    expect(after).toEqual(before);
  });

  it('answers the funnel with the company counted once, and refuses bad periods and other people’s figures', async () => {
    const funnel = (await manager.get('/api/reports/funnel?from=2026-03-01&to=2026-03-31').expect(200)).body;
    const counts = Object.fromEntries(funnel.steps.map((step: { key: string; count: number }) => [step.key, step.count]));
    expect(counts).toMatchObject({ contacted: 1, meeting_held: 1, need_found: 0, hired: 0 });
    expect(funnel.steps.find((step: { key: string }) => step.key === 'meeting_held')).toMatchObject({
      conversion: 1,
      // From 2 March 16:00 to 10 March 14:00: 7 days and 22 hours.
      medianDays: 7.9,
    });

    const reversed = await manager.get('/api/reports/funnel?from=2026-03-31&to=2026-03-01').expect(400);
    expect(fieldsOf(reversed.body)).toEqual(['to']);
    const impossible = await manager.get('/api/reports/funnel?from=2026-02-30').expect(400);
    expect(fieldsOf(impossible.body)).toEqual(['from']);
    await manager.get('/api/reports/funnel?interval=year').expect(400);

    const other = (await createUser(t.dataSource, structure, 'staff', 'Autre')).id;
    await staff.get(`/api/reports/funnel?staffId=${other}`).expect(403);
    const own = (await staff.get('/api/reports/funnel?from=2026-03-01&to=2026-03-31').expect(200)).body;
    expect(own.scope).toBe('own');
    expect(own.byStaff.map((entry: { staffId: string }) => entry.staffId)).toEqual([staffId]);
  });

  it('answers every list and every CSV table without error, each list as long as its total', async () => {
    const period = 'from=2026-01-01&to=2026-06-30';
    const metrics = [
      ...['contacted', 'meeting_held', 'need_found', 'candidate_proposed', 'hired'].map((step) => `funnel.${step}`),
      ...['1m', '3m', '6m'].flatMap((n) => [`funnel.retained_${n}`, `funnel.eligible_${n}`, `outcomes.retained_${n}`, `outcomes.eligible_${n}`]),
      ...['call', 'meeting', 'visit', 'event'].map((type) => `activity.${type}`),
      'outcomes.placements',
      'outcomes.ruptures',
      'outcomes.exits',
      'outcomes.lead_time',
      'outcomes.check_ins_sent',
      'outcomes.check_ins_answered',
      'outcomes.alerts',
    ];
    for (const metric of metrics) {
      const list = (await manager.get(`/api/reports/drill?${period}&metric=${metric}`).expect(200)).body;
      expect({ metric, rows: list.rows.length }).toEqual({ metric, rows: list.total });
    }
    const contacted = (await manager.get(`/api/reports/drill?${period}&metric=funnel.contacted`).expect(200)).body;
    expect(contacted.rows.map((r: { label: string }) => r.label)).toEqual(['Transports Lefebvre']);
    const unknown = await manager.get(`/api/reports/drill?${period}&metric=funnel.everything`).expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['metric']);

    for (const table of ['funnel', 'funnel_staff', 'funnel_trend', 'activity', 'placements', 'retention', 'exits', 'lead_time', 'check_ins', 'alerts']) {
      const csv = await manager.get(`/api/reports/export.csv?${period}&table=${table}`).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.startsWith('\uFEFF')).toBe(true);
      expect(csv.text.split('\r\n').length + csv.text.split('\n').length).toBeGreaterThan(2);
    }
    const drillCsv = await manager.get(`/api/reports/export.csv?${period}&table=drill&metric=funnel.contacted`).expect(200);
    expect(drillCsv.text).toContain('Transports Lefebvre');
    expect(drillCsv.text.split(/\r?\n/)[0]).toContain('Libellé;Commune;Étape;Premier contact');
    await manager.get(`/api/reports/activity?${period}`).expect(200);
    await manager.get(`/api/reports/outcomes?${period}`).expect(200);
  });

  it('measures each step’s delay from evidence of its own, never counting an implied or out-of-order step as 0 days', async () => {
    const steps = async () =>
      Object.fromEntries(
        ((await manager.get('/api/reports/funnel?from=2026-07-01&to=2026-07-31').expect(200)).body.steps as Array<{
          key: string;
          count: number;
          medianDays: number | null;
        }>).map((step) => [step.key, [step.count, step.medianDays]]),
      );
    // The need is found on the first call (1 July); the meeting comes 5 days later.
    const company = (await staff.post('/api/companies', { name: 'Menuiserie Arnaud' }).expect(201)).body.id as string;
    at('2026-07-01T09:00:00Z');
    await staff.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'need_found' }).expect(201);
    at('2026-07-06T09:00:00Z');
    await staff.post(`/api/companies/${company}/activities`, { type: 'meeting' }).expect(201);
    // Reached: the meeting step with the need, on 1 July. Delays: 5 days to the first meeting; none from the meeting
    // to the need, which came first (counting implied steps showed 0 and 0).
    expect(await steps()).toMatchObject({ contacted: [1, null], meeting_held: [1, 5], need_found: [1, null] });

    // A second company proposed a candidate on its first call: meeting and need are only implied, so they add no delay.
    const other = (await staff.post('/api/companies', { name: 'Boulangerie Roux' }).expect(201)).body.id as string;
    at('2026-07-08T09:00:00Z');
    await staff.post(`/api/companies/${other}/activities`, { type: 'call', outcome: 'no_answer' }).expect(201);
    at('2026-07-09T09:00:00Z');
    await move(other, 'candidate_proposed');
    expect(await steps()).toMatchObject({
      contacted: [2, null],
      meeting_held: [2, 5],
      need_found: [2, null],
      // Boulangerie Roux: a candidate proposed a day after the call, but no need of its own before it.
      candidate_proposed: [1, null],
    });
  });
});
