import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { CheckIn } from '../src/checkins/check-in.entity';
import { signCheckInToken } from '../src/checkins/check-in-token';
import { DigestService } from '../src/reminders/digest.service';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { quietly } from './helpers/logs';
import { inboxOf } from './helpers/mail';
import { asWorker } from './helpers/scope';

/**
 * Issue 15, point 6: every answer and page that shows a candidate's constraints or notes, check-in
 * answers or a rupture reason records a sensitive read (who, when, whom, which route), and nothing
 * else does; retention changes are journaled; alert e-mails and digests name no difficulty.
 */

interface Read {
  actorId: string | null;
  entityId: string | null;
  details: { via?: string; path?: string; count?: number; candidateIds?: string[] } | null;
}

const DAY = 86_400_000;
/** The labels of the difficulties a person may tick (DIFFICULTY_LABELS): never in an e-mail. */
const DIFFICULTY_WORDS = ['Santé', 'Garde d’enfants', 'Horaires', 'Transport', 'Tâches', 'Équipe'];

describe('sensitive reads journaled (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  let structure: Structure;
  let staffUser: User;
  let managerUser: User;
  let follower: User;
  let staff: Api;
  let manager: Api;
  let followerApi: Api;
  let csrf: { manager: string };
  let otherManager: Api;
  let companyId: string;
  let contactId: string;

  const http = () => request(t.app.getHttpServer());
  const page = (who: Api, path: string) => who.agent.get(path).set('Accept', 'text/html');

  /** The last audit event id: what a request records comes after it. */
  const mark = async (): Promise<string> => (await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;
  /** The sensitive reads of this structure recorded since `since`, in order. */
  async function readsSince(since: string): Promise<Read[]> {
    return t.dataSource.query(
      `SELECT actor_id AS "actorId", entity_id AS "entityId", details FROM audit_event
        WHERE structure_id = $1 AND action = 'sensitive_read' AND id > $2 ORDER BY id`,
      [structure.id, since],
    );
  }
  /** Whom a read names: its candidate, or the people of a list. */
  const named = (read: Read) => (read.entityId ? [read.entityId] : [...(read.details?.candidateIds ?? [])]).sort();

  async function candidate(firstName: string, extra: { constraints?: object; notes?: string } = {}): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO candidate (structure_id, first_name, last_name, owner_id, constraints, notes) VALUES ($1, $2, 'Lecture', $3, $4, $5) RETURNING id`,
      [structure.id, firstName, staffUser.id, JSON.stringify(extra.constraints ?? {}), extra.notes ?? null],
    );
    return row.id;
  }

  async function placement(candidateId: string, owner: User, extra: { ruptureReason?: string } = {}): Promise<string> {
    const ended = extra.ruptureReason !== undefined;
    const [row] = await t.dataSource.query(
      `INSERT INTO placement (structure_id, candidate_id, company_id, kind, contract_type, job_title, start_date, status, owner_id,
                              employer_contact_id, end_date, end_kind, rupture_reason, ended_by)
       VALUES ($1, $2, $3, 'contract', 'cdd', 'Agent·e d’entretien', '2026-10-05', $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        structure.id,
        candidateId,
        companyId,
        ended ? 'ended' : 'started',
        owner.id,
        contactId,
        ended ? '2026-11-10' : null,
        ended ? 'early' : null,
        extra.ruptureReason ?? null,
        ended ? 'employee' : null,
      ],
    );
    return row.id;
  }

  /** A follow-up sent to `party`, answered through its public form. */
  async function answered(placementId: string, party: 'employee' | 'employer', fields: Record<string, string | string[]>): Promise<string> {
    const repository = t.dataSource.getRepository(CheckIn);
    const row = await repository.save(
      repository.create({
        structureId: structure.id,
        placementId,
        party,
        step: '1 month',
        dueAt: t.clock.now(),
        status: 'sent',
        sentAt: t.clock.now(),
        recipient: party === 'employer' ? 'rh@proprete-lecture.fr' : 'personne@exemple.fr',
      }),
    );
    const token = signCheckInToken(t.config.SESSION_SECRET, row.id, new Date(t.clock.now().getTime() + 30 * DAY));
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
    await http().post(`/suivi/${token}`).type('form').set('Accept', 'text/html').send(body.toString()).expect(303);
    return row.id;
  }

  async function mailsTo(address: string, keep: (text: string) => boolean, count: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const mails = (await inboxOf(address)).filter((mail) => keep(String(mail.text)));
      if (mails.length >= count || Date.now() > deadline) return mails;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    structure = await createStructure(t.dataSource, 'ACI Lectures');
    staffUser = await createUser(t.dataSource, structure, 'staff', 'Karim');
    managerUser = await createUser(t.dataSource, structure, 'manager', 'Claire');
    follower = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const server = t.app.getHttpServer();
    staff = api(await login(server, staffUser.email));
    const managerSession = await login(server, managerUser.email);
    manager = api(managerSession);
    csrf = { manager: managerSession.csrf };
    followerApi = api(await login(server, follower.email));
    otherManager = api(await login(server, (await createUser(t.dataSource, await createStructure(t.dataSource, 'EI Ailleurs'), 'manager')).email));
    companyId = (await staff.post('/api/companies', { name: 'Propreté Lecture' }).expect(201)).body.id;
    const [contact] = await t.dataSource.query(
      `INSERT INTO contact (structure_id, company_id, first_name, last_name, email) VALUES ($1, $2, 'Hélène', 'Durand', 'rh@proprete-lecture.fr') RETURNING id`,
      [structure.id, companyId],
    );
    contactId = contact.id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  // First: the worker (started later, for the e-mails) takes over the logger `quietly` silences.
  describe('retention settings', () => {
    const changesOf = () =>
      t.dataSource.query(
        `SELECT actor_id AS "actorId", action, changes, at FROM audit_event WHERE structure_id = $1 AND entity = 'structure' ORDER BY id`,
        [structure.id],
      ) as Promise<Array<{ actorId: string; action: string; changes: object; at: Date }>>;

    it('journals each change of the retention period (from → to, who, when), by the API and the page; no change, none', async () => {
      expect(await changesOf()).toEqual([]);
      await manager.put('/api/privacy/settings', { retentionMonths: 36 }).expect(200);
      await manager.put('/api/privacy/settings', { retentionMonths: 36 }).expect(200);
      await manager.put('/api/privacy/settings', { retentionMonths: 2 }).expect(400);
      await staff.put('/api/privacy/settings', { retentionMonths: 12 }).expect(403);
      await manager.agent
        .post('/administration/rgpd')
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf.manager, retentionMonths: '18' })
        .expect(303);
      const changes = await changesOf();
      expect(changes.map(({ actorId, action, changes: fields }) => ({ actorId, action, changes: fields }))).toEqual([
        { actorId: managerUser.id, action: 'update', changes: { retentionMonths: { from: 24, to: 36 } } },
        { actorId: managerUser.id, action: 'update', changes: { retentionMonths: { from: 36, to: 18 } } },
      ]);
      expect(Math.abs(new Date(changes[1].at).getTime() - t.clock.now().getTime())).toBeLessThan(60_000);
      const journal = await page(manager, '/journal?entite=structure').expect(200);
      expect(journal.text).toContain('Durée de conservation des données (mois)');
      const api = (await manager.get(`/api/audit?entity=structure&entityId=${structure.id}`).expect(200)).body;
      expect(api.total).toBe(2);
    });

    it('writes the setting and its journal entry in one transaction: no entry, no change', async () => {
      await t.dataSource.query(`
        CREATE FUNCTION audit_test_block_structure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.entity = 'structure' THEN RAISE EXCEPTION 'audit unavailable'; END IF; RETURN NEW; END $$`);
      await t.dataSource.query(
        `CREATE TRIGGER audit_test_block_structure BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_test_block_structure()`,
      );
      try {
        await quietly(() => manager.put('/api/privacy/settings', { retentionMonths: 60 }).expect(500));
      } finally {
        await t.dataSource.query(`DROP TRIGGER audit_test_block_structure ON audit_event`);
        await t.dataSource.query(`DROP FUNCTION audit_test_block_structure()`);
      }
      expect((await manager.get('/api/privacy/settings').expect(200)).body.retentionMonths).toBe(18);
      expect(await changesOf()).toHaveLength(2);
    });
  });
  describe('candidates', () => {
    it('records the answer to POST /api/candidates, which carries the constraints and notes just stored; a refused one is no read', async () => {
      const since = await mark();
      const created = await staff
        .post('/api/candidates', { firstName: 'Nina', lastName: 'Créée', constraints: { health: 'Asthme sévère' }, notes: 'Sortie de CHRS' })
        .expect(201);
      expect(created.body.constraints).toEqual({ health: 'Asthme sévère' });
      expect(await readsSince(since)).toEqual([
        { actorId: staffUser.id, entityId: created.body.id, details: { via: 'api', path: 'POST /api/candidates' } },
      ]);
      const refused = await mark();
      await staff.post('/api/candidates', { firstName: 'Sans nom', constraints: { health: 'Asthme sévère' } }).expect(400);
      expect(await readsSince(refused)).toEqual([]);
    });
  });

  describe('RGPD pages', () => {
    it('records the erasure form shown again after a refusal, with everything it shows; the privacy log keeps the first showing only', async () => {
      const id = await candidate('Rémi', { constraints: { housing: 'Hébergé chez un tiers' }, notes: 'Dette de loyer' });
      await page(manager, `/rgpd/candidats/${id}`).expect(200);
      const logged = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM privacy_request WHERE subject_id = $1`, [id]))[0].n;
      const loggedBefore = await logged();
      const since = await mark();
      const refused = await manager.agent
        .post(`/rgpd/candidats/${id}/effacer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf.manager, reason: ' ' })
        .expect(400);
      expect(refused.text).toContain('Hébergé chez un tiers');
      expect(refused.text).toContain('Dette de loyer');
      expect(await readsSince(since)).toEqual([
        { actorId: managerUser.id, entityId: id, details: { via: 'page', path: 'POST /rgpd/candidats/:id/effacer' } },
      ]);
      expect(await logged()).toBe(loggedBefore);
      // Another structure's person: 404, and no read.
      const foreign = await mark();
      await otherManager.get(`/api/privacy/candidates/${id}/export`).expect(404);
      expect(await readsSince(foreign)).toEqual([]);
    });

    it('records, on a contact’s page, API export and refused erasure form, a read of the employees their follow-up answers are about', async () => {
      const person = await candidate('Ilyes');
      const placementId = await placement(person, staffUser);
      await answered(placementId, 'employer', { rating: '3', goingWell: 'Très ponctuel', difficulties: ['team'], difficultyDetails: 'Tensions avec un collègue' });
      const expected = (path: string, via = 'page') => ({ actorId: managerUser.id, entityId: person, details: { via, path } });

      let since = await mark();
      const shown = await page(manager, `/rgpd/contacts/${contactId}`).expect(200);
      expect(shown.text).toContain('Tensions avec un collègue');
      expect(await readsSince(since)).toEqual([expected('GET /rgpd/contacts/:id')]);

      since = await mark();
      await manager.get(`/api/privacy/contacts/${contactId}/export`).expect(200);
      expect(await readsSince(since)).toEqual([expected('GET /api/privacy/contacts/:id/export', 'privacy_export')]);

      since = await mark();
      const refused = await manager.agent
        .post(`/rgpd/contacts/${contactId}/effacer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf.manager, reason: '' })
        .expect(400);
      expect(refused.text).toContain('Tensions avec un collègue');
      expect(await readsSince(since)).toEqual([expected('POST /rgpd/contacts/:id/effacer')]);
    });
  });

  describe('alerts', () => {
    let amina: string;
    let bruno: string;

    it('records one read naming the people whose answers /api/alerts carries, one per resolved alert; alerts without answers are no read', async () => {
      amina = await candidate('Amina');
      bruno = await candidate('Bruno');
      await answered(await placement(amina, follower), 'employee', {
        rating: '1',
        difficulties: ['health', 'childcare'],
        difficultyDetails: 'Opération prévue en janvier',
      });
      await answered(await placement(bruno, follower), 'employee', { rating: '4', goingWell: 'Super équipe', wantsCall: 'on' });

      const since = await mark();
      const list = (await followerApi.get('/api/alerts?limit=100').expect(200)).body;
      expect(list.items.some((item: { checkIn: { difficultyDetails: string } | null }) => item.checkIn?.difficultyDetails === 'Opération prévue en janvier')).toBe(
        true,
      );
      const reads = await readsSince(since);
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ actorId: follower.id, entityId: null, details: { via: 'api', path: 'GET /api/alerts', count: 2 } });
      expect(named(reads[0])).toEqual([amina, bruno].sort());

      const call = list.items.find((item: { kind: string; candidateId: string }) => item.kind === 'call_request' && item.candidateId === bruno);
      const resolved = await mark();
      await followerApi.post(`/api/alerts/${call.id}/resolve`).expect(200);
      expect(await readsSince(resolved)).toEqual([
        { actorId: follower.id, entityId: bruno, details: { via: 'api', path: 'POST /api/alerts/:id/resolve' } },
      ]);

      // An alert that carries no answer (a rupture, a call task) shows nothing sensitive.
      const newcomer = await createUser(t.dataSource, structure, 'staff', 'Paul');
      const newcomerApi = api(await login(t.app.getHttpServer(), newcomer.email));
      const [plain] = await t.dataSource.query(
        `INSERT INTO staff_alert (structure_id, user_id, placement_id, kind, message) VALUES ($1, $2, $3, 'rupture', 'Rupture : Chloé Lecture') RETURNING id`,
        [structure.id, newcomer.id, await placement(await candidate('Chloé'), newcomer)],
      );
      const none = await mark();
      expect((await newcomerApi.get('/api/alerts?limit=100').expect(200)).body.total).toBe(1);
      await newcomerApi.post(`/api/alerts/${plain.id}/resolve`).expect(200);
      expect(await readsSince(none)).toEqual([]);
    });

    it('shows on the home page which difficulties were signalled and their details, recording the read', async () => {
      const since = await mark();
      const home = await page(followerApi, '/').expect(200);
      expect(home.text).toContain('Difficultés : Santé, Garde d’enfants');
      expect(home.text).toContain('Opération prévue en janvier');
      expect(await readsSince(since)).toEqual([{ actorId: follower.id, entityId: amina, details: { via: 'page', path: 'GET /' } }]);
    });

    it('e-mails the alert and the daily digest without naming any difficulty, pointing to the app', async () => {
      // The alert e-mails wait in the queue until a worker sends them.
      worker = await createTestWorker();
      const [alert] = await mailsTo(follower.email, (text) => text.includes('Amina Lecture') && text.includes('Note basse, difficulté signalée'), 1);
      expect(alert).toBeDefined();
      expect(alert.text).toContain('Amina Lecture (salarié·e) a répondu « Très difficile » (1/4) et signale des difficultés.');
      expect(alert.text).toMatch(new RegExp(`${t.config.APP_BASE_URL}/alertes/[0-9a-f-]{36}`));

      const digests = asWorker(t.app.get(DigestService));
      expect((await digests.sendDue(new Date('2027-01-05T07:00:00Z'), { structureIds: [structure.id] })).sent).toBeGreaterThan(0);
      const [digest] = await mailsTo(follower.email, (text) => text.includes('Voici vos relances'), 1);
      expect(digest).toBeDefined();
      expect(digest.text).toContain('signale des difficultés');

      for (const mail of [alert, digest]) {
        for (const secret of [...DIFFICULTY_WORDS, 'Opération prévue']) {
          expect(mail.text).not.toContain(secret);
          expect(String(mail.html)).not.toContain(secret);
        }
      }
    });
  });

  describe('placements', () => {
    it('records a read of the person for every API answer showing a rupture reason, and none for the others', async () => {
      const person = await candidate('Dylan');
      const plan = { candidateId: person, companyId, contractType: 'cdd', jobTitle: 'Cariste', startDate: '2026-10-05', plannedEndDate: '2027-04-01' };
      const since = await mark();
      const id = (await staff.post('/api/placements', plan).expect(201)).body.id as string;
      await staff.post(`/api/placements/${id}/start`, { version: 1 }).expect(200);
      await staff.get(`/api/placements/${id}`).expect(200);
      expect(await readsSince(since)).toEqual([]);

      const reads = async (run: () => Promise<unknown>) => {
        const before = await mark();
        await run();
        return readsSince(before);
      };
      const read = (path: string) => [{ actorId: staffUser.id, entityId: person, details: { via: 'api', path } }];
      const end = { version: 2, endDate: '2026-11-20', endKind: 'early', ruptureReason: 'Conflit avec le chef d’équipe', endedBy: 'employee' };
      expect(await reads(() => staff.post(`/api/placements/${id}/end`, end).expect(200))).toEqual(read('POST /api/placements/:id/end'));
      expect(await reads(() => staff.get(`/api/placements/${id}`).expect(200))).toEqual(read('GET /api/placements/:id'));
      expect(await reads(() => staff.get(`/api/placements?candidate=${person}`).expect(200))).toEqual(read('GET /api/placements'));

      // The whole list: one event naming the people whose rupture reasons it shows.
      const other = await candidate('Emma');
      await placement(other, staffUser, { ruptureReason: 'Problème de garde' });
      const [all] = await reads(() => staff.get('/api/placements?limit=100').expect(200));
      expect(all).toMatchObject({ actorId: staffUser.id, entityId: null, details: { via: 'api', path: 'GET /api/placements' } });
      expect(named(all)).toEqual(expect.arrayContaining([person, other]));
      expect(all.details?.count).toBe(named(all).length);
      // Another structure: 404, no read.
      expect(await reads(() => otherManager.get(`/api/placements/${id}`).expect(404))).toEqual([]);
    });

    it('records the read of the placements page, which shows rupture reasons, also when a refused form shows it again', async () => {
      const person = await candidate('Farid');
      await placement(person, staffUser, { ruptureReason: 'Trajet trop long' });
      const since = await mark();
      const shown = await page(staff, '/placements').expect(200);
      expect(shown.text).toContain('Trajet trop long');
      const [read] = await readsSince(since);
      expect(read).toMatchObject({ actorId: staffUser.id, details: { via: 'page', path: 'GET /placements' } });
      expect(named(read)).toContain(person);

      // An early end without its reason is refused: the page comes back, with the others' reasons.
      const started = await placement(await candidate('Hugo'), managerUser);
      const again = await mark();
      const refused = await manager.agent
        .post(`/placements/${started}/terminer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrf.manager, endDate: '2026-11-20', endKind: 'early', ruptureReason: '', endedBy: 'employee', version: '1' })
        .expect(400);
      expect(refused.text).toContain('Trajet trop long');
      const [reread] = await readsSince(again);
      expect(reread).toMatchObject({ actorId: managerUser.id, details: { via: 'page', path: 'POST /placements/:id/terminer' } });
      expect(named(reread)).toContain(person);
    });

    it('keeps rupture reasons out of the journal: it says they changed, so reading the journal shows nothing sensitive', async () => {
      const person = await candidate('Gaëlle');
      const plan = { candidateId: person, companyId, contractType: 'cdd', jobTitle: 'Vendeuse', startDate: '2026-10-05', plannedEndDate: '2027-04-01' };
      const id = (await staff.post('/api/placements', plan).expect(201)).body.id as string;
      await staff.post(`/api/placements/${id}/start`, { version: 1 }).expect(200);
      await staff
        .post(`/api/placements/${id}/end`, { version: 2, endDate: '2026-11-20', endKind: 'early', ruptureReason: 'Harcèlement signalé', endedBy: 'employee' })
        .expect(200);
      const events = (await manager.get(`/api/audit?entityId=${id}&kind=changes`).expect(200)).body.items;
      expect(events[0].changes.ruptureReason).toEqual({ changed: true });
      expect(JSON.stringify(events)).not.toContain('Harcèlement');
      expect((await page(manager, `/journal?entite=placement&fiche=${id}`).expect(200)).text).not.toContain('Harcèlement');
    });
  });
});
