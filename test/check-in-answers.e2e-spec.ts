import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { NoAnswerScanService } from '../src/alerts/no-answer-scan.service';
import { Candidate } from '../src/candidates/candidate.entity';
import { CheckIn, CheckInParty } from '../src/checkins/check-in.entity';
import { signCheckInToken } from '../src/checkins/check-in-token';
import { StaffAlert } from '../src/alerts/staff-alert.entity';
import { Placement } from '../src/placements/placement.entity';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { asWorker } from './helpers/scope';

const DAY = 86_400_000;

describe('check-in answers and staff alerts (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let structure: Structure;
  let owner: User;
  let colleague: User;
  let manager: User;
  let ownerSession: LoggedIn;
  let o: Api;
  let c: Api;
  let m: Api;
  let elsewhere: Api;
  let companyId: string;
  let contactId: string;

  const http = () => request(t.app.getHttpServer());
  const form = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
    return body.toString();
  };
  const post = (token: string, fields: Record<string, string | string[]>) =>
    http().post(`/suivi/${token}`).type('form').set('Accept', 'text/html').send(form(fields));
  const get = (path: string) => http().get(path).set('Accept', 'text/html');
  const alertsOf = (checkInId: string) =>
    t.dataSource.getRepository(StaffAlert).find({ where: { checkInId }, order: { kind: 'ASC' } });

  /** The e-mails to `address` that mention `about`, once `count` of them arrived (the worker sends asynchronously). */
  async function mailsAbout(address: string, about: string, count: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = (await inboxOf(address)).filter((mail) => String(mail.text).includes(about));
      if (mails.length >= count || Date.now() > deadline) return mails;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function placement(firstName: string, options: { placementOwner?: User | null; candidateOwner?: User | null } = {}) {
    const candidate = await t.dataSource.getRepository(Candidate).save(
      t.dataSource.getRepository(Candidate).create({
        structureId: structure.id,
        firstName,
        lastName: 'Martin',
        ownerId: options.candidateOwner === undefined ? null : (options.candidateOwner?.id ?? null),
      }),
    );
    return t.dataSource.getRepository(Placement).save(
      t.dataSource.getRepository(Placement).create({
        structureId: structure.id,
        candidateId: candidate.id,
        companyId,
        kind: 'contract',
        contractType: 'cdd',
        jobTitle: 'Agent·e d’entretien',
        startDate: '2026-11-02',
        status: 'started',
        employerContactId: contactId,
        ownerId: options.placementOwner === undefined ? owner.id : (options.placementOwner?.id ?? null),
      }),
    );
  }

  async function sentCheckIn(placementId: string, party: CheckInParty = 'employee', step = '1 month') {
    const repository = t.dataSource.getRepository(CheckIn);
    const row = await repository.save(
      repository.create({
        structureId: structure.id,
        placementId,
        party,
        step,
        dueAt: t.clock.now(),
        status: 'sent',
        sentAt: t.clock.now(),
        recipient: 'personne@exemple.fr',
      }),
    );
    const token = signCheckInToken(t.config.SESSION_SECRET, row.id, new Date(t.clock.now().getTime() + 30 * DAY));
    return { row, token };
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    t.clock.set(new Date('2026-12-02T09:00:00Z'));
    structure = await createStructure(t.dataSource, 'ACI Le Suivi');
    owner = await createUser(t.dataSource, structure, 'staff', 'Karim');
    colleague = await createUser(t.dataSource, structure, 'staff', 'Julie');
    manager = await createUser(t.dataSource, structure, 'manager', 'Claire');
    const server = t.app.getHttpServer();
    ownerSession = await login(server, owner.email);
    o = api(ownerSession);
    c = api(await login(server, colleague.email));
    m = api(await login(server, manager.email));
    elsewhere = api(await login(server, (await createUser(t.dataSource, await createStructure(t.dataSource), 'manager')).email));
    const [stage] = await t.dataSource.query(
      `INSERT INTO pipeline_stage (structure_id, name, position, kind) VALUES ($1, 'Recrutement', 0, 'open') RETURNING id`,
      [structure.id],
    );
    const [company] = await t.dataSource.query(
      `INSERT INTO company (structure_id, name, search_name, dedup_name, stage_id)
       VALUES ($1, 'Propreté du Nord', 'proprete du nord', 'proprete du nord', $2) RETURNING id`,
      [structure.id, stage.id],
    );
    companyId = company.id;
    const [contact] = await t.dataSource.query(
      `INSERT INTO contact (structure_id, company_id, first_name, last_name, email) VALUES ($1, $2, 'Hélène', 'Durand', 'helene@proprete.fr') RETURNING id`,
      [structure.id, companyId],
    );
    contactId = contact.id;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('shows the employer a phone-friendly French form with the structure and only the employee’s first name', async () => {
    const { id } = await placement('Samira');
    const { token } = await sentCheckIn(id, 'employer');
    const page = await get(`/suivi/${token}`).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).toContain(structure.name);
    expect(page.text).toContain('Comment se passe l’emploi de Samira');
    expect(page.text).not.toContain('Martin');
    for (const label of ['Très difficile', 'Difficile', 'Bien', 'Très bien', 'Garde d’enfants', 'Je souhaite être appelé·e']) {
      expect(page.text).toContain(label);
    }
    expect(page.text).toContain(`action="/suivi/${token}"`);
    expect(page.text).not.toMatch(/<script|style=|onclick/);
    expect(page.text).toContain('/static/check-in.css');
    // The employee's own form speaks to them.
    const own = await sentCheckIn(id, 'employee');
    expect((await get(`/suivi/${own.token}`).expect(200)).text).toContain('Comment se passe votre emploi');
  });

  it('records a good answer without login, thanks, and refuses a second submit (410) without a second alert', async () => {
    const { id } = await placement('Yanis');
    const { row, token } = await sentCheckIn(id, 'employee');
    const answered = await post(token, { rating: '4', goingWell: 'L’équipe est accueillante', wantsCall: 'on' }).expect(303);
    expect(answered.headers.location).toBe(`/suivi/${token}/merci`);
    expect((await get(answered.headers.location).expect(200)).text).toContain('Merci pour votre réponse');

    const stored = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id });
    expect(stored).toMatchObject({
      status: 'answered',
      rating: 4,
      goingWell: 'L’équipe est accueillante',
      difficulties: [],
      difficultyDetails: null,
      wantsCall: true,
    });
    expect(stored.answeredAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect((await alertsOf(row.id)).map((alert) => alert.kind)).toEqual(['call_request']);

    const again = await post(token, { rating: '1', difficulties: 'team' }).expect(410);
    expect(again.text).toContain('Merci, votre réponse a déjà été enregistrée');
    expect((await alertsOf(row.id)).map((alert) => alert.kind)).toEqual(['call_request']);
    expect((await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id })).rating).toBe(4);
    expect((await get(`/suivi/${token}`).expect(410)).text).toContain('déjà été enregistrée');
  });

  it('answers 400 to a garbled link, 404 to a forged or unknown one, 410 to an expired or cancelled one', async () => {
    const { id } = await placement('Inès');
    const { row, token } = await sentCheckIn(id);
    expect((await get('/suivi/nimporte-quoi').expect(400)).text).toContain('Lien incomplet');
    const forged = signCheckInToken('another-secret-that-is-long-enough-0123456', row.id, new Date(t.clock.now().getTime() + DAY));
    expect((await get(`/suivi/${forged}`).expect(404)).text).toContain('Lien introuvable');
    await post(forged, { rating: '1' }).expect(404);
    const tampered = token.replace(/\.(\d+)\./, (_, seconds) => `.${Number(seconds) + 60}.`);
    await get(`/suivi/${tampered}`).expect(404);
    const unknown = signCheckInToken(t.config.SESSION_SECRET, '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', new Date(t.clock.now().getTime() + DAY));
    await get(`/suivi/${unknown}`).expect(404);
    const expired = signCheckInToken(t.config.SESSION_SECRET, row.id, new Date(t.clock.now().getTime() - 1000));
    expect((await get(`/suivi/${expired}`).expect(410)).text).toContain('Lien expiré');
    await post(expired, { rating: '4' }).expect(410);
    // Moving the clock past the link's expiry has the same effect.
    t.clock.advance(31 * DAY);
    try {
      await get(`/suivi/${token}`).expect(410);
    } finally {
      t.clock.advance(-31 * DAY);
    }
    await t.dataSource.getRepository(CheckIn).update(row.id, { status: 'cancelled' });
    expect((await get(`/suivi/${token}`).expect(410)).text).toContain('n’est plus d’actualité');
    await post(token, { rating: '4' }).expect(410);
    expect(await alertsOf(row.id)).toHaveLength(0);
    // One link is answered a few times at most: hammering it from one address is throttled.
    const hammered = signCheckInToken('another-secret-that-is-long-enough-0123456', row.id, new Date(t.clock.now().getTime() + 2 * DAY));
    for (let attempt = 0; attempt < 10; attempt += 1) await post(hammered, { rating: '1' }).expect(404);
    await post(hammered, { rating: '1' }).expect(429);
    // A JSON client gets the usual error shape.
    const json = await http().get('/suivi/nimporte-quoi').set('Accept', 'application/json').expect(400);
    expect(json.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'checkin.link_malformed' });
  });

  it('refuses an answer without a rating with a 400 naming `rating`, re-rendering the French form with what was typed', async () => {
    const { id } = await placement('Lucas');
    const { row, token } = await sentCheckIn(id);
    const page = await post(token, { goingWell: 'Les horaires me vont', difficulties: ['transport'] }).expect(400);
    expect(page.text).toContain('data-field="rating"');
    expect(page.text).toContain('Choisissez une réponse entre « Très difficile » et « Très bien »');
    expect(page.text).toContain('Les horaires me vont');
    expect(page.text).toMatch(/value="transport" checked/);
    const json = await http().post(`/suivi/${token}`).set('Accept', 'application/json').send({ rating: 7, difficulties: ['boredom'] }).expect(400);
    expect(fieldsOf(json.body).sort()).toEqual(['difficulties', 'rating']);
    expect(json.body.details.map((detail: { code: string }) => detail.code).sort()).toEqual(['checkin.difficulty_unknown', 'checkin.rating_required']);
    const stored = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id });
    expect(stored).toMatchObject({ status: 'sent', rating: null, answeredAt: null });
    expect(await alertsOf(row.id)).toHaveLength(0);
  });

  it('raises one alert carrying its three reasons on a poor answer and e-mails it once, without the free-text details', async () => {
    // No owner on the placement: the candidate's owner receives the alert.
    const { id } = await placement('Fatou', { placementOwner: null, candidateOwner: owner });
    const { row, token } = await sentCheckIn(id, 'employer', '10 days');
    await post(token, {
      rating: '1',
      difficulties: ['transport', 'health'],
      difficultyDetails: 'Traitement médical lourd le mardi',
      wantsCall: 'on',
    }).expect(303);
    const alerts = await alertsOf(row.id);
    expect(alerts.map((alert) => [alert.kind, alert.reasons, alert.userId, alert.placementId])).toEqual([
      ['low_rating', ['low_rating', 'difficulty', 'call_request'], owner.id, id],
    ]);
    // Which difficulties (« Santé »…) is e-mailed nowhere: the message says there are some.
    expect(alerts[0].message).toBe(
      'Suivi à 10 jours de Fatou Martin chez Propreté du Nord : l’employeur (Hélène Durand) a répondu « Très difficile » (1/4), signale des difficultés et souhaite être appelé·e.',
    );
    await post(token, { rating: '1', wantsCall: 'on' }).expect(410);
    expect(await alertsOf(row.id)).toHaveLength(1);

    const mails = await mailsAbout(owner.email, 'Fatou Martin', 1);
    expect(mails.map((mail) => mail.subject)).toEqual(['Alerte de suivi : Note basse, difficulté signalée, demande d’appel']);
    for (const mail of mails) {
      expect(mail.text).toContain('Fatou Martin');
      expect(mail.text).toContain(`/alertes/${alerts[0].id}`);
      for (const secret of ['Traitement médical', 'Santé', 'Transport']) {
        expect(mail.text).not.toContain(secret);
        expect(String(mail.html)).not.toContain(secret);
      }
    }
    // The details stay in the app: on the alert list and the alert itself.
    const list = (await o.get('/api/alerts').expect(200)).body;
    const raised = list.items.find((item: { checkIn: { id: string } | null }) => item.checkIn?.id === row.id);
    expect(raised).toMatchObject({ kindLabel: 'Note basse, difficulté signalée, demande d’appel', reasons: ['low_rating', 'difficulty', 'call_request'] });
    expect(raised.checkIn).toMatchObject({ difficultyDetails: 'Traitement médical lourd le mardi', difficultyLabels: ['Transport', 'Santé'], rating: 1 });
    expect((await o.get(`/api/alerts/${raised.id}`).expect(200)).body.checkIn.difficultyDetails).toBe('Traitement médical lourd le mardi');
  });

  it('raises one alert with its single reason when the answer only asks for a call', async () => {
    const { id } = await placement('Paul');
    const { row, token } = await sentCheckIn(id, 'employee', '1 month');
    await post(token, { rating: '3', wantsCall: 'on' }).expect(303);
    const alerts = await alertsOf(row.id);
    expect(alerts.map((alert) => [alert.kind, alert.reasons])).toEqual([['call_request', ['call_request']]]);
    expect(alerts[0].message).toBe('Suivi à 1 mois de Paul Martin chez Propreté du Nord : Paul Martin (salarié·e) souhaite être appelé·e.');
    expect((await mailsAbout(owner.email, 'Paul Martin', 1)).map((mail) => mail.subject)).toEqual(['Alerte de suivi : Demande d’appel']);
  });

  it('tells every manager too when the structure chose so', async () => {
    await t.dataSource.getRepository(Structure).update(structure.id, { alertRecipients: 'follower_and_managers' });
    try {
      const { id } = await placement('Rayan');
      const { row, token } = await sentCheckIn(id, 'employee', '2 months');
      await post(token, { rating: '1' }).expect(303);
      const alerts = await alertsOf(row.id);
      expect(alerts.map((alert) => alert.userId).sort()).toEqual([owner.id, manager.id].sort());
      // Handled, so that the lists of the tests below are as before.
      for (const alert of alerts) await m.post(`/api/alerts/${alert.id}/resolve`).expect(200);
    } finally {
      await t.dataSource.getRepository(Structure).update(structure.id, { alertRecipients: 'follower' });
    }
  });

  it('raises no_answer once when a sent check-in stays unanswered for the structure’s number of days', async () => {
    await t.dataSource.getRepository(Structure).update(structure.id, { checkInNoAnswerDays: 3 });
    const { id } = await placement('Omar');
    const { row } = await sentCheckIn(id, 'employee', '3 days');
    const scanner = asWorker(t.app.get(NoAnswerScanService));
    const sentAt = t.clock.now().getTime();
    const scanAt = (days: number) => scanner.scan(new Date(sentAt + days * DAY));
    await scanAt(2.9);
    expect(await alertsOf(row.id)).toHaveLength(0);
    await scanAt(3);
    await scanAt(3.5);
    const alerts = await alertsOf(row.id);
    expect(alerts.map((alert) => [alert.kind, alert.userId])).toEqual([['no_answer', owner.id]]);
    expect(alerts[0].message).toBe('Suivi à 3 jours de Omar Martin chez Propreté du Nord : pas de réponse de Omar Martin (salarié·e) depuis 3 jours.');
    const stored = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id });
    expect(stored.noAnswerAlertedAt?.getTime()).toBe(sentAt + 3 * DAY);
    // Answered or cancelled check-ins never raise it.
    const answered = await sentCheckIn(id, 'employer', '3 days');
    await post(answered.token, { rating: '3' }).expect(303);
    await scanAt(10);
    expect(await alertsOf(answered.row.id)).toHaveLength(0);
    expect((await mailsAbout(owner.email, 'Omar Martin', 1)).map((mail) => mail.subject)).toEqual(['Alerte de suivi : Sans réponse']);
    await t.dataSource.getRepository(Structure).update(structure.id, { checkInNoAnswerDays: 5 });
  });

  it('lists alerts (staff: their own; managers: the structure) and resolves them; another structure gets 404', async () => {
    const { id } = await placement('Nora', { placementOwner: colleague });
    const { row, token } = await sentCheckIn(id);
    await post(token, { rating: '2' }).expect(303);
    const [alert] = await alertsOf(row.id);

    const mine = (await o.get('/api/alerts').expect(200)).body;
    expect(mine.items.every((item: { userId: string }) => item.userId === owner.id)).toBe(true);
    expect(mine.items.map((item: { id: string }) => item.id)).not.toContain(alert.id);
    // Staff cannot widen their list.
    expect((await o.get('/api/alerts?mine=false').expect(200)).body.total).toBe(mine.total);
    const theirs = (await c.get('/api/alerts?resolved=false').expect(200)).body;
    expect(theirs.items.map((item: { id: string }) => item.id)).toEqual([alert.id]);
    expect(theirs.items[0]).toMatchObject({ kind: 'low_rating', kindLabel: 'Note basse', candidateName: 'Nora Martin', companyName: 'Propreté du Nord', userName: 'Julie staff' });
    const all = (await m.get('/api/alerts?mine=false').expect(200)).body;
    expect(all.total).toBe(mine.total + theirs.total);
    expect((await m.get('/api/alerts?mine=true').expect(200)).body.total).toBe(0);
    await m.get('/api/alerts?resolved=maybe').expect(400);

    await elsewhere.post(`/api/alerts/${alert.id}/resolve`).expect(404);
    expect((await elsewhere.get('/api/alerts').expect(200)).body.total).toBe(0);
    await o.post(`/api/alerts/${alert.id}/resolve`).expect(403);
    await o.get(`/api/alerts/${alert.id}`).expect(403);
    await elsewhere.get(`/api/alerts/${alert.id}`).expect(404);
    // A note too long is refused naming the field, and nothing is resolved.
    const tooLong = await c.post(`/api/alerts/${alert.id}/resolve`).send({ note: 'x'.repeat(2001) }).expect(400);
    expect(tooLong.body.details.map((detail: { field: string; code: string }) => [detail.field, detail.code])).toEqual([['note', 'checkin.alert_note_invalid']]);
    expect((await c.get(`/api/alerts/${alert.id}`).expect(200)).body.resolvedAt).toBeNull();
    const resolved = (await c.post(`/api/alerts/${alert.id}/resolve`).send({ note: '  Appelée, rendez-vous jeudi avec l’employeur  ' }).expect(200)).body;
    expect(resolved).toMatchObject({ id: alert.id, resolvedBy: colleague.id, resolvedByName: 'Julie staff', resolutionNote: 'Appelée, rendez-vous jeudi avec l’employeur' });
    expect(new Date(resolved.resolvedAt).getTime()).toBe(t.clock.now().getTime());
    expect((await c.get('/api/alerts').expect(200)).body.total).toBe(0);
    expect((await c.get('/api/alerts?resolved=true').expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([alert.id]);
    // Resolving again keeps the first resolution; managers may resolve anyone's.
    await m
      .post(`/api/alerts/${alert.id}/resolve`)
      .send({ note: 'Autre note' })
      .expect(200)
      .expect((response) => expect(response.body).toMatchObject({ resolvedBy: colleague.id, resolutionNote: 'Appelée, rendez-vous jeudi avec l’employeur' }));
  });

  it('shows the alerts to handle on the home page, with a button to mark one handled', async () => {
    const home = await o.agent.get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Alertes de suivi');
    expect(home.text).toContain('Note basse');
    const first = (await o.get('/api/alerts').expect(200)).body.items[0];
    expect(home.text).toContain(`action="/alertes/${first.id}/traitee"`);
    expect(home.text).toContain(`name="_csrf" value="${ownerSession.csrf}"`);
    await o.agent.post(`/alertes/${first.id}/traitee`).type('form').send(form({ _csrf: ownerSession.csrf })).expect(303);
    expect((await o.get('/api/alerts').expect(200)).body.items.map((item: { id: string }) => item.id)).not.toContain(first.id);
    expect(await waitForMail(colleague.email)).toHaveLength(1);
  });

  it('shows an alert on its own page with the answer, journals the read, and resolves it with a note without JavaScript', async () => {
    const { id } = await placement('Lina');
    const { row, token } = await sentCheckIn(id, 'employee', '2 months');
    await post(token, { rating: '2', goingWell: 'Les collègues', difficulties: ['hours'], difficultyDetails: 'Fin à 22 h, plus de bus', wantsCall: 'on' }).expect(303);
    const [alert] = await alertsOf(row.id);
    const page = (path: string) => o.agent.get(path).set('Accept', 'text/html');
    const before = (await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;

    const shown = (await page(`/alertes/${alert.id}`).expect(200)).text;
    expect(shown).toContain('Alerte : Note basse, difficulté signalée, demande d’appel');
    for (const part of ['Difficile (2/4)', 'Les collègues', 'Horaires', 'Fin à 22 h, plus de bus', `href="/placements/${id}"`, 'Marquer comme traitée']) {
      expect(shown).toContain(part);
    }
    const reads = await t.dataSource.query(
      `SELECT entity_id AS "entityId", details FROM audit_event WHERE action = 'sensitive_read' AND id > $1 AND actor_id = $2`,
      [before, owner.id],
    );
    expect(reads).toEqual([{ entityId: expect.any(String), details: { via: 'page', path: 'GET /alertes/:id' } }]);

    // Another structure sees nothing of it; a refused note is shown next to its field, nothing resolved.
    await elsewhere.agent.get(`/alertes/${alert.id}`).set('Accept', 'text/html').expect(404);
    const refused = await o.agent
      .post(`/alertes/${alert.id}/traitee`)
      .type('form')
      .set('Accept', 'text/html')
      .send(form({ _csrf: ownerSession.csrf, retour: 'alerte', note: 'x'.repeat(2001) }))
      .expect(400);
    expect(refused.text).toContain('id="alerte-note-erreur"');
    expect(refused.text).toContain('La note de traitement fait 2 000 caractères au plus.');
    expect((await t.dataSource.getRepository(StaffAlert).findOneByOrFail({ id: alert.id })).resolvedAt).toBeNull();

    const done = await o.agent
      .post(`/alertes/${alert.id}/traitee`)
      .type('form')
      .send(form({ _csrf: ownerSession.csrf, retour: 'alerte', note: 'Appelée : horaires revus avec l’employeur' }))
      .expect(303);
    expect(done.headers.location).toBe(`/alertes/${alert.id}?ok=traitee`);
    const after = (await page(done.headers.location).expect(200)).text;
    expect(after).toContain('Alerte marquée comme traitée.');
    expect(after).toContain('par Karim staff');
    expect(after).toContain('Appelée : horaires revus avec l’employeur');
    expect(after).not.toContain('name="note"');

    // The handled alert stays in the placement's history, with its note; the answer is on the person's page.
    const placementPage = (await page(`/placements/${id}`).expect(200)).text;
    expect(placementPage).toContain('Alertes de ce placement');
    expect(placementPage).toContain(`href="/alertes/${alert.id}"`);
    expect(placementPage).toContain('Traitée le');
    expect(placementPage).toContain('Appelée : horaires revus avec l’employeur');
    const candidateId = (await t.dataSource.query(`SELECT candidate_id FROM placement WHERE id = $1`, [id]))[0].candidate_id;
    const candidatePage = (await page(`/candidats/${candidateId}`).expect(200)).text;
    expect(candidatePage).toContain('Ses réponses aux points de suivi');
    expect(candidatePage).toContain('Fin à 22 h, plus de bus');
    expect(candidatePage).toContain('Difficile (2/4)');
    await elsewhere.agent.get(`/placements/${id}`).set('Accept', 'text/html').expect(404);
  });
});
