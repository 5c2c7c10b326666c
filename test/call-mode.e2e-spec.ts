import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

type Session = Awaited<ReturnType<typeof login>>;

describe('call mode on the company page (e2e)', () => {
  let t: TestApp;
  let a: Session;
  let b: Session;
  let companyId: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z')); // a Tuesday
    const structureA = await createStructure(t.dataSource, 'ACI Appels A');
    const structureB = await createStructure(t.dataSource, 'EI Appels B', 'EI');
    const staffA = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    const staffB = await createUser(t.dataSource, structureB, 'staff');
    a = await login(t.app.getHttpServer(), staffA.email);
    b = await login(t.app.getHttpServer(), staffB.email);
    const created = await a.agent.post('/api/companies').set('x-csrf-token', a.csrf).send({ name: 'Boulangerie Dupont' }).expect(201);
    companyId = created.body.id;
  });
  afterAll(() => t.close());

  it('answers the cadence’s proposal as the next-action fields, and nothing to propose without an outcome', async () => {
    const proposed = await a.agent.get(`/entreprises/${companyId}/prochaine-action/proposee?type=call&outcome=no_answer`).set('HX-Request', 'true').expect(200);
    expect(proposed.text).toContain('id="activite-prochaine"');
    expect(proposed.text).toContain('<option value="call" selected>');
    expect(proposed.text).toContain('value="2026-11-26"');
    expect(proposed.text).toContain('Proposé par la cadence');
    expect(proposed.text).not.toContain('<html');
    const empty = await a.agent.get(`/entreprises/${companyId}/prochaine-action/proposee?type=call&outcome=`).expect(200);
    expect(empty.text).toContain('<option value="" selected>Selon la cadence</option>');
    expect(empty.text).not.toContain('Proposé par la cadence');
  });

  it('answers 404 for another structure’s company, page and fragment alike', async () => {
    await b.agent.get(`/entreprises/${companyId}`).set('Accept', 'text/html').expect(404);
    await b.agent.get(`/entreprises/${companyId}/prochaine-action/proposee?type=call&outcome=no_answer`).expect(404);
    await b.agent.get(`/entreprises/${companyId}/prochaine-action/proposee?type=call`).expect(404);
  });

  it('redirects a GET on every address the page posts to back to the page', async () => {
    for (const path of ['modifier', 'etape', 'prochaine-action', 'contacts', 'activites', `contacts/${companyId}/e-mails`]) {
      const response = await a.agent.get(`/entreprises/${companyId}/${path}`).set('Accept', 'text/html').expect(303);
      expect(response.headers.location).toBe(`/entreprises/${companyId}`);
    }
  });

  it('logs an activity: htmx gets the fragments (form reset, timeline and next action out of band), else 303', async () => {
    const post = (htmx: boolean, body: Record<string, string>) => {
      const request = a.agent.post(`/entreprises/${companyId}/activites`).type('form').set('Accept', 'text/html');
      if (htmx) request.set('HX-Request', 'true');
      return request.send({ _csrf: a.csrf, type: 'call', occurredAt: '2026-11-24T10:00', ...body });
    };
    const plain = await post(false, { outcome: 'no_answer', text: 'Sans htmx' }).expect(303);
    expect(plain.headers.location).toBe(`/entreprises/${companyId}?ok=activite#historique`);

    const saved = await post(true, { outcome: 'meeting_booked', text: 'Avec htmx', nextType: 'meeting', nextDueOn: '2026-12-01' }).expect(200);
    expect(saved.text).not.toContain('<html');
    expect(saved.text).toContain('L’activité a été notée.');
    expect(saved.text).toMatch(/<section class="company-panel" id="historique" hx-swap-oob="true"/);
    expect(saved.text).toMatch(/<section class="company-panel" id="prochaine-action" hx-swap-oob="true"/);
    expect(saved.text).toContain('Avec htmx');
    expect(saved.text).toContain('datetime="2026-12-01"');
    expect(saved.headers.vary).toContain('HX-Request');

    const refused = await post(true, { outcome: 'refused' }).expect(400);
    expect(refused.text).not.toContain('<html');
    expect(refused.text).toContain('Indiquez la raison du refus');
    expect(refused.text).toMatch(/id="activite-refusalReason"[^>]* autofocus/);
    expect(refused.text).not.toContain('hx-swap-oob');
    const refusedPage = await post(false, { outcome: 'refused' }).expect(400);
    expect(refusedPage.text).toContain('<html');
    expect(refusedPage.text).toContain('Indiquez la raison du refus');
  });

  it('lists the company’s leads with a « Nouvelle piste » shortcut prefilled with the company', async () => {
    await a.agent.post('/api/leads').set('x-csrf-token', a.csrf).send({ companyId, jobTitle: 'Vendeur·se en boulangerie', contractType: 'cddi' });
    const page = await a.agent.get(`/entreprises/${companyId}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain(`href="/pistes/nouvelle?entreprise&#x3D;${companyId}"`);
    expect(page.text).toContain('Aucun placement.');
    expect(page.text).toContain('Aucune réponse de l’employeur.');
  });
});
