import { INestApplicationContext } from '@nestjs/common';
import { ParsedMail } from 'mailparser';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { User } from '../src/users/user.entity';

// An independent reader of the calendar parts (tests only); its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

/** The calendar part of an e-mail as ical.js reads it: method, and the event's UID, SEQUENCE and instants. */
function calendarOf(mail: ParsedMail) {
  const attachment = mail.attachments.find((part) => part.contentType.startsWith('text/calendar') || part.filename?.endsWith('.ics'));
  if (!attachment) throw new Error(`no calendar part in « ${mail.subject} »`);
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent'));
  return {
    method: calendar.getFirstPropertyValue('method') as string,
    uid: event.uid as string,
    sequence: event.sequence as number,
    start: (event.startDate.toJSDate() as Date).toISOString(),
    end: (event.endDate.toJSDate() as Date).toISOString(),
    location: event.location as string | null,
  };
}

describe('encounters (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let claire: User;
  let staff: Api;
  let other: Api;
  let stranger: User;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    t.clock.set(new Date('2027-03-01T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'Jardins de Cocagne');
    claire = await createUser(t.dataSource, structure, 'staff', 'Claire');
    staff = api(await login(t.app.getHttpServer(), claire.email));
    stranger = await createUser(t.dataSource, await createStructure(t.dataSource, 'Autre ACI'), 'admin', 'Ailleurs');
    other = api(await login(t.app.getHttpServer(), stranger.email));
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${++seq}-${Date.now()}@example.org`;
  const company = async (name: string, extra: object = {}) => (await staff.post('/api/companies', { name, ...extra }).expect(201)).body;
  const contact = async (companyId: string, lastName: string, email: string | null) =>
    (await staff.post(`/api/companies/${companyId}/contacts`, { firstName: 'Marc', lastName, email }).expect(201)).body;
  const candidate = async (firstName: string, email: string | null) =>
    (await staff.post('/api/candidates', { firstName, lastName: 'Test', email }).expect(201)).body;

  it('creates a job dating on a Paris day and time, at the host company by default, and lists it', async () => {
    const host = await company('Boulangerie Martin', { address: '3 rue du Four', postcode: '59000', commune: 'Lille' });
    const created = await staff
      .post('/api/encounters', { kind: 'job_dating', title: 'Job dating boulangerie', day: '2027-03-29', startTime: '09:30', endTime: '11:30', hostCompanyId: host.id, capacity: 12 })
      .expect(201);
    // 29 March 2027 is the day after the clock change: 09:30 Paris is 07:30 UTC.
    expect(created.body).toMatchObject({
      kind: 'job_dating',
      day: '2027-03-29',
      startTime: '09:30',
      endTime: '11:30',
      startsAt: '2027-03-29T07:30:00.000Z',
      endsAt: '2027-03-29T09:30:00.000Z',
      organiserId: claire.id,
      capacity: 12,
      status: 'planned',
      sequence: 0,
      companies: [expect.objectContaining({ id: host.id, name: 'Boulangerie Martin' })],
    });
    const listed = await staff.get('/api/encounters?from=2027-03-01&to=2027-03-31').expect(200);
    expect(listed.body.map((row: { id: string }) => row.id)).toContain(created.body.id);
    await other.get(`/api/encounters/${created.body.id}`).expect(404);
    expect((await other.get('/api/encounters?from=2027-03-01&to=2027-03-31').expect(200)).body).toEqual([]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const bad = await staff.post('/api/encounters', { kind: 'party', title: '', day: '2027-02-30', startTime: '25:00', endTime: '10:00' }).expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['day', 'kind', 'startTime', 'title']);
    const reversed = await staff.post('/api/encounters', { kind: 'forum', title: 'Forum', day: '2027-04-02', startTime: '11:00', endTime: '10:00', place: 'Salle des fêtes' }).expect(400);
    expect(fieldsOf(reversed.body)).toEqual(['endTime']);
    const nowhere = await staff.post('/api/encounters', { kind: 'forum', title: 'Forum', day: '2027-04-02', startTime: '09:00', endTime: '10:00' }).expect(400);
    expect(fieldsOf(nowhere.body)).toEqual(['place']);
    const theirs = (await other.post('/api/companies', { name: 'Leur entreprise' }).expect(201)).body;
    const foreign = await staff.post('/api/encounters', { kind: 'company_visit', title: 'Visite', day: '2027-04-02', startTime: '09:00', endTime: '10:00', hostCompanyId: theirs.id }).expect(400);
    expect(fieldsOf(foreign.body)).toEqual(['hostCompanyId']);
    const listed = await staff.get('/api/encounters?from=2027-04-01&to=2027-04-30').expect(200);
    expect(listed.body).toEqual([]);
  });

  it('invites candidates and contacts by e-mail with a calendar invitation; no address or opted out: flagged, not sent', async () => {
    const host = await company('Garage Central', { address: '8 avenue de la Gare', postcode: '59100', commune: 'Roubaix' });
    const contactEmail = unique('patron');
    const boss = await contact(host.id, 'Durand', contactEmail);
    const silent = await contact(host.id, 'Sansmail', null);
    const optedOut = await contact(host.id, 'Refus', unique('refus'));
    await staff.patch(`/api/contacts/${optedOut.id}`, { emailOptOut: true }).expect(200);
    const awaEmail = unique('awa');
    const awa = await candidate('Awa', awaEmail);
    const encounter = (
      await staff
        .post('/api/encounters', { kind: 'workplace_interview', title: 'Entretien à l’atelier', day: '2027-10-31', startTime: '10:00', endTime: '11:00', hostCompanyId: host.id })
        .expect(201)
    ).body;
    const invited = await staff
      .post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [awa.id], contactIds: [boss.id, silent.id, optedOut.id], userIds: [claire.id] })
      .expect(201);
    const byId = (id: string) => invited.body.participants.find((p: { personId: string }) => p.personId === id);
    expect(byId(awa.id)).toMatchObject({ party: 'candidate', status: 'invited', invitedSequence: 0, invitationSkipped: null });
    expect(byId(boss.id)).toMatchObject({ party: 'contact', invitedSequence: 0, invitationSkipped: null });
    expect(byId(silent.id)).toMatchObject({ invitedSequence: null, invitationSkipped: 'no_email' });
    expect(byId(optedOut.id)).toMatchObject({ invitedSequence: null, invitationSkipped: 'opted_out' });
    expect(byId(claire.id)).toMatchObject({ party: 'staff', invitedSequence: null });

    const [toAwa] = await waitForMail(awaEmail);
    expect(toAwa.subject).toBe('Invitation : Entretien à l’atelier, le 31 octobre 2027 à 10:00');
    expect(toAwa.text).toContain('8 avenue de la Gare');
    const ics = calendarOf(toAwa);
    // 31 October 2027 is the day the clocks go back: 10:00 Paris is 09:00 UTC.
    expect(ics).toMatchObject({ method: 'REQUEST', sequence: 0, start: '2027-10-31T09:00:00.000Z', end: '2027-10-31T10:00:00.000Z' });
    expect(ics.uid).toMatch(new RegExp(`^encounter-${byId(awa.id).id}@`));
    await waitForMail(contactEmail);

    // Moving it: each invitee gets the same UID with a higher SEQUENCE.
    const moved = await staff.patch(`/api/encounters/${encounter.id}`, { version: encounter.version, startTime: '14:00', endTime: '15:30' }).expect(200);
    expect(moved.body.sequence).toBe(1);
    const [, update] = await waitForMail(awaEmail, 2);
    expect(update.subject).toBe('Modifié : Entretien à l’atelier, le 31 octobre 2027 à 14:00');
    expect(calendarOf(update)).toMatchObject({ method: 'REQUEST', uid: ics.uid, sequence: 1, start: '2027-10-31T13:00:00.000Z' });

    // Cancelling it: the same UID, CANCEL, a higher SEQUENCE again; nobody un-e-mailed is written to.
    await staff.post(`/api/encounters/${encounter.id}/cancel`, { version: moved.body.version }).expect(201);
    const [, , cancellation] = await waitForMail(awaEmail, 3);
    expect(cancellation.subject).toBe('Annulé : Entretien à l’atelier du 31 octobre 2027');
    expect(calendarOf(cancellation)).toMatchObject({ method: 'CANCEL', uid: ics.uid, sequence: 2 });
    expect(await inboxOf(contactEmail)).toHaveLength(3);
    await staff.patch(`/api/encounters/${encounter.id}`, { version: moved.body.version + 1, title: 'Trop tard' }).expect(409);
  });

  it('keeps to the capacity: beyond it, nobody is added (409); an excused person frees a place', async () => {
    const encounter = (
      await staff.post('/api/encounters', { kind: 'info_session', title: 'Réunion collective', day: '2027-03-10', startTime: '14:00', endTime: '16:00', place: 'Maison de l’emploi', capacity: 2 }).expect(201)
    ).body;
    const [a, b, c] = [await candidate('Ana', null), await candidate('Ben', null), await candidate('Cyd', null)];
    const full = await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [a.id, b.id, c.id] }).expect(409);
    expect(full.body.code).toBe('encounter.full');
    expect((await staff.get(`/api/encounters/${encounter.id}`).expect(200)).body.participants).toEqual([]);
    const two = await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [a.id, b.id] }).expect(201);
    expect(two.body.placesTaken).toBe(2);
    const excused = two.body.participants.find((p: { personId: string }) => p.personId === a.id);
    await staff.put(`/api/encounters/${encounter.id}/attendance`, { entries: [{ participantId: excused.id, status: 'excused' }] }).expect(200);
    const three = await staff.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [c.id] }).expect(201);
    expect(three.body.placesTaken).toBe(2);
  });

  it('marks who came once it has started, records what followed, and gives the positive-outcome rate by hand', async () => {
    const day = '2027-03-02';
    const make = async (kind: string, title: string) =>
      (await staff.post('/api/encounters', { kind, title, day, startTime: '09:00', endTime: '12:00', place: 'Salle Verte' }).expect(201)).body;
    const dating = await make('job_dating', 'Job dating du 2 mars');
    const visit = await make('company_visit', 'Visite du 2 mars');
    const people = await Promise.all(['Chloé', 'David', 'Emma', 'Farid'].map((name) => candidate(name, null)));
    const datingPeople = (await staff.post(`/api/encounters/${dating.id}/participants`, { candidateIds: people.map((p) => p.id) }).expect(201)).body.participants;
    const visitPeople = (await staff.post(`/api/encounters/${visit.id}/participants`, { candidateIds: [people[0].id, people[1].id] }).expect(201)).body.participants;
    const pid = (list: Array<{ id: string; personId: string }>, person: { id: string }) => list.find((p) => p.personId === person.id)!.id;

    const early = await staff.put(`/api/encounters/${dating.id}/attendance`, { entries: [{ participantId: pid(datingPeople, people[0]), status: 'present' }] }).expect(422);
    expect(early.body.code).toBe('encounter.attendance_too_early');

    // The next day: the session of the day before has lapsed, so Claire logs in again.
    t.clock.set(new Date('2027-03-02T12:00:00Z'));
    staff = api(await login(t.app.getHttpServer(), claire.email));
    other = api(await login(t.app.getHttpServer(), stranger.email));
    await staff
      .put(`/api/encounters/${dating.id}/attendance`, {
        entries: [
          { participantId: pid(datingPeople, people[0]), status: 'present' },
          { participantId: pid(datingPeople, people[1]), status: 'present' },
          { participantId: pid(datingPeople, people[2]), status: 'present' },
          { participantId: pid(datingPeople, people[3]), status: 'absent' },
        ],
      })
      .expect(200);
    await staff
      .put(`/api/encounters/${visit.id}/attendance`, {
        entries: [
          { participantId: pid(visitPeople, people[0]), status: 'present' },
          { participantId: pid(visitPeople, people[1]), status: 'present' },
        ],
      })
      .expect(200);
    const absent = await staff.put(`/api/encounters/${dating.id}/participants/${pid(datingPeople, people[3])}/outcome`, { outcome: 'contract' }).expect(422);
    expect(absent.body.code).toBe('encounter.outcome_not_present');

    // Job dating: Chloé a contract 20 days later (counts), David a PMSMP 120 days later (outside 90 days), Emma an interview (not positive).
    await staff.put(`/api/encounters/${dating.id}/participants/${pid(datingPeople, people[0])}/outcome`, { outcome: 'contract', on: '2027-03-22' }).expect(200);
    await staff.put(`/api/encounters/${dating.id}/participants/${pid(datingPeople, people[1])}/outcome`, { outcome: 'pmsmp', on: '2027-06-30' }).expect(200);
    const withOutcome = await staff.put(`/api/encounters/${dating.id}/participants/${pid(datingPeople, people[2])}/outcome`, { outcome: 'interview', on: '2027-03-05' }).expect(200);
    // Visit: David a training 10 days later (counts).
    await staff.put(`/api/encounters/${visit.id}/participants/${pid(visitPeople, people[1])}/outcome`, { outcome: 'training', on: '2027-03-12' }).expect(200);

    expect(withOutcome.body.outcomes).toEqual({ present: 3, positive: 1, rate: 1 / 3 });
    const report = await staff.get('/api/encounters/outcomes?from=2027-03-02&to=2027-03-02').expect(200);
    // Present: 3 at the job dating + 2 at the visit = 5; positive within 90 days: Chloé (dating), David (visit) = 2.
    expect(report.body).toMatchObject({ present: 5, positive: 2, rate: 0.4, withinDays: 90 });
    expect(report.body.byKind).toEqual([
      { kind: 'job_dating', present: 3, positive: 1, rate: 1 / 3 },
      { kind: 'company_visit', present: 2, positive: 1, rate: 0.5 },
    ]);
    expect(report.body.people.filter((p: { positive: boolean }) => p.positive).map((p: { name: string }) => p.name).sort()).toEqual(['Chloé Test', 'David Test']);
    const longer = await staff.get('/api/encounters/outcomes?from=2027-03-02&to=2027-03-02&withinDays=180').expect(200);
    expect(longer.body).toMatchObject({ present: 5, positive: 3 });
    const bad = await staff.get('/api/encounters/outcomes?from=2027-03-02&to=2026-03-02').expect(400);
    expect(fieldsOf(bad.body)).toEqual(['to']);
    expect((await other.get('/api/encounters/outcomes?from=2027-03-02&to=2027-03-02').expect(200)).body).toMatchObject({ present: 0, positive: 0 });
    t.clock.set(new Date('2027-03-01T09:00:00Z'));
  });
});
