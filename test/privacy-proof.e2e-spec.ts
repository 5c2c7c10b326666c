import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import { randomInt } from 'node:crypto';
import { signCheckInToken } from '../src/checkins/check-in-token';
import { RetentionService } from '../src/privacy/retention.service';
import { addCalendarDays, calendarDayIn } from '../src/common/calendar/working-days';
import { Structure } from '../src/structures/structure.entity';
import { api, Api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, LoggedIn, login } from './helpers/fixtures';
import { asWorker } from './helpers/scope';

/**
 * The proof that erasure and anonymisation leave nothing behind: unique markers (a surname written
 * in its usual variants, an e-mail address, a phone number in several formats, a health word) are
 * planted in every free-text field reachable through the API, the answer form and the importer;
 * the person is erased (or anonymised by the retention scan); then every text column of every
 * table — read from the catalog, so a column added later is searched without editing this test —
 * and every Redis key of the app hold none of them.
 */
const DAY = 24 * 3600 * 1000;
/** Lower-case letters: a token found nowhere else, which every spelling variant of a name keeps. */
const token = () => Array.from({ length: 10 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
const capital = (word: string) => word.replace(/^./, (c) => c.toUpperCase());
/** A mobile number: its 9 significant digits, and the ways staff write it. */
function mobile() {
  // 06 40–89: metropolitan mobiles (06 39 and 06 9x are overseas numbers, stored as +262…/+590…).
  const digits = `6${randomInt(40, 90)}${Array.from({ length: 6 }, () => randomInt(10)).join('')}`;
  const pairs = `0${digits}`.match(/../g)!;
  return {
    digits,
    spaced: pairs.join(' '),
    dotted: pairs.join('.'),
    international: `+33 ${digits[0]} ${digits.slice(1).match(/../g)!.join(' ')}`,
    compact: `0${digits}`,
  };
}

interface Person {
  /** What must be found nowhere afterwards (lower case; phone: digits). */
  needles: string[];
  phoneDigits: string;
}

describe('privacy: the proof that nothing is left (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let redis: Redis;
  let structure: Structure;
  let staffId: string;
  let m: Api;
  let s: Api;
  let staffSession: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    redis = new Redis(process.env.REDIS_URL!);
    structure = await createStructure(t.dataSource, 'ACI Preuve');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Mona');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    staffId = staff.id;
    m = api(await login(t.app.getHttpServer(), manager.email));
    staffSession = await login(t.app.getHttpServer(), staff.email);
    s = api(staffSession);
  });
  afterAll(async () => {
    redis?.disconnect();
    await worker?.close();
    await t?.close();
  });

  const today = () => calendarDayIn('Europe/Paris', t.clock.now());

  /** Every text-like column of every table of the schema, from the catalog. */
  async function textColumns(): Promise<Array<{ table: string; column: string; type: string }>> {
    return t.dataSource.query(
      `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
         FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND tb.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea', 'USER-DEFINED')
          AND c.table_name <> 'migrations'
        ORDER BY 1, 2`,
    );
  }

  /** `table.column` of every column where any needle (or the phone's digits) is found. */
  async function databaseHits(person: Person): Promise<string[]> {
    const hits: string[] = [];
    for (const { table, column, type } of await textColumns()) {
      const value = type === 'bytea' ? `encode(x."${column}", 'escape')` : `x."${column}"::text`;
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n, left(min(${value}), 300) AS sample FROM "${table}" x
          WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) needle WHERE strpos(lower(${value}), needle) > 0)
             OR strpos(regexp_replace(${value}, '\\D', '', 'g'), $2) > 0`,
        [person.needles, person.phoneDigits],
      );
      // The column, and what it still holds (test data only), so a failure says what leaked.
      if (row.n > 0) hits.push(`${table}.${column}: ${row.sample}`);
    }
    return hits;
  }

  /** Keys of the app's Redis whose content holds a needle. */
  async function redisHits(person: Person): Promise<string[]> {
    const prefix = t.config.REDIS_PREFIX;
    const hits: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        let content = '';
        if (type === 'string') content = (await redis.get(key)) ?? '';
        else if (type === 'hash') content = JSON.stringify(await redis.hgetall(key));
        else if (type === 'list') content = JSON.stringify(await redis.lrange(key, 0, -1));
        else if (type === 'set') content = JSON.stringify(await redis.smembers(key));
        else if (type === 'zset') content = JSON.stringify(await redis.zrange(key, 0, -1));
        else if (type === 'stream') content = JSON.stringify(await redis.xrange(key, '-', '+'));
        const text = `${key} ${content}`;
        if (person.needles.some((needle) => text.toLowerCase().includes(needle)) || text.replace(/\D/g, '').includes(person.phoneDigits)) hits.push(key);
      }
    } while (cursor !== '0');
    return hits;
  }

  async function waitImport(id: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = (await s.get(`/api/imports/${id}`).expect(200)).body;
      if (body.status === 'done' || body.status === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Answers one of the placement's check-ins through the public form, as the person would. */
  async function answer(placementId: string, party: 'employee' | 'employer', fields: Record<string, string>) {
    const [row] = await t.dataSource.query(
      `UPDATE check_in SET status = 'sent', sent_at = now(), recipient = coalesce(recipient, 'suivi@exemple.fr')
        WHERE id = (SELECT id FROM check_in WHERE placement_id = $1 AND party = $2 ORDER BY due_at LIMIT 1) RETURNING id`,
      [placementId, party],
    );
    const id = (row as Array<{ id: string }>)[0]?.id ?? (row as { id: string }).id;
    const tokenValue = signCheckInToken(t.config.SESSION_SECRET, id, new Date(t.clock.now().getTime() + 30 * DAY));
    await staffSession.agent.post(`/suivi/${tokenValue}`).type('form').set('Accept', 'text/html').send(new URLSearchParams(fields).toString()).expect(303);
  }

  /**
   * Plants a candidate's identifiers and a health word in every free-text field, through the API,
   * the answer form and the importer; returns what must be gone afterwards.
   */
  async function plantCandidate(label: string) {
    const surnameToken = token();
    const surname = `Dû${surnameToken}`; // « Dûxxxxxxxx »: the accent must not let a variant through
    const health = `diabete${token()}`;
    const emailLocal = `hugo.${token()}`;
    const email = `${emailLocal}@exemple.fr`;
    const phone = mobile();
    const name = `Hugo ${capital(surname)}`;
    const candidate = (
      await s
        .post('/api/candidates', {
          firstName: 'Hugo',
          lastName: capital(surname),
          email,
          phone: phone.spaced,
          ownerId: staffId,
          referrerName: `Conseillère de ${name}`,
          notes: `Suivi ${health}`,
          constraints: { health: `Traitement ${health}` },
        })
        .expect(201)
    ).body.id as string;

    // A company whose notes name him in other ways (not tied to him: found by the search).
    const company = (
      await s
        .post('/api/companies', {
          name: `Menuiserie ${label} ${token()}`,
          notes: `Mme Quillardet a rencontré H. ${surname.toUpperCase()} ; joindre au ${phone.international} ou ${email.toUpperCase()}`,
          nextAction: { type: 'call', dueOn: addCalendarDays(today(), 3), note: `Rappeler ${capital(surname)} Hugo au ${phone.dotted}` },
        })
        .expect(201)
    ).body.id as string;
    const contact = (
      await s.post(`/api/companies/${company}/contacts`, { firstName: 'Lise', lastName: `Chef${token()}`, notes: `Tutrice de M. ${capital(surname)}` }).expect(201)
    ).body.id as string;
    await s.post(`/api/companies/${company}/activities`, { type: 'note', text: `Croisé ${name.toUpperCase()} (${phone.compact}) au salon` }).expect(201);

    // Tied to him: the lead he alone was proposed on, his proposals, the activity about him.
    const lead = (
      await s
        .post('/api/leads', {
          companyId: company,
          jobTitle: `Poste assis pour ${name} (${health})`,
          contractType: 'cdi',
          requirements: [`Pas de charges (${health})`],
          adaptations: [`Siège pour ${name}`],
          contactId: contact,
        })
        .expect(201)
    ).body.id as string;
    await s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate, force: true }).expect(201);
    await s.post(`/api/companies/${company}/activities`, { type: 'meeting', candidateId: candidate, contactId: contact, text: `${name} convient, sa santé (${health})` }).expect(201);
    const otherLead = (await s.post('/api/leads', { companyId: company, jobTitle: 'Cariste', contractType: 'cdd' }).expect(201)).body;
    const declined = (await s.post(`/api/leads/${otherLead.id}/proposals`, { candidateId: candidate, force: true }).expect(201)).body.id;
    await s.post(`/api/proposals/${declined}/outcome`, { outcome: 'declined_by_candidate', reason: `${name} : soins (${health})` }).expect(201);
    const abandoned = (await s.get(`/api/leads/${otherLead.id}`).expect(200)).body;
    await s.post(`/api/leads/${otherLead.id}/status`, { status: 'abandoned', abandonReason: `${name} hospitalisé (${health})`, version: abandoned.version }).expect(201);

    // An encounter he was invited to (the invitation's calendar part names him), attended, and a note on what followed.
    const encounter = (
      await s
        .post('/api/encounters', { kind: 'job_dating', title: `Job dating ${label} ${token()}`, day: addCalendarDays(today(), -2), startTime: '09:00', endTime: '11:00', place: 'Salle des fêtes' })
        .expect(201)
    ).body;
    const invited = (await s.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [candidate] }).expect(201)).body;
    const seat = invited.participants[0].id as string;
    await s.put(`/api/encounters/${encounter.id}/attendance`, { entries: [{ participantId: seat, status: 'present' }] }).expect(200);
    await s.put(`/api/encounters/${encounter.id}/participants/${seat}/outcome`, { outcome: 'interview', note: `${name} motivé malgré son ${health}` }).expect(200);

    // His placement, both parties' answers through the form, ended with a reason.
    const created = (
      await s
        .post('/api/placements', { candidateId: candidate, companyId: company, leadId: lead, employerContactId: contact, contractType: 'cdi', jobTitle: `Menuisier (${health})`, startDate: addCalendarDays(today(), -4), ownerId: staffId })
        .expect(201)
    ).body;
    await s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    await answer(created.id, 'employee', { rating: '2', goingWell: `Moi, ${name}, j’aime l’équipe`, difficulties: 'health', difficultyDetails: `Mon ${health}, appelez le ${phone.spaced}` });
    await answer(created.id, 'employer', { rating: '2', goingWell: `${name} est ponctuel`, difficulties: 'health', difficultyDetails: `Absences (${health})` });
    const placed = (await s.get(`/api/placements/${created.id}`).expect(200)).body;
    await s.post(`/api/placements/${created.id}/end`, { version: placed.version, endDate: today(), endKind: 'early', ruptureReason: `${name} : rechute (${health})`, endedBy: 'employee' }).expect(200);

    // The importer: a file whose notes name him, with his number as a company's phone. (Its file
    // name is not searched for a bare surname: like any text, a surname alone is not taken for him.)
    const file = Buffer.from(`nom;notes;telephone\nAtelier ${token()};Contact : H. ${capital(surname)} au ${phone.compact};${phone.dotted}\n`);
    const started = await staffSession.agent
      .post('/api/imports')
      .set('x-csrf-token', staffSession.csrf)
      .field('dryRun', 'false')
      .attach('file', file, `entreprises-${token()}.csv`)
      .expect(202);
    expect((await waitImport(started.body.id)).status).toBe('done');

    // The export (with a reason naming him) is journaled.
    await s.get(`/api/privacy/candidates/${candidate}/export`).expect(200);
    return { candidate, reason: `Courrier de ${name} (${health})`, person: { needles: [surnameToken, health, emailLocal], phoneDigits: phone.digits } };
  }

  it('erasure on request: nothing of the person is left in any column of any table, nor in Redis', async () => {
    const { candidate, reason, person } = await plantCandidate('Erasure');
    // Planted for real: before the erasure, the search finds them in many places.
    const before = await databaseHits(person);
    expect(before.length).toBeGreaterThan(10);

    await m.post(`/api/privacy/candidates/${candidate}/erase`, { reason }).expect(200);
    expect(await databaseHits(person)).toEqual([]);
    expect(await redisHits(person)).toEqual([]);
  });

  it('anonymisation by the retention scan: the same, without anyone confirming', async () => {
    const { candidate, person } = await plantCandidate('Retention');
    await s.post(`/api/candidates/${candidate}/exit`, { exitDate: today(), exitCategory: 'other' }).expect(200);
    const retention = asWorker(t.app.get(RetentionService), 'retention');
    const exitDay = today();
    // Warned 30 days before exit + 24 months, anonymised on the day.
    const due = addCalendarDays(exitDay, 731);
    for (const day of [addCalendarDays(due, -30), addCalendarDays(due, 1)]) {
      t.clock.set(new Date(`${day}T10:00:00Z`));
      try {
        await retention.run(undefined, { structureIds: [structure.id] });
      } finally {
        t.clock.set(new Date());
      }
    }
    expect((await t.dataSource.query(`SELECT anonymised_at FROM candidate WHERE id = $1`, [candidate]))[0].anonymised_at).not.toBeNull();
    expect(await databaseHits(person)).toEqual([]);
    expect(await redisHits(person)).toEqual([]);
  });

  it('erasure of a company contact: nothing of them is left either', async () => {
    const surnameToken = token();
    const surname = `Lefèvre${surnameToken}`;
    const health = `arret${token()}`;
    const emailLocal = `paule.${token()}`;
    const phone = mobile();
    const name = `Paule ${capital(surname)}`;
    const company = (await s.post('/api/companies', { name: `Boulangerie ${token()}`, notes: `Voir avec Mme ${surname.toUpperCase()}` }).expect(201)).body.id as string;
    const contact = (
      await s
        .post(`/api/companies/${company}/contacts`, { firstName: 'Paule', lastName: capital(surname), email: `${emailLocal}@exemple.fr`, phone: phone.spaced, jobTitle: 'Gérante', notes: `En ${health}` })
        .expect(201)
    ).body.id as string;
    await s.post(`/api/companies/${company}/activities`, { type: 'call', contactId: contact, text: `${name} absente (${health})` }).expect(201);
    const elsewhere = (await s.post('/api/companies', { name: `Fournil ${token()}`, notes: `Recommandé par P. ${capital(surname)} (${phone.international})` }).expect(201)).body.id as string;
    await s.post(`/api/companies/${elsewhere}/activities`, { type: 'note', text: `Écrire à ${emailLocal.toUpperCase()}@EXEMPLE.FR` }).expect(201);
    const candidate = (await s.post('/api/candidates', { firstName: 'Jules', lastName: `Roux${token()}`, ownerId: staffId }).expect(201)).body.id as string;
    const created = (
      await s
        .post('/api/placements', { candidateId: candidate, companyId: company, employerContactId: contact, contractType: 'cdd', jobTitle: 'Vendeur', startDate: addCalendarDays(today(), -4), plannedEndDate: addCalendarDays(today(), 120), ownerId: staffId })
        .expect(201)
    ).body;
    await s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    await answer(created.id, 'employer', { rating: '3', goingWell: `Jules aide ${name}`, difficulties: 'health', difficultyDetails: `Je suis en ${health}, rappelez le ${phone.dotted}` });
    // Invited to a job dating and to a meeting: both invitations' calendar parts name her and carry her address.
    const dating = (
      await s
        .post('/api/encounters', { kind: 'job_dating', title: 'Job dating du fournil', day: addCalendarDays(today(), 5), startTime: '09:00', endTime: '11:00', hostCompanyId: company })
        .expect(201)
    ).body;
    await s.post(`/api/encounters/${dating.id}/participants`, { contactIds: [contact] }).expect(201);
    await s.put(`/api/companies/${company}/next-action`, { type: 'meeting', dueOn: addCalendarDays(today(), 6), time: '10:00', contactId: contact }).expect(200);
    const person = { needles: [surnameToken, health, emailLocal], phoneDigits: phone.digits };
    expect((await databaseHits(person)).length).toBeGreaterThan(4);

    await m.post(`/api/privacy/contacts/${contact}/erase`, { reason: `${name} l’a demandé (${health})` }).expect(200);
    expect(await databaseHits(person)).toEqual([]);
    expect(await redisHits(person)).toEqual([]);
  });
});
