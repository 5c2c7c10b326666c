import { randomInt, randomUUID } from 'node:crypto';
import { WITHHELD } from '../src/privacy/candidate-mentions';
import { addCalendarDays, calendarDayIn } from '../src/common/calendar/working-days';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/**
 * RGPD exports (issue 15, point 5): a candidate's export holds what staff wrote about them, the job
 * sheets written for them, their record's audit trail and who read their constraints and notes; a
 * company contact's export holds only the contact's own data, never the details of a candidate
 * written in the same notes.
 */

/** Letters only, unique: a marker a search cannot confuse with anything else. */
const token = () =>
  Array.from({ length: 10 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('').replace(/^./, (c) => c.toUpperCase());
// 06 40–89: metropolitan mobiles (06 39 is Mayotte's, 06 9x the Antilles' and Réunion's: shown as 0690 …).
const phone = () => `06 ${randomInt(40, 90)} ${Array.from({ length: 3 }, () => String(randomInt(10, 100))).join(' ')}`;

interface World {
  structure: Structure;
  manager: User;
  staff: User;
  julie: User;
  m: Api;
  s: Api;
  j: Api;
}

describe('privacy: complete, own-data-only exports (e2e)', () => {
  let t: TestApp;
  let other: World;

  async function world(name: string): Promise<World> {
    const structure = await createStructure(t.dataSource, name);
    const manager = await createUser(t.dataSource, structure, 'manager', 'Mona');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const julie = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const server = t.app.getHttpServer();
    const [m, s, j] = [await login(server, manager.email), await login(server, staff.email), await login(server, julie.email)];
    return { structure, manager, staff, julie, m: api(m), s: api(s), j: api(j) };
  }

  /** The clock at a given whole second (the app's clock is fixed until moved). */
  const at = (instant: Date) => {
    t.clock.set(instant);
    return instant;
  };

  beforeAll(async () => {
    t = await createTestApp();
    other = await world('EI Ailleurs');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => t.clock.set(new Date()));

  it('a candidate’s export lists what was written about them, the leads written for them, the changes to their record and who read it', async () => {
    const w = await world('ACI Export complet');
    const lastName = token();
    const name = `Zoé ${lastName}`;
    const tel = phone();
    const email = `zoe-${randomUUID()}@exemple.fr`;
    const started = at(new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000));
    const candidate = (
      await w.s
        .post('/api/candidates', { firstName: 'Zoé', lastName, email, phone: tel, ownerId: w.staff.id, notes: 'Première note', constraints: { health: 'Suivi médical' } })
        .expect(201)
    ).body.id as string;
    // Someone else, exported with them in a CSV: never named in their export.
    const otherName = token();
    const someoneElse = (await w.s.post('/api/candidates', { firstName: 'Marc', lastName: otherName }).expect(201)).body.id as string;

    // Staff write about them on a company's timeline; other notes on that company are not about them.
    const company = (await w.s.post('/api/companies', { name: `Logistique ${token()}` }).expect(201)).body.id as string;
    const aboutHer = `Présenté ${name} au gérant, très motivée`;
    const notAboutHer = `Visite de l’atelier ${token()}`;
    await w.s.post(`/api/companies/${company}/activities`, { type: 'note', text: aboutHer }).expect(201);
    await w.s.post(`/api/companies/${company}/activities`, { type: 'visit', text: notAboutHer }).expect(201);
    await w.s.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'call_back', text: `Rappeler au sujet de la candidate (${email.toUpperCase()})` }).expect(201);

    // A job sheet co-built for her, and another lead she was never proposed on.
    const requirement = `CACES ${token()}`;
    const adaptation = `Poste assis ${token()}`;
    const lead = (
      await w.s
        .post('/api/leads', { companyId: company, jobTitle: 'Préparateur·rice de commandes', contractType: 'cdi', hoursPerWeek: 24, requirements: [requirement], adaptations: [adaptation] })
        .expect(201)
    ).body.id as string;
    const otherLeadTitle = `Cariste ${token()}`;
    await w.s.post('/api/leads', { companyId: company, jobTitle: otherLeadTitle, contractType: 'cdd' }).expect(201);
    const proposedAt = at(new Date(started.getTime() + 60_000));
    await w.s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate, force: true }).expect(201);

    // Changes to her record: a phone number (told from → to) and notes (told as changed only).
    const newTel = phone();
    const secretNote = `Note confidentielle ${token()}`;
    const changedAt = at(new Date(started.getTime() + 120_000));
    await w.m.patch(`/api/candidates/${candidate}`, { phone: newTel, notes: secretNote }).expect(200);

    // Julie reads her record; the manager exports the CSV with constraints and notes of everyone.
    const readAt = at(new Date(started.getTime() + 180_000));
    await w.j.get(`/api/candidates/${candidate}`).expect(200);
    const exportedAt = at(new Date(started.getTime() + 240_000));
    await w.m.get('/api/candidates/export.csv?sensitive=true').expect(200);
    // Another structure's reads never show.
    await other.m.get(`/api/candidates/${candidate}`).expect(404);

    // Invited to a job dating the day before, she came; what followed is noted.
    const today = calendarDayIn('Europe/Paris', started);
    const dating = (
      await w.s.post('/api/encounters', { kind: 'job_dating', title: 'Job dating préparation', day: addCalendarDays(today, -1), startTime: '09:00', endTime: '11:00', place: 'Salle Verte' }).expect(201)
    ).body;
    const seat = (await w.s.post(`/api/encounters/${dating.id}/participants`, { candidateIds: [candidate] }).expect(201)).body.participants[0].id;
    await w.s.put(`/api/encounters/${dating.id}/attendance`, { entries: [{ participantId: seat, status: 'present' }] }).expect(200);
    const outcomeNote = `Entretien le lundi ${token()}`;
    await w.s.put(`/api/encounters/${dating.id}/participants/${seat}/outcome`, { outcome: 'interview', on: today, note: outcomeNote }).expect(200);

    at(new Date(started.getTime() + 300_000));
    const exported = (await w.s.get(`/api/privacy/candidates/${candidate}/export`).expect(200)).body;
    expect(exported.encounters).toEqual([
      expect.objectContaining({ id: dating.id, kindLabel: 'Job dating', title: 'Job dating préparation', place: 'Salle Verte', cancelled: false, attendanceLabel: 'Présent·e', outcomeLabel: 'Entretien d’embauche', outcomeOn: today, outcomeNote }),
    ]);

    expect(exported.activities).toHaveLength(2);
    expect(exported.activities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ link: 'mention', type: 'note', typeLabel: 'Note', text: aboutHer, company: { id: company, name: expect.any(String) }, author: { id: w.staff.id, name: 'Karim staff' } }),
        expect.objectContaining({ link: 'mention', type: 'call', outcome: 'call_back', outcomeLabel: 'À rappeler' }),
      ]),
    );
    expect(JSON.stringify(exported)).not.toContain(notAboutHer);

    expect(exported.leads).toEqual([
      expect.objectContaining({
        id: lead,
        jobTitle: 'Préparateur·rice de commandes',
        company: { id: company, name: expect.any(String) },
        contractType: 'cdi',
        contractTypeLabel: expect.any(String),
        hoursPerWeek: 24,
        requirements: [requirement],
        adaptations: [adaptation],
        status: 'candidate_proposed',
        statusLabel: 'Candidat proposé',
        proposedAt: proposedAt.toISOString(),
      }),
    ]);
    expect(JSON.stringify(exported)).not.toContain(otherLeadTitle);

    const changes = exported.recordChanges as Array<{ at: string; actor: { id: string }; action: string; fields: Array<Record<string, unknown>> }>;
    expect(changes.map((change) => [change.action, change.actor.id, change.at])).toEqual([
      ['create', w.staff.id, started.toISOString()],
      ['update', w.manager.id, changedAt.toISOString()],
    ]);
    expect(changes[1]).toMatchObject({ actionLabel: 'Modification', actor: { id: w.manager.id, name: 'Mona manager' } });
    expect(changes[1].fields).toEqual(
      expect.arrayContaining([
        { label: 'Téléphone', from: tel, to: newTel, changedOnly: false },
        { label: 'Notes (confidentiel)', from: null, to: null, changedOnly: true },
      ]),
    );
    // The trail never held the notes' content, and neither does this section.
    expect(JSON.stringify(exported.recordChanges)).not.toContain(secretNote);

    const reads = exported.sensitiveReads as Array<{ at: string; actor: { id: string; name: string }; via: string; viaLabel: string; peopleCount: number }>;
    expect(reads).toEqual(
      expect.arrayContaining([
        { at: readAt.toISOString(), actor: { id: w.julie.id, name: 'Julie staff' }, via: 'api', viaLabel: expect.any(String), peopleCount: 1 },
        { at: exportedAt.toISOString(), actor: { id: w.manager.id, name: 'Mona manager' }, via: 'export', viaLabel: expect.stringContaining('Export CSV'), peopleCount: 2 },
      ]),
    );
    // The CSV export named someone else too: their id and name stay out of her export.
    expect(JSON.stringify(exported)).not.toContain(someoneElse);
    expect(JSON.stringify(exported)).not.toContain(otherName);

    // The download carries the same sections.
    const download = await w.s.get(`/api/privacy/candidates/${candidate}/export?download=true`).expect(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="donnees-candidat-${candidate}.json"`);
    for (const section of ['activities', 'leads', 'recordChanges']) expect(download.body[section]).toEqual(exported[section]);
    // The download is itself a read of her constraints and notes, and lists itself.
    expect(download.body.sensitiveReads).toEqual([...reads, expect.objectContaining({ actor: { id: w.staff.id, name: 'Karim staff' }, via: 'privacy_export' })]);

    // The readable page, in French.
    const page = (await w.s.agent.get(`/rgpd/candidats/${candidate}`).set('Accept', 'text/html').expect(200)).text;
    for (const shown of [
      'Échanges et notes la ou le concernant (2)',
      'très motivée',
      'Postes pour lesquels elle ou il a été proposé·e (1)',
      'Rencontres (1)',
      'Job dating : Job dating préparation',
      outcomeNote,
      requirement,
      adaptation,
      'Modifications de sa fiche (2)',
      `Téléphone : ${tel} → ${newTel}`,
      'Notes (confidentiel) : modifié',
      'Consultations de ses informations confidentielles',
      'Julie staff',
      'Export CSV avec freins et notes de 2 personnes',
    ]) {
      expect({ shown, found: page.includes(shown) }).toEqual({ shown, found: true });
    }
    expect(page).not.toContain(notAboutHer);
    expect(page).not.toContain(otherName);
  });

  it('a company contact’s export holds only the contact’s own data, none of the candidate’s details written in the same notes', async () => {
    const w = await world('ACI Export contact');
    const today = calendarDayIn('Europe/Paris', new Date());
    // The candidate, with a marker in every place their details live.
    const surname = token();
    const email = `hugo.${surname.toLowerCase()}-${randomUUID().slice(0, 6)}@exemple.fr`;
    const tel = phone();
    const health = `diabète-${token()}`;
    const markers: string[] = [surname, email, tel, tel.replace(/ /g, ''), health];
    const mark = (label: string) => {
      const marker = `${label}-${token()}`;
      markers.push(marker);
      return marker;
    };
    const candidate = (
      await w.s
        .post('/api/candidates', { firstName: 'Hugo', lastName: surname, email, phone: tel, notes: mark('notes'), constraints: { health: mark('constraint') } })
        .expect(201)
    ).body.id as string;

    // The contact, with their own data.
    const company = (await w.s.post('/api/companies', { name: `Menuiserie ${token()}` }).expect(201)).body.id as string;
    const contactEmail = `paul-${randomUUID()}@exemple.fr`;
    const ownNote = `Préfère le matin ${token()}`;
    const contact = (
      await w.s.post(`/api/companies/${company}/contacts`, { firstName: 'Paul', lastName: 'Gérard', jobTitle: 'Gérant', email: contactEmail, notes: ownNote }).expect(201)
    ).body.id as string;

    // Notes of exchanges with the contact: one only about them, others naming the candidate in usual ways.
    const ownText = `Paul Gérard cherche un menuisier ${token()}`;
    await w.s.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'need_found', contactId: contact, text: ownText }).expect(201);
    await w.s.post(`/api/companies/${company}/activities`, { type: 'meeting', outcome: 'meeting_booked', contactId: contact, text: `Présenté H. ${surname} ; santé : ${health}` }).expect(201);
    await w.s.post(`/api/companies/${company}/activities`, { type: 'email', contactId: contact, text: `Envoyé le CV de ${surname.toUpperCase()} Hugo, ${mark('email-activity')}` }).expect(201);
    await w.s
      .post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'refused', contactId: contact, text: `Rappel ${tel.replace(/ /g, '.')} ${mark('phone-activity')}`, refusalReason: `Pas avec Hugo ${surname} ${mark('refusal')}` })
      .expect(201);

    // A lead they are the contact of, its sheet written for the candidate; the proposal and placement that follow.
    const ownRequirement = `CACES ${token()}`;
    const ownAdaptation = `Horaires 8 h-15 h ${token()}`;
    const lead = (
      await w.s
        .post('/api/leads', {
          companyId: company,
          contactId: contact,
          jobTitle: `Poste assis pour Hugo ${surname}`,
          contractType: 'cdi',
          requirements: [ownRequirement],
          adaptations: [ownAdaptation, `Siège adapté pour M. ${surname} (${mark('adaptation')})`],
        })
        .expect(201)
    ).body.id as string;
    const proposal = (await w.s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate, force: true }).expect(201)).body.id as string;
    await w.s.post(`/api/proposals/${proposal}/outcome`, { outcome: 'interview', reason: mark('proposal-reason') }).expect(201);
    const created = (
      await w.s
        .post('/api/placements', { candidateId: candidate, companyId: company, leadId: lead, employerContactId: contact, contractType: 'cdi', jobTitle: 'Menuisier·e', startDate: addCalendarDays(today, -10), ownerId: w.staff.id })
        .expect(201)
    ).body;
    await w.s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    // Both parties answered the first follow-up: the employee about themselves, the contact as employer.
    const ownAnswer = `Bonne intégration dans l’équipe ${token()}`;
    const [employeeRow] = await t.dataSource.query(`SELECT id, step FROM check_in WHERE placement_id = $1 AND party = 'employee' ORDER BY due_at LIMIT 1`, [created.id]);
    await t.dataSource.query(
      `UPDATE check_in SET status = 'answered', sent_at = now(), answered_at = now(), recipient = $2, rating = 2, going_well = $3, difficulties = '{transport}', difficulty_details = $4, wants_call = true
        WHERE id = $1`,
      [employeeRow.id, email, mark('employee-going-well'), mark('employee-details')],
    );
    await t.dataSource.query(
      `UPDATE check_in SET status = 'answered', sent_at = now(), answered_at = now(), recipient = $3, rating = 4, going_well = $4
        WHERE placement_id = $1 AND party = 'employer' AND step = $2`,
      [created.id, employeeRow.step, contactEmail, ownAnswer],
    );
    const placed = (await w.s.get(`/api/placements/${created.id}`).expect(200)).body;
    await w.s.post(`/api/placements/${created.id}/end`, { version: placed.version, endDate: today, endKind: 'early', ruptureReason: mark('rupture'), endedBy: 'employee' }).expect(200);

    const exported = (await w.s.get(`/api/privacy/contacts/${contact}/export`).expect(200)).body;
    const json = JSON.stringify(exported);
    for (const marker of markers) expect({ marker, found: json.toLowerCase().includes(marker.toLowerCase()) }).toEqual({ marker, found: false });
    expect(json).not.toContain(candidate);

    // Their own data is all there.
    expect(exported.contact).toMatchObject({ id: contact, firstName: 'Paul', lastName: 'Gérard', email: contactEmail, notes: ownNote });
    expect(exported.activities).toHaveLength(4);
    expect(exported.activities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'call', outcome: 'need_found', text: ownText }),
        expect.objectContaining({ type: 'meeting', outcome: 'meeting_booked', text: WITHHELD }),
        expect.objectContaining({ type: 'email', text: WITHHELD }),
        expect.objectContaining({ type: 'call', outcome: 'refused', text: WITHHELD, refusalReason: WITHHELD }),
      ]),
    );
    expect(exported.leads).toEqual([
      expect.objectContaining({ id: lead, jobTitle: WITHHELD, requirements: [ownRequirement], adaptations: [ownAdaptation, WITHHELD], status: expect.any(String) }),
    ]);
    expect(exported.placements).toEqual([
      { id: created.id, company: { id: company, name: expect.stringMatching(/^Menuiserie /) }, jobTitle: 'Menuisier·e', contractType: 'cdi', contractTypeLabel: expect.any(String), startDate: addCalendarDays(today, -10), endDate: today, status: 'ended' },
    ]);
    expect(exported.checkIns).toEqual([expect.objectContaining({ party: 'employer', recipient: contactEmail, rating: 4, goingWell: ownAnswer })]);

    // The readable page says the same, and why some texts are missing.
    const page = (await w.s.agent.get(`/rgpd/contacts/${contact}`).set('Accept', 'text/html').expect(200)).text;
    for (const marker of markers) expect({ marker, found: page.toLowerCase().includes(marker.toLowerCase()) }).toEqual({ marker, found: false });
    for (const shown of [ownText, ownNote, ownRequirement, ownAdaptation, ownAnswer, 'non communiqué', 'Menuisier·e chez Menuiserie']) {
      expect({ shown, found: page.includes(shown) }).toEqual({ shown, found: true });
    }
    const download = await w.s.get(`/api/privacy/contacts/${contact}/export?download=true`).expect(200);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="donnees-contact-${contact}.json"`);
    for (const marker of markers) expect(JSON.stringify(download.body).toLowerCase()).not.toContain(marker.toLowerCase());
  });
});
