import { createTestApp, TestApp } from './helpers/app';
import { api } from './helpers/api';
import { login } from './helpers/fixtures';
import { isValidSiret } from '../src/companies/siret';
import { DEMO_ACCOUNTS, seedDemo } from '../src/database/seed';

describe('demo data (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('fills the demo structure with companies at every stage, and seeding twice changes nothing', async () => {
    const quiet = () => undefined;
    await seedDemo(t.dataSource, quiet);
    await seedDemo(t.dataSource, quiet);
    const karim = DEMO_ACCOUNTS.find((account) => account.email.startsWith('karim'))!;
    const staff = api(await login(t.app.getHttpServer(), karim.email, karim.password));
    const board = (await staff.get('/api/board').expect(200)).body as { columns: Array<{ count: number }> };
    expect(board.columns.reduce((sum, column) => sum + column.count, 0)).toBe(20);
    expect(board.columns.every((column) => column.count > 0)).toBe(true);

    const all = (await staff.get('/api/companies?limit=50').expect(200)).body.items as Array<{ id: string }>;
    for (const { id } of all) {
      const company = (await staff.get(`/api/companies/${id}`).expect(200)).body;
      expect(isValidSiret(company.siret)).toBe(true);
      expect(company.sectorLabel).toEqual(expect.any(String));
    }
    const supermarket = all.find((c) => (c as unknown as { name: string }).name === 'Supermarché de Flers')!;
    const timeline = (await staff.get(`/api/companies/${supermarket.id}/timeline?type=stage_change`).expect(200)).body;
    expect(timeline.total).toBe(7);

    // The demo history used the default scripts: 8 companies got as far as a booked meeting.
    const scripts = (await staff.get('/api/pitches?kind=first_call').expect(200)).body as Array<{ id: string }>;
    expect(scripts).toHaveLength(1);
    const conversion = (await staff.get(`/api/pitches/${scripts[0].id}/conversion`).expect(200)).body;
    expect(conversion.versions[0].meetingBooked.count).toBe(8);
    expect(conversion.objections[0]).toMatchObject({ key: 'pas-le-temps' });

    // Hidden-market leads: the one spotted 9 days ago with nobody proposed is past the 7-day target.
    const overdue = (await staff.get('/api/leads?overdue=true').expect(200)).body.items as Array<{ id: string; jobTitle: string }>;
    expect(overdue.map((lead) => lead.jobTitle)).toEqual(['Préparateur·rice de commandes']);
    const matches = (await staff.get(`/api/leads/${overdue[0].id}/matches`).expect(200)).body;
    expect(matches.matches[0].candidate).toMatchObject({ firstName: 'Samia', lastName: 'Bouzid' });
    expect(JSON.stringify(matches)).not.toContain('garde possible');
    const placements = (await staff.get('/api/placements?status=started').expect(200)).body.items as Array<{ id: string; exitCategory: string }>;
    expect(placements.map((placement) => placement.exitCategory)).toEqual(['durable_employment']);

    // The follow-up after the hires is there on first login: a plan half sent, a good answer, a poor
    // one with its alert open, and a contract broken off.
    const plan = (await staff.get(`/api/placements/${placements[0].id}/check-ins`).expect(200)).body as Array<{ step: string; party: string; status: string; rating: number | null }>;
    expect(plan.map((row) => `${row.step} ${row.party} ${row.status}${row.rating ? ` ${row.rating}` : ''}`)).toEqual([
      '3 days employee sent',
      '3 days employer sent',
      '10 days employee answered 4',
      '10 days employer sent',
      '1 month employee sent',
      '1 month employer answered 2',
      '2 months employee planned',
      '2 months employer planned',
      '3 months employee planned',
      '3 months employer planned',
      '6 months employee planned',
      '6 months employer planned',
    ]);
    const julie = DEMO_ACCOUNTS.find((account) => account.email.startsWith('julie'))!;
    const julieApi = api(await login(t.app.getHttpServer(), julie.email, julie.password));
    const alerts = (await julieApi.get('/api/alerts').expect(200)).body.items as Array<{ kindLabel: string; checkIn: { difficultyDetails: string } | null }>;
    expect(alerts.map((alert) => alert.kindLabel)).toEqual(['Note basse, difficulté signalée, demande d’appel']);
    expect(alerts[0].checkIn?.difficultyDetails).toContain('bionettoyage');
    const ended = (await staff.get('/api/placements?status=ended').expect(200)).body.items as Array<{ endKind: string; companyName?: string }>;
    expect(ended.map((placement) => placement.endKind)).toEqual(['early']);
    const karimAlerts = (await staff.get('/api/alerts').expect(200)).body.items as Array<{ kind: string; message: string }>;
    expect(karimAlerts.map((alert) => alert.kind)).toEqual(['rupture']);
    expect(karimAlerts[0].message).toMatch(/^Contrat de Julien Vasseur chez Supermarché de Flers rompu le \d{1,2}(er)? \S+ \d{4}\./);

    // The dashboard has something to show on a fresh install: the demo history feeds the funnel.
    const claire = DEMO_ACCOUNTS.find((account) => account.role === 'manager')!;
    const manager = api(await login(t.app.getHttpServer(), claire.email, claire.password));
    const funnel = (await manager.get('/api/reports/funnel').expect(200)).body as { steps: Array<{ key: string; count: number }> };
    const counts = Object.fromEntries(funnel.steps.map((step) => [step.key, step.count]));
    // 14 of the 20 demo companies left "À prospecter"; the two started contracts are hires.
    expect(counts).toMatchObject({ contacted: 14, meeting_held: 7, need_found: 5, candidate_proposed: 3, hired: 2 });
    const activity = (await manager.get('/api/reports/activity').expect(200)).body;
    expect(activity.staff[0].targets).toEqual({ call: 25, meeting: 4, visit: 2, event: 1 });
  });
});
