import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';

interface StageRow {
  id: string;
  name: string;
  kind: string;
  key: string | null;
  stalledAfterDays: number | null;
}

describe('pipeline stages and follow-up cadence (e2e)', () => {
  let t: TestApp;
  let manager: Api;
  let staff: Api;
  let otherManager: Api;

  beforeAll(async () => {
    t = await createTestApp();
    const structure = await createStructure(t.dataSource);
    const other = await createStructure(t.dataSource);
    const server = t.app.getHttpServer();
    manager = api(await login(server, (await createUser(t.dataSource, structure, 'manager')).email));
    staff = api(await login(server, (await createUser(t.dataSource, structure, 'staff')).email));
    otherManager = api(await login(server, (await createUser(t.dataSource, other, 'manager')).email));
  });
  afterAll(() => t.close());

  const stages = async (who: Api = staff): Promise<StageRow[]> => (await who.get('/api/pipeline/stages').expect(200)).body;

  it('gives every structure the SEVE stages in French, with the two closed states', async () => {
    const list = await stages();
    expect(list.map((stage) => stage.name)).toEqual([
      'À prospecter',
      'Premier appel',
      'Rendez-vous fixé',
      'Rendez-vous réalisé',
      'Besoin repéré',
      'Candidat proposé',
      'Recrutement',
      'Partenaire actif',
      'Pas de besoin pour l’instant',
      'Refus',
    ]);
    expect(list.filter((stage) => stage.kind !== 'open').map((stage) => stage.kind)).toEqual(['no_need', 'refused']);
    // Another structure has its own copy.
    const others = await stages(otherManager);
    expect(others.map((stage) => stage.id)).not.toContain(list[0].id);
  });

  it('lets managers rename, add, reorder, set thresholds and archive stages; staff cannot', async () => {
    const [first, second] = await stages();
    await staff.patch(`/api/pipeline/stages/${first.id}`, { name: 'Cible' }).expect(403);
    await staff.post('/api/pipeline/stages', { name: 'Immersion' }).expect(403);

    const renamed = await manager.patch(`/api/pipeline/stages/${first.id}`, { name: 'Cible', stalledAfterDays: 21 }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Cible', key: 'to_prospect', stalledAfterDays: 21 });

    const added = await manager.post('/api/pipeline/stages', { name: 'Immersion', stalledAfterDays: 10 }).expect(201);
    let names = (await stages()).map((stage) => stage.name);
    expect(names.indexOf('Immersion')).toBe(names.indexOf('Partenaire actif') + 1);
    expect(names.slice(-2)).toEqual(['Pas de besoin pour l’instant', 'Refus']);

    const ids = (await stages()).map((stage) => stage.id);
    const reordered = [ids[1], ids[0], ...ids.slice(2)];
    await manager.put('/api/pipeline/stages/order', { stageIds: reordered }).expect(200);
    expect((await stages()).map((stage) => stage.id)).toEqual(reordered);
    const partial = await manager.put('/api/pipeline/stages/order', { stageIds: reordered.slice(1) }).expect(422);
    expect(partial.body.code).toBe('prospection.stage_order_stale');

    await manager.patch(`/api/pipeline/stages/${added.body.id}`, { archived: true }).expect(200);
    names = (await stages()).map((stage) => stage.name);
    expect(names).not.toContain('Immersion');
    const withArchived = (await staff.get('/api/pipeline/stages?archived=true').expect(200)).body as StageRow[];
    expect(withArchived.map((stage) => stage.name)).toContain('Immersion');
    // Restored, it comes back after the last open stage, before the closed ones.
    await manager.patch(`/api/pipeline/stages/${added.body.id}`, { archived: false }).expect(200);
    const restored = (await staff.get('/api/pipeline/stages').expect(200)).body as Array<StageRow & { position: number }>;
    expect(restored.slice(-3).map((stage) => stage.name)).toEqual(['Immersion', 'Pas de besoin pour l’instant', 'Refus']);
    expect(restored.map((stage) => stage.position)).toEqual(restored.map((_, index) => index));
    await manager.patch(`/api/pipeline/stages/${added.body.id}`, { archived: true }).expect(200);

    // Put the original order back for the other tests.
    await manager.put('/api/pipeline/stages/order', { stageIds: [first.id, second.id, ...ids.slice(2).filter((id) => id !== added.body.id)] }).expect(200);
  });

  it('refuses a duplicate name (409), a bad threshold (400), archiving a stage that holds companies (409), another structure’s stage (404)', async () => {
    const list = await stages();
    const clash = await manager.post('/api/pipeline/stages', { name: 'refus' }).expect(409);
    expect(clash.body.message).toContain('Refus');
    expect(clash.body).toMatchObject({ code: 'prospection.stage_name_taken', params: { name: 'Refus' } });
    const bad = await manager.patch(`/api/pipeline/stages/${list[1].id}`, { stalledAfterDays: 0 }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['stalledAfterDays']);
    await manager.post('/api/companies', { name: 'Occupant' }).expect(201);
    const busy = await manager.patch(`/api/pipeline/stages/${list[0].id}`, { archived: true }).expect(409);
    expect(busy.body.message).toMatch(/holds 1 companies/);
    expect(busy.body).toMatchObject({ code: 'prospection.stage_not_empty', params: { stage: list[0].name, count: 1 } });
    const closed = await manager.patch(`/api/pipeline/stages/${list[9].id}`, { archived: true }).expect(422);
    expect(closed.body.code).toBe('prospection.closed_stage_not_archivable');
    await otherManager.patch(`/api/pipeline/stages/${list[1].id}`, { name: 'Volé' }).expect(404);
  });

  it('shows the default cadence and lets a manager change it, refusing two rules for one trigger', async () => {
    const defaults = (await staff.get('/api/pipeline/cadence').expect(200)).body;
    expect(defaults).toEqual(
      expect.arrayContaining([
        { trigger: 'call:no_answer', actionType: 'call', amount: 2, unit: 'working_days' },
        { trigger: 'meeting', actionType: 'call', amount: 7, unit: 'days' },
        { trigger: 'stage:no_need', actionType: 'call', amount: 3, unit: 'months' },
      ]),
    );
    await staff.put('/api/pipeline/cadence', { rules: [] }).expect(403);
    const duplicate = await manager
      .put('/api/pipeline/cadence', {
        rules: [
          { trigger: 'meeting', actionType: 'call', amount: 5, unit: 'days' },
          { trigger: 'meeting', actionType: 'visit', amount: 5, unit: 'days' },
        ],
      })
      .expect(400);
    expect(fieldsOf(duplicate.body)).toEqual(['rules[1].trigger']);
    expect(duplicate.body.details[0]).toMatchObject({ code: 'prospection.cadence_trigger_twice', params: { trigger: 'meeting' } });
    const badUnit = await manager
      .put('/api/pipeline/cadence', { rules: [{ trigger: 'meeting', actionType: 'call', amount: 5, unit: 'weeks' }] })
      .expect(400);
    expect(fieldsOf(badUnit.body)).toEqual(['rules.0.unit']);
    const saved = await manager
      .put('/api/pipeline/cadence', { rules: [{ trigger: 'call:no_answer', actionType: 'call', amount: 3, unit: 'working_days' }] })
      .expect(200);
    expect(saved.body).toHaveLength(1);
    expect((await staff.get('/api/pipeline/cadence').expect(200)).body).toEqual(saved.body);
    await manager.delete('/api/pipeline/cadence').expect(200);
    expect((await staff.get('/api/pipeline/cadence').expect(200)).body).toEqual(defaults);
  });
});
