import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';

/**
 * Encounters on the company side: on the company's timeline, and as evidence in the funnel (a
 * company visit that took place is a meeting held with each of its companies, on its day).
 */
describe('encounters on the company side (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let staff: Api;
  let manager: Api;
  let other: Api;
  let staffId: string;

  const at = (iso: string) => t.clock.set(new Date(iso));
  const funnelRow = async (companyId: string) =>
    (await t.dataSource.query(`SELECT contacted_at, contacted_by, meeting_at, need_at FROM company_funnel WHERE company_id = $1`, [companyId]))[0];
  const company = async (name: string) => (await staff.post('/api/companies', { name }).expect(201)).body.id as string;
  const encounter = async (body: object) => (await staff.post('/api/encounters', body).expect(201)).body;
  const markAll = async (id: string, status: 'present' | 'absent') => {
    const view = (await staff.get(`/api/encounters/${id}`).expect(200)).body;
    const entries = view.participants.map((person: { id: string }) => ({ participantId: person.id, status }));
    return (await staff.put(`/api/encounters/${id}/attendance`, { entries }).expect(200)).body;
  };

  let workshop: string;
  let office: string;
  let unmarked: string;
  let cancelled: string;
  let dating: string;
  let visitId: string;
  let datingId: string;
  let sami: User;
  let maud: User;
  let stranger: User;

  beforeAll(async () => {
    t = await createTestApp();
    at('2027-05-03T08:00:00Z');
    structure = await createStructure(t.dataSource, 'ACI Visites');
    sami = await createUser(t.dataSource, structure, 'staff', 'Sami');
    staffId = sami.id;
    staff = api(await login(t.app.getHttpServer(), sami.email));
    maud = await createUser(t.dataSource, structure, 'manager', 'Maud');
    stranger = await createUser(t.dataSource, await createStructure(t.dataSource, 'Autre'), 'admin', 'Ailleurs');

    workshop = await company('Atelier Bois');
    office = await company('Bureau Conseil');
    unmarked = await company('Sans Pointage');
    cancelled = await company('Visite Annulée');
    dating = await company('Job Dating SA');
    const candidate = (await staff.post('/api/candidates', { firstName: 'Awa', lastName: 'Diallo', email: null }).expect(201)).body.id;

    // Tuesday 4 May 2027, 10:00 Paris (08:00 UTC): a visit of the workshop, with the office too.
    const visit = await encounter({ kind: 'company_visit', title: 'Visite de l’atelier', day: '2027-05-04', startTime: '10:00', endTime: '11:00', hostCompanyId: workshop, companyIds: [office] });
    visitId = visit.id;
    const notMarked = await encounter({ kind: 'company_visit', title: 'Visite non pointée', day: '2027-05-04', startTime: '14:00', endTime: '15:00', hostCompanyId: unmarked });
    const toCancel = await encounter({ kind: 'company_visit', title: 'Visite à annuler', day: '2027-05-05', startTime: '09:00', endTime: '10:00', hostCompanyId: cancelled });
    const jobDating = await encounter({ kind: 'job_dating', title: 'Recrutement menuisiers', day: '2027-05-05', startTime: '14:00', endTime: '16:00', hostCompanyId: dating });
    datingId = jobDating.id;
    for (const id of [visit.id, notMarked.id, toCancel.id, jobDating.id]) {
      await staff.post(`/api/encounters/${id}/participants`, { candidateIds: [candidate] }).expect(201);
    }
    expect(await funnelRow(workshop)).toBeUndefined();

    // Two days later (sessions opened again: they expire on the app's clock).
    at('2027-05-06T08:00:00Z');
    staff = api(await login(t.app.getHttpServer(), sami.email));
    manager = api(await login(t.app.getHttpServer(), maud.email));
    other = api(await login(t.app.getHttpServer(), stranger.email));
    await markAll(visit.id, 'present');
    await markAll(toCancel.id, 'absent');
    await markAll(jobDating.id, 'present');
    const current = (await staff.get(`/api/encounters/${toCancel.id}`).expect(200)).body;
    await staff.post(`/api/encounters/${toCancel.id}/cancel`, { version: current.version }).expect(201);
  });
  afterAll(() => t.close());

  it('counts a company visit that took place as a meeting held with each of its companies, at its start', async () => {
    const held = { contacted_at: new Date('2027-05-04T08:00:00Z'), contacted_by: staffId, meeting_at: new Date('2027-05-04T08:00:00Z'), need_at: null };
    expect(await funnelRow(workshop)).toEqual(held);
    expect(await funnelRow(office)).toEqual(held);
    // Attendance never marked, cancelled afterwards, or a job dating: no meeting held.
    expect(await funnelRow(unmarked)).toBeUndefined();
    expect(await funnelRow(cancelled)).toBeUndefined();
    expect(await funnelRow(dating)).toBeUndefined();

    const funnel = (await manager.get('/api/reports/funnel?from=2027-05-01&to=2027-05-31').expect(200)).body;
    const counts = Object.fromEntries(funnel.steps.map((step: { key: string; count: number }) => [step.key, step.count]));
    expect(counts).toMatchObject({ contacted: 2, meeting_held: 2, need_found: 0 });
    const list = (await manager.get('/api/reports/drill?from=2027-05-01&to=2027-05-31&metric=funnel.meeting_held').expect(200)).body;
    expect(list.rows.map((row: { label: string }) => row.label).sort()).toEqual(['Atelier Bois', 'Bureau Conseil']);
  });

  it('takes the meeting back when a company leaves the visit, and agrees with a rebuild', async () => {
    const current = (await staff.get(`/api/encounters/${visitId}`).expect(200)).body;
    await staff.patch(`/api/encounters/${visitId}`, { version: current.version, companyIds: [] }).expect(200);
    expect(await funnelRow(office)).toBeUndefined();
    expect((await funnelRow(workshop)).meeting_at).toEqual(new Date('2027-05-04T08:00:00Z'));

    const before = await t.dataSource.query(`SELECT * FROM company_funnel WHERE structure_id = $1 ORDER BY company_id`, [structure.id]);
    await t.dataSource.query(`SELECT company_funnel_rebuild($1)`, [structure.id]);
    const after = await t.dataSource.query(`SELECT * FROM company_funnel WHERE structure_id = $1 ORDER BY company_id`, [structure.id]);
    expect(after).toEqual(before);
    const funnel = (await manager.get('/api/reports/funnel?from=2027-05-01&to=2027-05-31').expect(200)).body;
    expect(funnel.steps.find((step: { key: string }) => step.key === 'meeting_held').count).toBe(1);
  });

  it('shows the encounters a company takes part in on its timeline, linking to them, with a filter of their own', async () => {
    // A call before the visit (it moves the card too).
    await staff.post(`/api/companies/${workshop}/activities`, { type: 'call', outcome: 'no_answer', occurredAt: '2027-05-02T09:00:00Z' }).expect(201);
    const timeline = (await staff.get(`/api/companies/${workshop}/timeline`).expect(200)).body;
    expect(timeline.items.map((item: { kind: string }) => item.kind)).toEqual(['encounter', 'stage_change', 'call']);
    expect(timeline.items[0]).toMatchObject({
      kind: 'encounter',
      occurredAt: '2027-05-04T08:00:00.000Z',
      authorId: staffId,
      text: null,
      encounter: { id: visitId, kind: 'company_visit', title: 'Visite de l’atelier' },
    });
    expect(timeline.total).toBe(3);
    const onlyEncounters = (await staff.get(`/api/companies/${workshop}/timeline?type=encounter`).expect(200)).body;
    expect(onlyEncounters).toMatchObject({ total: 1, items: [expect.objectContaining({ id: visitId })] });
    const calls = (await staff.get(`/api/companies/${workshop}/timeline?type=call&limit=1&offset=0`).expect(200)).body;
    expect(calls).toMatchObject({ total: 1, items: [expect.objectContaining({ kind: 'call' })] });
    const last = (await staff.get(`/api/companies/${workshop}/timeline?limit=1&offset=2`).expect(200)).body;
    expect(last).toMatchObject({ total: 3, items: [expect.objectContaining({ kind: 'call' })] });
    // A cancelled encounter is not on the timeline; another structure sees nothing.
    expect((await staff.get(`/api/companies/${cancelled}/timeline?type=encounter`).expect(200)).body.total).toBe(0);
    await other.get(`/api/companies/${workshop}/timeline`).expect(404);

    const page = await staff.get(`/entreprises/${workshop}`).expect(200);
    expect(page.text).toContain(`<a href="/rencontres/${visitId}">Visite d’entreprise : Visite de l’atelier</a>`);
    const filtered = await staff.get(`/entreprises/${dating}?type=encounter`).expect(200);
    expect(filtered.text).toContain('Job dating : Recrutement menuisiers');
    expect(filtered.text).toMatch(/<option value="encounter" selected>Rencontres<\/option>/);
  });

  it('gives the positive-outcome rate of the period on the dashboard, linking to the people behind it', async () => {
    const view = (await staff.get(`/api/encounters/${datingId}`).expect(200)).body;
    const awa = view.participants.find((person: { party: string }) => person.party === 'candidate');
    await staff.put(`/api/encounters/${datingId}/participants/${awa.id}/outcome`, { outcome: 'contract', on: '2027-05-06' }).expect(200);

    // Present: Awa at the visit and at the job dating (the cancelled visit does not count); positive: the job dating's contract.
    const dashboard = await manager.get('/tableau-de-bord?from=2027-05-01&to=2027-05-31').expect(200);
    const card = /<div class="dash-block" id="resultats-rencontres">([\s\S]*?)<\/table>/.exec(dashboard.text)?.[1] ?? '';
    const cells = (label: string) =>
      new RegExp(`>${label}</a></th><td class="n">(\\d+)</td><td class="n">(\\d+)</td><td class="n">([^<]+)</td>`).exec(card)?.slice(1);
    expect(cells('Toutes les rencontres')).toEqual(['2', '1', '50\u00a0%']);
    expect(cells('Job dating')).toEqual(['1', '1', '100\u00a0%']);
    expect(cells('Visite d’entreprise')).toEqual(['1', '0', '0\u00a0%']);
    expect(card.replace(/&#x3D;/g, '=')).toContain('href="/tableau-de-bord/rencontres?from=2027-05-01&amp;to=2027-05-31"');

    const list = await manager.get('/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31').expect(200);
    expect(list.text).toContain('1 sur 2 avec une suite positive (50\u00a0%)');
    expect(list.text).toContain('Recrutement menuisiers');
    expect(list.text).toContain('Contrat de travail');
    expect(list.text.match(/Awa Diallo/g)).toHaveLength(2);
    const narrowed = await staff.get('/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31&kind=company_visit').expect(200);
    expect(narrowed.text).toContain('0 sur 1 avec une suite positive (0\u00a0%)');
    expect(narrowed.text).not.toContain('Recrutement menuisiers');

    const bad = await manager.get('/tableau-de-bord/rencontres?from=hier&to=2027-05-31').expect(400);
    expect(bad.text).toContain('Choisissez une période valide');
    await manager.get('/tableau-de-bord/rencontres?from=2025-01-01&to=2027-05-31').expect(400);
    // Another structure: nobody of ours.
    const theirs = await other.get('/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31').expect(200);
    expect(theirs.text).not.toContain('Awa Diallo');
  });
});
