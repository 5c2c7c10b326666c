import { PitchScriptsService } from '../src/pitches/pitch-scripts.service';
import { Actor } from '../src/tenancy/actor';
import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

/** Without JavaScript, a consequential action answers a confirmation page first; its form confirms. */
describe('confirmation pages of consequential actions (no JavaScript)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  /** Posts a page form; without `confirme`, expects the confirmation page and returns its form's fields. */
  async function askedFirst(session: LoggedIn, path: string, fields: Record<string, string>, title: string | RegExp) {
    const page = await session.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: session.csrf, ...fields }).expect(200);
    const html = page.text;
    expect(html).toMatch(title);
    expect(html).toContain(`action="${path.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;')}"`);
    expect(html).toContain('<input type="hidden" name="confirme" value="oui">');
    expect(html).toContain('Retour, sans rien changer');
    const hidden: Record<string, string> = {};
    const form = html.slice(html.indexOf('class="confirm-form"'));
    for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[name] = value;
    return hidden;
  }

  async function setUp() {
    const structure = await createStructure(t.dataSource, 'ACI Confirmations');
    const admin = await createUser(t.dataSource, structure, 'admin', 'Alice');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Sonia');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const asAdmin = await login(t.app.getHttpServer(), admin.email);
    const asManager = await login(t.app.getHttpServer(), manager.email);
    const managerActor: Actor = { userId: manager.id, structureId: structure.id, role: 'manager' };
    return { structure, staff, manager, asAdmin, asManager, managerApi: api(asManager), managerActor };
  }

  it('archives a script and a stage only once confirmed', async () => {
    const { asManager, managerApi, managerActor } = await setUp();
    const scripts = actingAs(t.app.get(PitchScriptsService));
    const script = (await scripts.list(managerActor, {}))[0];
    const fields = await askedFirst(asManager, `/argumentaires/${script.id}/archiver`, {}, /Archiver « .+ » \?/);
    expect((await scripts.get(managerActor, script.id)).archived).toBe(false);
    await asManager.agent.post(`/argumentaires/${script.id}/archiver`).type('form').send(fields).expect(303).expect('Location', '/argumentaires?ok=archive');
    expect((await scripts.get(managerActor, script.id)).archived).toBe(true);

    const stage = (await managerApi.post('/api/pipeline/stages', { name: 'Immersion' }).expect(201)).body;
    const stageFields = await askedFirst(asManager, `/prospection/reglages/etapes/${stage.id}/archiver`, {}, 'Archiver l’étape « Immersion » ?');
    const stages = async () => (await managerApi.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string }>;
    expect((await stages()).map((entry) => entry.id)).toContain(stage.id);
    await asManager.agent.post(`/prospection/reglages/etapes/${stage.id}/archiver`).type('form').send(stageFields).expect(303);
    expect((await stages()).map((entry) => entry.id)).not.toContain(stage.id);
  });

  it('deactivates an account only once confirmed', async () => {
    const { staff, asAdmin } = await setUp();
    const adminApi: Api = api(asAdmin);
    const fields = await askedFirst(asAdmin, `/administration/utilisateurs/${staff.id}/desactiver`, {}, /Désactiver le compte de Karim .+ \?/);
    expect((await adminApi.get(`/api/users/${staff.id}`).expect(200)).body.active).toBe(true);
    await asAdmin.agent.post(`/administration/utilisateurs/${staff.id}/desactiver`).type('form').send(fields).expect(303).expect('Location', `/administration?ok=desactive#compte-${staff.id}`);
    expect((await adminApi.get(`/api/users/${staff.id}`).expect(200)).body.active).toBe(false);
  });

  it('proposes a candidate and cancels a placement only once confirmed', async () => {
    const { manager, asManager, managerApi } = await setUp();
    const company = (await managerApi.post('/api/companies', { name: 'Boulangerie Confirmée', commune: 'Lille', postcode: '59000' }).expect(201)).body;
    const candidate = (await managerApi.post('/api/candidates', { firstName: 'Samira', lastName: 'Benali', ownerId: manager.id }).expect(201)).body;
    const lead = (await managerApi.post('/api/leads', { companyId: company.id, jobTitle: 'Vendeuse', contractType: 'cdd', hoursPerWeek: 35 }).expect(201)).body;

    const path = `/pistes/${lead.id}/propositions`;
    const fields = await askedFirst(asManager, path, { candidateId: candidate.id, force: 'true' }, 'Proposer Samira Benali pour « Vendeuse » ?');
    expect(fields).toEqual(expect.objectContaining({ candidateId: candidate.id, force: 'true', confirme: 'oui' }));
    expect((await managerApi.get(`/api/leads/${lead.id}/proposals`).expect(200)).body).toHaveLength(0);
    await asManager.agent.post(path).type('form').send(fields).expect(303);
    expect((await managerApi.get(`/api/leads/${lead.id}/proposals`).expect(200)).body).toHaveLength(1);

    const placement = (
      await managerApi
        .post('/api/placements', { candidateId: candidate.id, companyId: company.id, contractType: 'cdd', jobTitle: 'Vendeuse', startDate: inDays(14), plannedEndDate: inDays(200) })
        .expect(201)
    ).body;
    const cancel = `/placements/${placement.id}/annuler?statut=planned`;
    const cancelFields = await askedFirst(asManager, cancel, {}, 'Annuler le placement « Vendeuse » ?');
    expect((await managerApi.get(`/api/placements/${placement.id}`).expect(200)).body.status).toBe('planned');
    await asManager.agent.post(cancel).type('form').send(cancelFields).expect(303);
    // A cancelled planned placement is removed.
    await managerApi.get(`/api/placements/${placement.id}`).expect(404);
  });
});
