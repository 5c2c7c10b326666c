import { randomInt } from 'node:crypto';
import { erasedText } from '../src/privacy/erased-text';
import { addCalendarDays, calendarDayIn } from '../src/common/calendar/working-days';
import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/**
 * Free text belongs to the people it is about: erasing a candidate or a contact replaces, whole,
 * what staff wrote about them where it is tied to them (an activity about them or with them, the
 * leads they were proposed on, their proposals and placements, check-in answers, alerts, what the
 * manager typed when asking for the erasure) — health words included, not only their names.
 */
const token = () =>
  Array.from({ length: 8 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('').replace(/^./, (c) => c.toUpperCase());

describe('privacy: free text tied to a person is erased whole (e2e)', () => {
  let t: TestApp;
  let m: Api;
  let s: Api;
  let staffId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const structure = await createStructure(t.dataSource, 'ACI Texte Libre');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Mona');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    staffId = staff.id;
    m = api(await login(t.app.getHttpServer(), manager.email));
    s = api(await login(t.app.getHttpServer(), staff.email));
  });
  afterAll(() => t?.close());

  const today = () => calendarDayIn('Europe/Paris', t.clock.now());
  const erased = () => erasedText(t.clock.now(), 'Europe/Paris');

  it('erasing a candidate replaces what was written about them, and leaves a lead shared with someone else usable', async () => {
    const marker = token(); // a word found nowhere else: the health detail staff wrote down
    const candidate = (await s.post('/api/candidates', { firstName: 'Hugo', lastName: token(), ownerId: staffId }).expect(201)).body.id as string;
    const colleague = (await s.post('/api/candidates', { firstName: 'Inès', lastName: token(), ownerId: staffId }).expect(201)).body.id as string;
    const company = (await s.post('/api/companies', { name: `Menuiserie ${token()}` }).expect(201)).body.id as string;

    // An activity about him, chosen from the company page's menu of candidates proposed there.
    const lead = (
      await s
        .post('/api/leads', {
          companyId: company,
          jobTitle: `Poste assis pour Hugo (${marker})`,
          contractType: 'cdi',
          requirements: [`Pas de port de charges (${marker})`],
          adaptations: [`Siège ergonomique (${marker})`],
        })
        .expect(201)
    ).body.id as string;
    await s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate, force: true }).expect(201);
    const page = (await s.get(`/entreprises/${company}`).expect(200)).text;
    expect(page).toContain('Candidat concerné');
    expect(page).toContain(`value="${candidate}"`);
    await s.post(`/api/companies/${company}/activities`, { type: 'meeting', candidateId: candidate, text: `Convient, sa santé (${marker})` }).expect(201);
    const timeline = (await s.get(`/api/companies/${company}/timeline`).expect(200)).body.items as Array<{ candidateId: string | null; candidateName: string | null }>;
    expect(timeline.find((entry) => entry.candidateId === candidate)?.candidateName).toMatch(/^Hugo /);

    // A lead shared with a colleague still in the records: only the adaptations describe Hugo.
    const shared = (
      await s.post('/api/leads', { companyId: company, jobTitle: 'Agent de fabrication', contractType: 'cdd', requirements: ['CACES 1'], adaptations: [`Horaires (${marker})`] }).expect(201)
    ).body.id as string;
    await s.post(`/api/leads/${shared}/proposals`, { candidateId: candidate, force: true }).expect(201);
    await s.post(`/api/leads/${shared}/proposals`, { candidateId: colleague, force: true }).expect(201);

    // His placement, started, with the employer's and his own answers, then broken with a reason.
    const start = addCalendarDays(today(), -4);
    const created = (
      await s.post('/api/placements', { candidateId: candidate, companyId: company, leadId: lead, contractType: 'cdi', jobTitle: `Menuisier (${marker})`, startDate: start, ownerId: staffId }).expect(201)
    ).body;
    await s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    await t.dataSource.query(
      `UPDATE check_in SET status = 'answered', answered_at = now(), rating = 2, going_well = $2, difficulty_details = $3
        WHERE placement_id = $1 AND step = (SELECT min(step) FROM check_in WHERE placement_id = $1)`,
      [created.id, `Bonne équipe (${marker})`, `Douleurs au dos (${marker})`],
    );
    const placed = (await s.get(`/api/placements/${created.id}`).expect(200)).body;
    await s.post(`/api/placements/${created.id}/end`, { version: placed.version, endDate: today(), endKind: 'early', ruptureReason: `Hospitalisé (${marker})`, endedBy: 'employee' }).expect(200);
    const alerts = await t.dataSource.query(`SELECT id FROM staff_alert WHERE placement_id = $1 ORDER BY created_at, id`, [created.id]);
    expect(alerts.length).toBeGreaterThan(0);
    // What staff wrote when handling one of them is about him too.
    await m.post(`/api/alerts/${alerts[0].id}/resolve`, { note: `Appelé, kiné le lundi (${marker})` }).expect(200);

    await m.post(`/api/privacy/candidates/${candidate}/erase`, { reason: `Courrier de Hugo, suivi médical (${marker})` }).expect(200);

    const value = erased();
    expect(value).toBe(`[effacé le ${today().split('-').reverse().join('/')}]`);
    expect(await t.dataSource.query(`SELECT text FROM activity WHERE candidate_id = $1`, [candidate])).toEqual([{ text: value }]);
    expect(await t.dataSource.query(`SELECT job_title, requirements, adaptations FROM job_lead WHERE id = $1`, [lead])).toEqual([
      { job_title: value, requirements: [value], adaptations: [value] },
    ]);
    expect(await t.dataSource.query(`SELECT job_title, requirements, adaptations FROM job_lead WHERE id = $1`, [shared])).toEqual([
      { job_title: 'Agent de fabrication', requirements: ['CACES 1'], adaptations: [value] },
    ]);
    expect(await t.dataSource.query(`SELECT job_title, rupture_reason FROM placement WHERE id = $1`, [created.id])).toEqual([
      { job_title: value, rupture_reason: value },
    ]);
    const answers = await t.dataSource.query(`SELECT going_well, difficulty_details FROM check_in WHERE placement_id = $1 AND going_well IS NOT NULL`, [created.id]);
    expect(answers.length).toBe(2);
    for (const answer of answers) expect(answer).toEqual({ going_well: value, difficulty_details: value });
    const messages = await t.dataSource.query(`SELECT DISTINCT message FROM staff_alert WHERE placement_id = $1 OR candidate_id = $2`, [created.id, candidate]);
    expect(messages).toEqual([{ message: value }]);
    expect(await t.dataSource.query(`SELECT resolution_note FROM staff_alert WHERE id = $1`, [alerts[0].id])).toEqual([{ resolution_note: value }]);
    expect(await t.dataSource.query(`SELECT reason FROM privacy_request WHERE subject_id = $1 AND reason IS NOT NULL`, [candidate])).toEqual([{ reason: value }]);
    // Nowhere is the health detail left (the rows about him hold it only in tied text).
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM activity a WHERE a::text LIKE $1) + (SELECT count(*) FROM job_lead l WHERE l::text LIKE $1 AND l.id <> $2)
            + (SELECT count(*) FROM placement p WHERE p::text LIKE $1) + (SELECT count(*) FROM check_in c WHERE c::text LIKE $1)
            + (SELECT count(*) FROM staff_alert a WHERE a::text LIKE $1) + (SELECT count(*) FROM privacy_request r WHERE r::text LIKE $1) AS n`,
      [`%${marker}%`, shared],
    );
    expect(Number(n)).toBe(0);

    // An activity cannot be tied to someone already anonymised, nor to another structure's candidate.
    const refused = await s.post(`/api/companies/${company}/activities`, { type: 'note', candidateId: candidate, text: 'Après coup' }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('candidateId');
  });

  it('erasing a contact replaces the notes of activities with them and their own check-in answers', async () => {
    const marker = token();
    const company = (await s.post('/api/companies', { name: `Boulangerie ${token()}` }).expect(201)).body.id as string;
    const contact = (await s.post(`/api/companies/${company}/contacts`, { firstName: 'Paule', lastName: token(), email: `paule-${marker.toLowerCase()}@exemple.fr` }).expect(201)).body.id as string;
    await s.post(`/api/companies/${company}/activities`, { type: 'call', contactId: contact, text: `Paule en arrêt maladie (${marker})` }).expect(201);
    const candidate = (await s.post('/api/candidates', { firstName: 'Jules', lastName: token(), ownerId: staffId }).expect(201)).body.id as string;
    const created = (
      await s
        .post('/api/placements', { candidateId: candidate, companyId: company, employerContactId: contact, contractType: 'cdd', jobTitle: 'Vendeur', startDate: addCalendarDays(today(), -4), plannedEndDate: addCalendarDays(today(), 120), ownerId: staffId })
        .expect(201)
    ).body;
    await s.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    await t.dataSource.query(
      `UPDATE check_in SET status = 'answered', answered_at = now(), rating = 3, going_well = $2, difficulty_details = $3 WHERE placement_id = $1`,
      [created.id, `Jules est ponctuel, dit Paule (${marker})`, `Paule est débordée (${marker})`],
    );

    await m.post(`/api/privacy/contacts/${contact}/erase`, { reason: `Paule l’a demandé (${marker})` }).expect(200);

    const value = erased();
    expect(await t.dataSource.query(`SELECT text FROM activity WHERE contact_id = $1`, [contact])).toEqual([{ text: value }]);
    const rows = await t.dataSource.query(`SELECT party, going_well, difficulty_details FROM check_in WHERE placement_id = $1 AND going_well IS NOT NULL ORDER BY party`, [created.id]);
    // The employer's answers were the contact's; the employee's are Jules's own and stay his.
    expect(rows.filter((row: { party: string }) => row.party === 'employer').map((row: object) => ({ ...row, party: undefined }))).toEqual(
      rows.filter((row: { party: string }) => row.party === 'employer').map(() => ({ party: undefined, going_well: value, difficulty_details: value })),
    );
    expect(rows.filter((row: { party: string }) => row.party === 'employer').length).toBeGreaterThan(0);
    expect(rows.filter((row: { party: string }) => row.party === 'employee').every((row: { going_well: string }) => row.going_well.includes(marker))).toBe(true);
    expect(await t.dataSource.query(`SELECT reason FROM privacy_request WHERE subject_id = $1 AND reason IS NOT NULL`, [contact])).toEqual([{ reason: value }]);
  });
});
