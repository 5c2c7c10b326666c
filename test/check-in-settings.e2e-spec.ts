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

    const defaults = ['3 days', '10 days', '1 month', '2 months', '3 months', '6 months'];
    expect((await staff.get('/api/check-ins/settings').expect(200)).body).toEqual({
      offsets: defaults,
      noAnswerDays: 5,
      steps: defaults.map((step) => ({ step, parties: ['employee', 'employer'] })),
      alertRecipients: 'follower',
    });
    await staff.put('/api/check-ins/settings', { offsets: ['1 week'], noAnswerDays: 3 }).expect(403);
    const bad = await manager.put('/api/check-ins/settings', { offsets: ['3 jours'], noAnswerDays: 0 }).expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['noAnswerDays', 'offsets']);
    // A step reserved to both parties at once, or naming no step of the plan, is refused naming its list.
    const conflict = await manager.put('/api/check-ins/settings', { offsets: ['1 week'], noAnswerDays: 3, employeeOnly: ['1 week'], employerOnly: ['1 week'] }).expect(400);
    expect(conflict.body.details.map((detail: { field: string; code: string }) => [detail.field, detail.code])).toEqual([['employerOnly', 'checkin.step_parties_conflict']]);
    const stray = await manager.put('/api/check-ins/settings', { offsets: ['1 week'], noAnswerDays: 3, employerOnly: ['2 weeks'] }).expect(400);
    expect(fieldsOf(stray.body)).toEqual(['employerOnly']);
    await manager.put('/api/check-ins/settings', { offsets: ['1 week'], noAnswerDays: 3, alertRecipients: 'everyone' }).expect(400);
    expect((await staff.get('/api/check-ins/settings').expect(200)).body.offsets).toEqual(defaults);

    const saved = await manager
      .put('/api/check-ins/settings', { offsets: ['1 month', '1 week', '1 week', '6 months'], noAnswerDays: 3, employerOnly: ['6 months'], alertRecipients: 'follower_and_managers' })
      .expect(200);
    expect(saved.body).toEqual({
      offsets: ['1 week', '1 month', '6 months'],
      noAnswerDays: 3,
      steps: [
        { step: '1 week', parties: ['employee', 'employer'] },
        { step: '1 month', parties: ['employee', 'employer'] },
        { step: '6 months', parties: ['employer'] },
      ],
      alertRecipients: 'follower_and_managers',
    });

    const company = (await staff.post('/api/companies', { name: 'Cadence SAS' }).expect(201)).body;
    const candidate = (await staff.post('/api/candidates', { firstName: 'Inès', lastName: 'Roux' }).expect(201)).body;
    const placement = (
      await staff
        .post('/api/placements', { candidateId: candidate.id, companyId: company.id, contractType: 'cdi', jobTitle: 'Agente', startDate: '2027-01-04' })
        .expect(201)
    ).body;
    const plan = (await staff.get(`/api/placements/${placement.id}/check-ins`).expect(200)).body as Array<{ step: string; party: string }>;
    // Both parties at one week and one month; the employer alone at six months.
    expect(plan.map((row) => `${row.step} ${row.party}`)).toEqual([
      '1 week employee',
      '1 week employer',
      '1 month employee',
      '1 month employer',
      '6 months employer',
    ]);
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
