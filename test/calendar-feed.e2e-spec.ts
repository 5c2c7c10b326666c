import request from 'supertest';
import { createTestApp, TestApp } from './helpers/app';
import { api, Api } from './helpers/api';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

// An independent reader of the feed (tests only); its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

interface FeedEvent {
  uid: string;
  summary: string;
  local: string;
  instant: string | null;
  end: string;
  location: string | null;
  url: string | null;
}

/** What a calendar application would show of a feed: each event's Paris time and the instant it is. */
function eventsOf(ics: string): { name: string; method: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents('vevent').map((vevent: any) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      local: event.startDate.toString(),
      instant: event.startDate.isDate ? null : event.startDate.toJSDate().toISOString(),
      end: event.endDate.isDate ? event.endDate.toString() : event.endDate.toJSDate().toISOString(),
      location: event.location,
      url: vevent.getFirstPropertyValue('url'),
    };
  });
  return { name: calendar.getFirstPropertyValue('x-wr-calname'), method: calendar.getFirstPropertyValue('method'), events };
}

describe('each staff member’s calendar subscription (e2e)', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let claire: User;
  let karim: User;
  let bob: User;
  let claireSession: LoggedIn;
  let asClaire: Api;
  const companies: Record<string, string> = {};

  /** The feed's path from its address (the app answers on any host in tests). */
  const pathOf = (url: string) => new URL(url).pathname;
  const read = (url: string) => request(server).get(pathOf(url));

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer();
    t.clock.set(new Date('2027-03-20T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Agenda');
    claire = await createUser(t.dataSource, structure, 'staff', 'Claire');
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    bob = await createUser(t.dataSource, await createStructure(t.dataSource, 'ACI Voisine'), 'manager', 'Bob');
    claireSession = await login(server, claire.email);
    asClaire = api(claireSession);
    const asKarim = api(await login(server, karim.email));

    const plan = async (as: Api, name: string, owner: User, nextAction: Record<string, unknown>, fields: Record<string, unknown> = {}) => {
      const company = (await as.post('/api/companies', { name, ownerId: owner.id, ...fields }).expect(201)).body;
      await as.put(`/api/companies/${company.id}/next-action`, nextAction).expect(200);
      companies[name] = company.id;
    };
    // The Tuesday after the March clock change: 10:00 in Paris is 08:00 UTC. (Not the Monday: the
    // meeting reminders' spec, sharing this schema, counts every structure's meetings that morning.)
    await plan(asClaire, 'Boulangerie Martin', claire, { type: 'meeting', dueOn: '2027-03-30', time: '10:00', note: 'Visite, atelier; café' }, {
      address: '12 rue de la Gare',
      postcode: '59000',
      commune: 'Lille',
    });
    await plan(asClaire, 'Garage du Centre', claire, { type: 'call', dueOn: '2027-03-25' });
    // Karim's company, but Claire holds its next action: it is hers.
    await plan(asKarim, 'Menuiserie Karim', karim, { type: 'meeting', dueOn: '2027-03-22', time: '14:30', ownerId: claire.id });
    // Karim's own meeting, a meeting without a time, one too far ahead, one too long ago: not in Claire's feed.
    await plan(asKarim, 'Pressing Karim', karim, { type: 'meeting', dueOn: '2027-03-23', time: '09:00' });
    await plan(asClaire, 'Sans Heure', claire, { type: 'meeting', dueOn: '2027-03-24' });
    await plan(asClaire, 'Trop Loin', claire, { type: 'meeting', dueOn: '2027-10-01', time: '09:00' });
    await plan(asClaire, 'Déjà Passé', claire, { type: 'email', dueOn: '2027-03-21' });
  });
  afterAll(() => t.close());

  it('lists the person’s planned meetings at their Paris time and calls on their day, for whoever has the secret', async () => {
    const created = await asClaire.post('/api/me/calendar-feed').expect(201);
    expect(created.body.url).toMatch(/^http:\/\/localhost:3999\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await read(created.body.url).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { name, method, events } = eventsOf(feed.text);
    expect(name).toBe(`Tremplin — Claire ${claire.lastName}`);
    expect(method).toBe('PUBLISH');
    expect(events).toEqual([
      {
        uid: `meeting-${companies['Menuiserie Karim']}@localhost`,
        summary: 'Rendez-vous — Menuiserie Karim',
        local: '2027-03-22T14:30:00',
        instant: '2027-03-22T13:30:00.000Z',
        end: '2027-03-22T14:30:00.000Z',
        location: null,
        url: `http://localhost:3999/entreprises/${companies['Menuiserie Karim']}`,
      },
      {
        uid: `call-${companies['Garage du Centre']}@localhost`,
        summary: 'Appeler Garage du Centre',
        local: '2027-03-25',
        instant: null,
        end: '2027-03-26',
        location: null,
        url: `http://localhost:3999/entreprises/${companies['Garage du Centre']}`,
      },
      {
        uid: `meeting-${companies['Boulangerie Martin']}@localhost`,
        summary: 'Rendez-vous — Boulangerie Martin',
        local: '2027-03-30T10:00:00',
        instant: '2027-03-30T08:00:00.000Z',
        end: '2027-03-30T09:00:00.000Z',
        location: '12 rue de la Gare, 59000 Lille',
        url: `http://localhost:3999/entreprises/${companies['Boulangerie Martin']}`,
      },
    ]);
  });

  it('adds the encounters the person organises or takes part in, at their Paris time, and drops cancelled ones', async () => {
    const asKarim = api(await login(server, karim.email));
    const encounter = async (as: Api, title: string, day: string, extra: Record<string, unknown> = {}) =>
      (await as.post('/api/encounters', { kind: 'job_dating', title, day, startTime: '09:30', endTime: '11:00', place: 'Salle des fêtes, Lille', ...extra }).expect(201)).body;
    // Organised by Claire, after the March clock change: 09:30 Paris is 07:30 UTC.
    const hers = await encounter(asClaire, 'Job dating d’automne', '2027-03-31');
    // Organised by Karim, with Claire on the team.
    const joined = await encounter(asKarim, 'Visite de l’atelier', '2027-03-30', { kind: 'company_visit' });
    await asKarim.post(`/api/encounters/${joined.id}/participants`, { userIds: [claire.id] }).expect(201);
    // Karim's alone, and one of Claire's cancelled: not in her feed.
    await encounter(asKarim, 'Forum de Karim', '2027-03-30', { kind: 'forum' });
    const cancelled = await encounter(asClaire, 'Annulée', '2027-03-30');
    await asClaire.post(`/api/encounters/${cancelled.id}/cancel`, { version: cancelled.version }).expect(201);

    const created = await asClaire.post('/api/me/calendar-feed').expect(201);
    const { events } = eventsOf((await read(created.body.url).expect(200)).text);
    const encounters = events.filter((event) => event.uid.startsWith('encounter-'));
    expect(encounters).toEqual([
      {
        uid: `encounter-${joined.id}@localhost`,
        summary: 'Visite d’entreprise — Visite de l’atelier',
        local: '2027-03-30T09:30:00',
        instant: '2027-03-30T07:30:00.000Z',
        end: '2027-03-30T09:00:00.000Z',
        location: 'Salle des fêtes, Lille',
        url: `http://localhost:3999/rencontres/${joined.id}`,
      },
      {
        uid: `encounter-${hers.id}@localhost`,
        summary: 'Job dating — Job dating d’automne',
        local: '2027-03-31T09:30:00',
        instant: '2027-03-31T07:30:00.000Z',
        end: '2027-03-31T09:00:00.000Z',
        location: 'Salle des fêtes, Lille',
        url: `http://localhost:3999/rencontres/${hers.id}`,
      },
    ]);
  });

  it('answers 404 to a wrong, malformed or revoked secret, the same way', async () => {
    const { url } = (await asClaire.post('/api/me/calendar-feed').expect(201)).body;
    const secret = pathOf(url).slice('/agenda/'.length, -'.ics'.length);
    const wrong = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    const answers = [
      await request(server).get(`/agenda/${wrong}.ics`),
      await request(server).get('/agenda/pas-un-secret.ics'),
      await request(server).get(`/agenda/${secret}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    expect(answers[0].text).not.toContain('Claire');

    await asClaire.delete('/api/me/calendar-feed').expect(204);
    const revoked = await read(url).expect(404);
    const sameness = (answer: request.Response) => ({ type: answer.headers['content-type'], text: answer.text.replace(/"requestId":"[^"]*"/, '') });
    expect(sameness(revoked)).toEqual(sameness(answers[0]));
    // Revoking again changes nothing.
    await asClaire.delete('/api/me/calendar-feed').expect(204);
  });

  it('makes the previous address stop working when a new link is made', async () => {
    const first = (await asClaire.post('/api/me/calendar-feed').expect(201)).body.url;
    const second = (await asClaire.post('/api/me/calendar-feed').expect(201)).body.url;
    expect(second).not.toBe(first);
    await read(first).expect(404);
    await read(second).expect(200);
  });

  it('keeps another structure’s user out: their own feed shows nothing of ours, and revoking touches only theirs', async () => {
    const mine = (await asClaire.post('/api/me/calendar-feed').expect(201)).body.url;
    const asBob = api(await login(server, bob.email));
    const theirs = (await asBob.post('/api/me/calendar-feed').expect(201)).body.url;
    const bobFeed = await read(theirs).expect(200);
    expect(eventsOf(bobFeed.text).events).toEqual([]);
    expect(bobFeed.text).not.toContain('Boulangerie');

    await asBob.delete('/api/me/calendar-feed').expect(204);
    await read(theirs).expect(404);
    await read(mine).expect(200);
    const rows = await t.dataSource.query(`SELECT user_id FROM calendar_feed WHERE revoked_at IS NULL AND user_id = ANY($1)`, [[claire.id, bob.id]]);
    expect(rows).toEqual([{ user_id: claire.id }]);
  });

  it('needs a session and the CSRF token to make or revoke a link', async () => {
    await request(server).post('/api/me/calendar-feed').expect(401);
    await request(server).delete('/api/me/calendar-feed').expect(401);
    await claireSession.agent.post('/api/me/calendar-feed').expect(403);
  });

  it('shows the address once on « Ma journée », then only that a link is active; revoking from the page works', async () => {
    const { agent, csrf } = claireSession;
    const made = await agent.post('/mon-agenda').type('form').send({ _csrf: csrf }).expect(200);
    const url = made.text.match(/value="(http:\/\/localhost:3999\/agenda\/[A-Za-z0-9_-]{43}\.ics)"/)?.[1];
    expect(url).toBeDefined();
    expect(made.text).toContain('elle ne sera plus affichée');
    await read(url!).expect(200);

    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Un lien d’abonnement est actif depuis le 20 mars 2027');
    expect(home.text).not.toContain(url!);
    expect(home.text).toContain('Révoquer');

    const revoked = await agent.post('/mon-agenda/revoquer').type('form').send({ _csrf: csrf }).expect(303);
    expect(revoked.headers.location).toBe('/?agenda=revoque#agenda');
    await read(url!).expect(404);
    const after = await agent.get('/?agenda=revoque').expect(200);
    expect(after.text).toContain('L’adresse de votre agenda est révoquée');
    expect(after.text).toContain('Créer mon lien d’abonnement');
    await agent.post('/mon-agenda').type('form').send({}).expect(403);
  });
});
