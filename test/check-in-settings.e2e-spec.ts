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

  it('lets a manager set the plan, the delays and the alert recipients on one page, all at once or not at all', async () => {
    const structure = await createStructure(t.dataSource);
    const staffSession = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff')).email);
    const managerSession = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager')).email);
    const staff = api(staffSession);
    const manager = api(managerSession);
    const post = (fields: Record<string, string>) =>
      managerSession.agent.post('/reglages/suivi').type('form').set('Accept', 'text/html').send(new URLSearchParams({ _csrf: managerSession.csrf, ...fields }).toString());

    await staffSession.agent.get('/reglages/suivi').set('Accept', 'text/html').expect(403);
    const page = (await managerSession.agent.get('/reglages/suivi').set('Accept', 'text/html').expect(200)).text;
    expect(page).toContain('Réglages du suivi dans l’emploi');
    expect(page).toContain('name="count_5" value="6"');
    expect(page).toContain('name="rows" value="8"');
    expect((await managerSession.agent.get('/placements').set('Accept', 'text/html').expect(200)).text).toContain('href="/reglages/suivi"');

    const numbers = { noAnswerDays: '7', proposalTargetDays: '4', alertRecipients: 'follower_and_managers' };
    // A row that does not read, and a number out of bounds: shown next to them; nothing saved.
    const refused = await post({ rows: '2', ...numbers, proposalTargetDays: '200', count_0: 'trois', unit_0: 'day', employee_0: 'on', count_1: '1', unit_1: 'month', employer_0: 'on' }).expect(400);
    expect(refused.text).toContain('id="count-0-erreur"');
    expect(refused.text).toContain('Indiquez un délai entier entre 1 et 999');
    expect(refused.text).toContain('value="trois"');
    const duplicate = await post({ rows: '2', ...numbers, count_0: '1', unit_0: 'month', employee_0: 'on', count_1: '1', unit_1: 'month', employer_1: 'on' }).expect(400);
    expect(duplicate.text).toContain('Cette étape figure déjà dans le calendrier de suivi.');
    const nobody = await post({ rows: '1', ...numbers, count_0: '1', unit_0: 'month' }).expect(400);
    expect(nobody.text).toContain('Cochez au moins un destinataire');
    const empty = await post({ rows: '1', ...numbers, count_0: '1', unit_0: 'month', employee_0: 'on', remove_0: 'on' }).expect(400);
    expect(empty.text).toContain('Gardez au moins une étape de suivi.');
    expect((await staff.get('/api/check-ins/settings').expect(200)).body).toMatchObject({ noAnswerDays: 5, alertRecipients: 'follower' });
    expect((await staff.get('/api/leads/settings').expect(200)).body.proposalTargetDays).toBe(7);

    const saved = await post({
      rows: '4',
      ...numbers,
      count_0: '3', unit_0: 'day', employee_0: 'on', employer_0: 'on', remove_0: 'on',
      count_1: '2', unit_1: 'week', employee_1: 'on',
      count_2: '4', unit_2: 'month', employee_2: 'on', employer_2: 'on',
      count_3: '', unit_3: 'month', employee_3: 'on', employer_3: 'on',
    }).expect(303);
    expect(saved.headers.location).toBe('/reglages/suivi?ok=enregistre');
    expect((await managerSession.agent.get(saved.headers.location).set('Accept', 'text/html').expect(200)).text).toContain('Réglages enregistrés');
    expect((await manager.get('/api/check-ins/settings').expect(200)).body).toEqual({
      offsets: ['2 weeks', '4 months'],
      noAnswerDays: 7,
      steps: [
        { step: '2 weeks', parties: ['employee'] },
        { step: '4 months', parties: ['employee', 'employer'] },
      ],
      alertRecipients: 'follower_and_managers',
    });
    expect((await staff.get('/api/leads/settings').expect(200)).body.proposalTargetDays).toBe(4);
    // The next plan follows what the page set.
    const company = (await staff.post('/api/companies', { name: 'Réglages SARL' }).expect(201)).body;
    const candidate = (await staff.post('/api/candidates', { firstName: 'Léna', lastName: 'Roy' }).expect(201)).body;
    const placement = (
      await staff.post('/api/placements', { candidateId: candidate.id, companyId: company.id, contractType: 'cdi', jobTitle: 'Agente', startDate: '2027-01-04' }).expect(201)
    ).body;
    const plan = (await staff.get(`/api/placements/${placement.id}/check-ins`).expect(200)).body as Array<{ step: string; party: string }>;
    expect(plan.map((row) => `${row.step} ${row.party}`)).toEqual(['2 weeks employee', '4 months employee', '4 months employer']);
    // The journal says it in French.
    const journal = (await managerSession.agent.get('/journal').set('Accept', 'text/html').expect(200)).text;
    expect(journal).toContain('Étapes du suivi dans l’emploi');
    expect(journal).toContain('2 semaines');
    expect(journal).toContain('la personne qui suit et tous les responsables');
  });
});
