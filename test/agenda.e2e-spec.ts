import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

/** The text of each day of the agenda page, by its Paris day (tags dropped, spaces collapsed). */
function daysOf(html: string): Record<string, string> {
  const days: Record<string, string> = {};
  for (const part of html.split('<li class="agenda-day').slice(1)) {
    const day = /data-day="(\d{4}-\d{2}-\d{2})"/.exec(part)?.[1];
    if (day) days[day] = part.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ').trim();
  }
  return days;
}

describe('agenda page (e2e)', () => {
  let t: TestApp;
  let claire: User;
  let marc: User;
  let stranger: User;
  let staff: Api;
  let other: Api;
  let marcApi: Api;

  beforeAll(async () => {
    t = await createTestApp();
    // Wednesday 27 October 2027; summer time ends on Sunday 31 October at 03:00.
    t.clock.set(new Date('2027-10-27T08:00:00Z'));
    const structure = await createStructure(t.dataSource, 'Agenda ACI');
    claire = await createUser(t.dataSource, structure, 'staff', 'Claire');
    marc = await createUser(t.dataSource, structure, 'staff', 'Marc');
    staff = api(await login(t.app.getHttpServer(), claire.email));
    marcApi = api(await login(t.app.getHttpServer(), marc.email));
    stranger = await createUser(t.dataSource, await createStructure(t.dataSource, 'Autre agenda'), 'admin', 'Ailleurs');
    other = api(await login(t.app.getHttpServer(), stranger.email));

    const bakery = (await staff.post('/api/companies', { name: 'Boulangerie Martin', address: '3 rue du Four', postcode: '59000', commune: 'Lille' }).expect(201)).body;
    const garage = (await staff.post('/api/companies', { name: 'Garage Central', commune: 'Roubaix' }).expect(201)).body;
    // Claire's meeting the Sunday of the clock change, after it (winter time); Marc's, on Tuesday.
    await staff.put(`/api/companies/${bakery.id}/next-action`, { type: 'meeting', dueOn: '2027-10-31', time: '10:00', ownerId: claire.id }).expect(200);
    await staff.put(`/api/companies/${garage.id}/next-action`, { type: 'meeting', dueOn: '2027-10-26', time: '14:30', ownerId: marc.id }).expect(200);
    // A call is no meeting; a meeting the week after is not this week's.
    const florist = (await staff.post('/api/companies', { name: 'Fleurs Dupont' }).expect(201)).body;
    await staff.put(`/api/companies/${florist.id}/next-action`, { type: 'call', dueOn: '2027-10-28', time: '09:00' }).expect(200);
    const later = (await staff.post('/api/companies', { name: 'Plus Tard SARL' }).expect(201)).body;
    await staff.put(`/api/companies/${later.id}/next-action`, { type: 'meeting', dueOn: '2027-11-01', time: '09:00' }).expect(200);

    await staff
      .post('/api/encounters', { kind: 'job_dating', title: 'Job dating boulangerie', day: '2027-10-29', startTime: '09:30', endTime: '11:30', place: 'Salle des fêtes', companyIds: [bakery.id] })
      .expect(201);
    const visit = (
      await staff.post('/api/encounters', { kind: 'company_visit', title: 'Visite du garage', day: '2027-10-25', startTime: '23:30', endTime: '23:59', hostCompanyId: garage.id }).expect(201)
    ).body;
    await staff.post(`/api/encounters/${visit.id}/participants`, { userIds: [marc.id] }).expect(201);
    const cancelled = (await staff.post('/api/encounters', { kind: 'forum', title: 'Forum annulé', day: '2027-10-28', startTime: '14:00', endTime: '17:00', place: 'Mairie' }).expect(201)).body;
    await staff.post(`/api/encounters/${cancelled.id}/cancel`, { version: cancelled.version }).expect(201);

    const theirs = (await other.post('/api/companies', { name: 'Entreprise Voisine' }).expect(201)).body;
    await other.put(`/api/companies/${theirs.id}/next-action`, { type: 'meeting', dueOn: '2027-10-27', time: '10:00' }).expect(200);
    await other.post('/api/encounters', { kind: 'job_dating', title: 'Job dating voisin', day: '2027-10-27', startTime: '10:00', endTime: '12:00', place: 'Ailleurs' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the week’s encounters and meetings of the whole team at their Paris times, day by day', async () => {
    const response = await staff.get('/agenda').expect(200);
    expect(response.text).toContain('Semaine du 25 octobre au 31 octobre 2027');
    const days = daysOf(response.text);
    expect(Object.keys(days)).toEqual(['2027-10-25', '2027-10-26', '2027-10-27', '2027-10-28', '2027-10-29', '2027-10-30', '2027-10-31']);
    // 23:30 on Monday is 21:30 UTC: still Monday in Paris.
    expect(days['2027-10-25']).toContain('23:30 – 23:59 · Visite d’entreprise');
    expect(days['2027-10-25']).toContain('Visite du garage');
    expect(days['2027-10-25']).toContain('chez Garage Central');
    expect(days['2027-10-25']).toContain('Claire staff, Marc staff');
    expect(days['2027-10-26']).toContain('14:30 – 15:30 · Rendez-vous Garage Central');
    expect(days['2027-10-26']).toContain('Marc staff');
    expect(days['2027-10-27']).toContain('Rien de prévu.');
    expect(days['2027-10-28']).toContain('Forum annulé');
    expect(days['2027-10-28']).toContain('(annulée)');
    expect(days['2027-10-28']).not.toContain('Fleurs Dupont');
    expect(days['2027-10-29']).toContain('09:30 – 11:30 · Job dating');
    expect(days['2027-10-29']).toContain('Job dating boulangerie avec Boulangerie Martin');
    expect(days['2027-10-29']).toContain('Salle des fêtes');
    expect(days['2027-10-30']).toContain('Rien de prévu.');
    expect(days['2027-10-31']).toContain('10:00 – 11:00 · Rendez-vous Boulangerie Martin');
    expect(days['2027-10-31']).toContain('3 rue du Four, 59000 Lille');
    expect(response.text).not.toContain('Plus Tard SARL');
    expect(response.text).toMatch(/<del><a href="\/rencontres\/[0-9a-f-]{36}">Forum annulé<\/a><\/del>/);
    // Never another structure's.
    expect(response.text).not.toContain('Entreprise Voisine');
    expect(response.text).not.toContain('Job dating voisin');
  });

  it('narrows to one person: what they organise or take part in, and the meetings they are in charge of', async () => {
    const marcs = daysOf((await staff.get(`/agenda?semaine=2027-10-27&personne=${marc.id}`).expect(200)).text);
    expect(marcs['2027-10-25']).toContain('Visite du garage');
    expect(marcs['2027-10-26']).toContain('Garage Central');
    expect(marcs['2027-10-29']).toContain('Rien de prévu.');
    expect(marcs['2027-10-31']).toContain('Rien de prévu.');
    const claires = daysOf((await marcApi.get(`/agenda?personne=${claire.id}`).expect(200)).text);
    expect(claires['2027-10-26']).toContain('Rien de prévu.');
    expect(claires['2027-10-29']).toContain('Job dating boulangerie');
    expect(claires['2027-10-31']).toContain('Boulangerie Martin');
    // Another structure's person: nothing of theirs, nothing of ours.
    const across = await staff.get(`/agenda?personne=${stranger.id}`).expect(200);
    expect(Object.values(daysOf(across.text)).every((day) => day.includes('Rien de prévu.'))).toBe(true);
    const theirs = await other.get(`/agenda?personne=${claire.id}`).expect(200);
    expect(theirs.text).not.toContain('Boulangerie');
    expect(theirs.text).not.toContain('Visite du garage');
  });

  it('moves from week to week, and back to this week', async () => {
    const next = await staff.get('/agenda?semaine=2027-11-01').expect(200);
    expect(next.text).toContain('Semaine du 1 novembre au 7 novembre 2027');
    expect(daysOf(next.text)['2027-11-01']).toContain('09:00 – 10:00 · Rendez-vous Plus Tard SARL');
    const links = next.text.replace(/&#x3D;/g, '=');
    expect(links).toContain('href="/agenda?semaine=2027-10-25" rel="prev"');
    expect(links).toContain('href="/agenda?semaine=2027-11-08" rel="next"');
    expect(next.text).toContain('>Cette semaine</a>');
    const bad = await staff.get('/agenda?semaine=demain&personne=nimporte').expect(200);
    expect(bad.text).toContain('Semaine du 25 octobre au 31 octobre 2027');
  });

  it('is in the main menu and needs a session', async () => {
    const response = await staff.get('/agenda').expect(200);
    expect(response.text).toMatch(/<a[^>]*href="\/agenda"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/agenda"/);
    const anonymous = await (await import('supertest')).default(t.app.getHttpServer()).get('/agenda');
    expect([302, 303, 401]).toContain(anonymous.status);
  });
});
