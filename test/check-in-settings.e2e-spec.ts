import { createTestApp, TestApp } from './helpers/app';
import { api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';

describe('check-in cadence per structure (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('starts from the default plan; managers change it, and new plans follow it', async () => {
    const structure = await createStructure(t.dataSource);
    const staff = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff')).email));
    const manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager')).email));

    expect((await staff.get('/api/check-ins/settings').expect(200)).body).toEqual({
      offsets: ['3 days', '10 days', '1 month', '2 months', '3 months', '6 months'],
      noAnswerDays: 5,
    });
    await staff.put('/api/check-ins/settings', { offsets: ['1 week'], noAnswerDays: 3 }).expect(403);
    const bad = await manager.put('/api/check-ins/settings', { offsets: ['3 jours'], noAnswerDays: 0 }).expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['noAnswerDays', 'offsets']);
    const saved = await manager.put('/api/check-ins/settings', { offsets: ['1 month', '1 week', '1 week'], noAnswerDays: 3 }).expect(200);
    expect(saved.body).toEqual({ offsets: ['1 week', '1 month'], noAnswerDays: 3 });

    const company = (await staff.post('/api/companies', { name: 'Cadence SAS' }).expect(201)).body;
    const candidate = (await staff.post('/api/candidates', { firstName: 'Inès', lastName: 'Roux' }).expect(201)).body;
    const placement = (
      await staff
        .post('/api/placements', { candidateId: candidate.id, companyId: company.id, contractType: 'cdi', jobTitle: 'Agente', startDate: '2027-01-04' })
        .expect(201)
    ).body;
    const plan = (await staff.get(`/api/placements/${placement.id}/check-ins`).expect(200)).body as Array<{ step: string; party: string }>;
    expect([...new Set(plan.map((row) => row.step))].sort()).toEqual(['1 month', '1 week']);
    expect(plan).toHaveLength(4);
  });

  it('sends the employer check-ins to a chosen contact of the placement’s company, and refuses one from elsewhere', async () => {
    const structure = await createStructure(t.dataSource);
    const staff = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff')).email));
    const company = (await staff.post('/api/companies', { name: 'Employeur SAS' }).expect(201)).body;
    const other = (await staff.post('/api/companies', { name: 'Ailleurs SARL' }).expect(201)).body;
    const tutor = (await staff.post(`/api/companies/${company.id}/contacts`, { lastName: 'Tutrice', email: 'tutrice@employeur.example' }).expect(201)).body;
    const stranger = (await staff.post(`/api/companies/${other.id}/contacts`, { lastName: 'Inconnu' }).expect(201)).body;
    const candidate = (await staff.post('/api/candidates', { firstName: 'Yanis', lastName: 'Petit' }).expect(201)).body;
    const body = { candidateId: candidate.id, companyId: company.id, contractType: 'cdi', jobTitle: 'Agent', startDate: '2027-02-01' };
    const refused = await staff.post('/api/placements', { ...body, employerContactId: stranger.id }).expect(400);
    expect(fieldsOf(refused.body)).toEqual(['employerContactId']);
    const placement = (await staff.post('/api/placements', { ...body, employerContactId: tutor.id }).expect(201)).body;
    expect(placement.employerContactId).toBe(tutor.id);
    const moved = await staff.patch(`/api/placements/${placement.id}`, { employerContactId: stranger.id, version: placement.version }).expect(400);
    expect(fieldsOf(moved.body)).toEqual(['employerContactId']);
  });

  it('offers the lead’s contact as the employer contact on the new placement page', async () => {
    const structure = await createStructure(t.dataSource);
    const staff = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff')).email));
    const company = (await staff.post('/api/companies', { name: 'Page Placement' }).expect(201)).body;
    const contact = (await staff.post(`/api/companies/${company.id}/contacts`, { firstName: 'Lou', lastName: 'Garnier' }).expect(201)).body;
    const lead = (
      await staff.post('/api/leads', { companyId: company.id, contactId: contact.id, jobTitle: 'Agent de quai', contractType: 'cdd' }).expect(201)
    ).body;
    const page = await staff.get(`/placements/nouveau?piste=${lead.id}`).expect(200);
    expect(page.text).toContain(`<option value="${contact.id}" selected>Lou Garnier</option>`);
  });
});
