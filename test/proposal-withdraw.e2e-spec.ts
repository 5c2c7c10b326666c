import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';

const START = new Date('2026-11-24T09:00:00Z'); // Tuesday 24 November 2026, 10:00 in Paris
const DAY = 86_400_000;

/** Withdrawing a proposal made by mistake: pending only, confirmed, journaled, and counted nowhere after. */
describe('withdrawing a proposal (e2e)', () => {
  let t: TestApp;
  let staff: LoggedIn;
  let a: Api;
  let b: Api;
  let strangerSession: LoggedIn;
  let karimEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
    const structure = await createStructure(t.dataSource, 'ACI Retraits');
    const other = await createStructure(t.dataSource, 'EI Ailleurs');
    const karim = await createUser(t.dataSource, structure, 'manager', 'Karim');
    const stranger = await createUser(t.dataSource, other, 'manager', 'Ana');
    karimEmail = karim.email;
    staff = await login(t.app.getHttpServer(), karim.email);
    a = api(staff);
    strangerSession = await login(t.app.getHttpServer(), stranger.email);
    b = api(strangerSession);
  });
  afterAll(() => t?.close());

  async function proposed(companyName: string, jobTitle: string) {
    t.clock.set(START);
    const company = (await a.post('/api/companies', { name: companyName, commune: 'Lille', postcode: '59000' }).expect(201)).body;
    const lead = (await a.post('/api/leads', { companyId: company.id, jobTitle, romeCode: 'N1103', contractType: 'cdi', hoursPerWeek: 35 }).expect(201)).body;
    const candidate = (await a.post('/api/candidates', { firstName: 'Samira', lastName: 'Benali' }).expect(201)).body;
    const proposal = (await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: candidate.id, force: true }).expect(201)).body;
    return { company, lead, candidate, proposal };
  }

  const stageKeyOf = async (companyId: string) =>
    (await t.dataSource.query(`SELECT s.key FROM company c JOIN pipeline_stage s ON s.id = c.stage_id WHERE c.id = $1`, [companyId]))[0].key as string;
  const funnelOf = async (companyId: string) =>
    (await t.dataSource.query(`SELECT proposal_at FROM company_funnel WHERE company_id = $1`, [companyId]))[0]?.proposal_at as Date | null;
  const proposedCount = async () => {
    const funnel = (await a.get('/api/reports/funnel?from=2026-11-01&to=2026-11-30').expect(200)).body;
    return funnel.steps.find((step: { key: string }) => step.key === 'candidate_proposed').count as number;
  };

  it('withdraws a pending proposal: gone from every count, the card back, journaled, and the person proposable again', async () => {
    const countBefore = await proposedCount();
    const { company, lead, candidate, proposal } = await proposed('Boulangerie Erreur', 'Vendeuse en boulangerie');
    expect((await a.get(`/api/leads/${lead.id}`).expect(200)).body).toMatchObject({ status: 'candidate_proposed', firstProposedAt: expect.any(String) });
    expect(await stageKeyOf(company.id)).toBe('candidate_proposed');
    expect(await funnelOf(company.id)).not.toBeNull();
    expect(await proposedCount()).toBe(countBefore + 1);

    const withdrawn = (await a.post(`/api/proposals/${proposal.id}/withdraw`, {}).expect(201)).body;
    expect(withdrawn).toMatchObject({ id: proposal.id, outcome: 'withdrawn', outcomeLabel: 'Retirée (faite par erreur)' });

    // The lead is as if nobody had been proposed: back to « qualifiée », and past its target again on Ma journée.
    expect((await a.get(`/api/leads/${lead.id}`).expect(200)).body).toMatchObject({ status: 'qualified', firstProposedAt: null });
    t.clock.set(new Date(START.getTime() + 10 * DAY));
    const later = await login(t.app.getHttpServer(), karimEmail);
    const late = (await api(later).get('/api/leads?overdue=true').expect(200)).body.items.map((item: { id: string }) => item.id);
    expect(late).toContain(lead.id);
    const home = await later.agent.get('/').expect(200);
    expect(home.text).toContain('Vendeuse en boulangerie');
    t.clock.set(START);

    // The funnel and the board forget it; the company page no longer lists it; the lead page keeps it, labelled.
    expect(await stageKeyOf(company.id)).not.toBe('candidate_proposed');
    expect(await funnelOf(company.id)).toBeNull();
    expect(await proposedCount()).toBe(countBefore);
    const companyPage = await staff.agent.get(`/entreprises/${company.id}`).expect(200);
    expect(companyPage.text).not.toContain('company-proposals');
    expect(companyPage.text).not.toContain('mise(s) en relation');
    const leadPage = await staff.agent.get(`/pistes/${lead.id}`).expect(200);
    expect(leadPage.text).toContain('proposal-withdrawn');
    expect(leadPage.text).toContain('Retirée (faite par erreur)');
    expect(leadPage.text).not.toContain('Déjà proposé·e');

    const journal = (await a.get(`/api/audit?entity=proposal&entityId=${proposal.id}`).expect(200)).body.items;
    expect(journal).toEqual([
      expect.objectContaining({ action: 'withdraw', changes: expect.objectContaining({ outcome: { from: 'pending', to: 'withdrawn' } }) }),
    ]);

    // Proposable again, and the new proposal counts.
    const again = (await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: candidate.id, force: true }).expect(201)).body;
    expect(again.id).not.toBe(proposal.id);
    expect((await a.get(`/api/leads/${lead.id}/proposals`).expect(200)).body.map((p: { outcome: string }) => p.outcome)).toEqual(['withdrawn', 'pending']);
    expect((await a.get(`/api/leads/${lead.id}`).expect(200)).body.status).toBe('candidate_proposed');
    expect(await funnelOf(company.id)).not.toBeNull();
  });

  it('refuses to withdraw a settled proposal (409), another structure’s (404), and « withdrawn » as an outcome (400)', async () => {
    const { lead, proposal } = await proposed('Garage Réglé', 'Mécanicien');
    await a.post(`/api/proposals/${proposal.id}/outcome`, { outcome: 'interview' }).expect(201);
    const settled = await a.post(`/api/proposals/${proposal.id}/withdraw`, {}).expect(409);
    expect(settled.body).toMatchObject({ code: 'lead.withdraw_not_pending', params: { outcome: 'Entretien' } });
    expect((await a.get(`/api/leads/${lead.id}/proposals`).expect(200)).body[0].outcome).toBe('interview');

    const twice = await proposed('Café Deux Fois', 'Serveur');
    await a.post(`/api/proposals/${twice.proposal.id}/withdraw`, {}).expect(201);
    expect((await a.post(`/api/proposals/${twice.proposal.id}/withdraw`, {}).expect(409)).body.code).toBe('lead.withdraw_not_pending');

    const other = await proposed('Épicerie Voisine', 'Caissier');
    await b.post(`/api/proposals/${other.proposal.id}/withdraw`, {}).expect(404);
    await strangerSession.agent
      .post(`/propositions/${other.proposal.id}/retrait`)
      .type('form')
      .send({ _csrf: strangerSession.csrf, confirme: 'oui' })
      .expect(404);
    expect((await a.get(`/api/leads/${other.lead.id}/proposals`).expect(200)).body[0].outcome).toBe('pending');

    const asOutcome = await a.post(`/api/proposals/${other.proposal.id}/outcome`, { outcome: 'withdrawn' }).expect(400);
    expect(asOutcome.body.details[0]).toMatchObject({ field: 'outcome', code: 'lead.outcome_invalid' });
  });

  it('without JavaScript, asks on a confirmation page first, then withdraws and comes back to the lead', async () => {
    const { lead, proposal } = await proposed('Fleuriste Sans Script', 'Fleuriste');
    const path = `/propositions/${proposal.id}/retrait`;
    const page = await staff.agent.post(path).type('form').set('Accept', 'text/html').send({ _csrf: staff.csrf }).expect(200);
    expect(page.text).toContain('Retirer la proposition de Samira Benali pour « Fleuriste » ?');
    expect(page.text).toContain('<input type="hidden" name="confirme" value="oui">');
    expect(page.text).toContain(`href="/pistes/${lead.id}#propositions"`);
    expect((await a.get(`/api/leads/${lead.id}/proposals`).expect(200)).body[0].outcome).toBe('pending');

    await staff.agent.get(path).expect(303).expect('Location', `/pistes/${lead.id}#propositions`);
    await staff.agent
      .post(path)
      .type('form')
      .send({ _csrf: staff.csrf, confirme: 'oui' })
      .expect(303)
      .expect('Location', `/pistes/${lead.id}?ok=retiree#propositions`);
    const after = await staff.agent.get(`/pistes/${lead.id}?ok=retiree`).expect(200);
    expect(after.text).toContain('La mise en relation a été retirée');
    expect(after.text).not.toContain(`action="/propositions/${proposal.id}/retrait"`);

    // Withdrawing it again from a stale page says why, in French, on the lead page.
    const again = await staff.agent.post(path).type('form').send({ _csrf: staff.csrf, confirme: 'oui' }).expect(409);
    expect(again.text).toContain('Seule une mise en relation en attente peut être retirée');
  });
});
