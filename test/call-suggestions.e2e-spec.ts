import { BusinessDay } from '../src/common/calendar/business-day';
import { addCalendarDays } from '../src/common/calendar/working-days';
import { communeDistanceKm } from '../src/leads/communes';
import { nextMonday } from '../src/suggestions/dismissal-period';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/**
 * « À appeler cette semaine » on a fresh structure whose expected order and reasons are computed by
 * hand. The structure contacted 4 companies, one of which revealed a need:
 *   H1 bakery (NAF 10, 6–9 staff, 591xx) need found · H2 bakery (10, 6–9, 591xx) no answer
 *   H3 garage (45, 10–19, 620xx) no answer · H4 shop (47, 10–19, 620xx) no answer
 * so its rate is 1/4, and each trait's rate is smoothed toward it with 5 imaginary companies:
 *   NAF 10, band 03, area 591: (1 + 5·0.25) / (2 + 5) = 0.3214 · NAF 45, NAF 47: 1.25 / 6 = 0.2083
 *   band 11, area 620: 1.25 / 7 = 0.1786 · unknown trait: 0.25
 * History points are 100 × the mean of the three; 4 points per candidate wanting the sector, 2 per
 * candidate who can get there. Candidates: Inès wants sales (D → NAF 45, 46, 47), lives in Roubaix;
 * Malik wants food production (H → NAF 10…33), lives in Tourcoing with a 15 km radius; Léa has exited.
 *   C1 Boulangerie Nouvelle (10, 03, Roubaix 59100): 32.14 + 4 (Malik) + 4 (Inès, Malik) = 40.1
 *   C5 Supérette Bis (47, 03, Paris 75001): (0.2083 + 0.3214 + 0.25) · 100/3 + 4 (Inès) = 30.0
 *   C4 Épicerie Lointaine (47, 11, Paris 75001): (0.2083 + 0.1786 + 0.25) · 100/3 + 4 = 25.2
 *   C3 Supérette Sans Adresse (nothing known): 3 × 0.25 · 100/3 = 25.0
 *   C2 Garage Neuf (45, 11, Arras 62000, Paul's): (0.2083 + 0.1786 + 0.1786) · 100/3 + 4 (Inès) = 22.8
 */
describe('« À appeler cette semaine » (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.clock.set(new Date()));
  afterAll(() => t.close());

  async function company(a: Api, name: string, fields: object = {}): Promise<string> {
    return (await a.post('/api/companies', { name, ...fields }).expect(201)).body.id;
  }

  async function setup() {
    const structure = await createStructure(t.dataSource, 'ACI Suggestions');
    const me = await createUser(t.dataSource, structure, 'staff', 'Nadia');
    const paul = await createUser(t.dataSource, structure, 'staff', 'Paul');
    const loggedIn = await login(t.app.getHttpServer(), me.email);
    const a = api(loggedIn);
    const today = t.app.get(BusinessDay).today();

    const contacted: Array<[string, object, string]> = [
      ['Boulangerie Ancienne', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' }, 'need_found'],
      ['Boulangerie Fermée Le Lundi', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' }, 'no_answer'],
      ['Garage Ancien', { nafCode: '45.20A', headcountBand: '11', postcode: '62000', commune: 'Arras' }, 'no_answer'],
      ['Magasin Ancien', { nafCode: '47.11D', headcountBand: '11', postcode: '62000', commune: 'Arras' }, 'no_answer'],
    ];
    for (const [name, fields, outcome] of contacted) {
      const id = await company(a, name, fields);
      await a.post(`/api/companies/${id}/activities`, { type: 'call', outcome }).expect(201);
    }

    const c1 = await company(a, 'Boulangerie Nouvelle', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' });
    const c2 = await company(a, 'Garage Neuf', { nafCode: '45.20A', headcountBand: '11', postcode: '62000', commune: 'Arras', ownerId: paul.id });
    const c3 = await company(a, 'Supérette Sans Adresse');
    const c4 = await company(a, 'Épicerie Lointaine', { nafCode: '47.11D', headcountBand: '11', postcode: '75001', commune: 'Paris' });
    const c5 = await company(a, 'Supérette Bis', { nafCode: '47.11D', headcountBand: '03', postcode: '75001', commune: 'Paris' });
    // Never to be suggested: never contact, resting, planned tomorrow, refused.
    const never = await company(a, 'Brasserie Ne Pas Appeler', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' });
    const resting = await company(a, 'Fromagerie Au Repos', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' });
    const refused = await company(a, 'Refus Industries', { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' });
    await company(a, 'Charcuterie Prévue', { nafCode: '10.71C', nextAction: { type: 'call', dueOn: addCalendarDays(today, 1) } });
    // Companies imported or typed in without a first action: nothing planned, never contacted.
    await t.dataSource.query(
      `UPDATE company SET next_action_due = NULL, next_action_type = NULL, next_action_owner_id = NULL WHERE id = ANY($1)`,
      [[c1, c2, c3, c4, c5, never, resting, refused]],
    );
    await t.dataSource.query(`UPDATE company SET no_contact = true WHERE id = $1`, [never]);
    await t.dataSource.query(`UPDATE company SET resting_until = $2 WHERE id = $1`, [resting, addCalendarDays(today, 1)]);
    await t.dataSource.query(
      `UPDATE company SET stage_id = (SELECT id FROM pipeline_stage WHERE structure_id = $2 AND kind = 'refused') WHERE id = $1`,
      [refused, structure.id],
    );

    await a.post('/api/candidates', { firstName: 'Inès', lastName: 'Vendeuse', wantedJobs: [{ label: 'Vente', romeCode: 'D1106' }], homeCommune: 'Roubaix' }).expect(201);
    await a
      .post('/api/candidates', { firstName: 'Malik', lastName: 'Boulanger', wantedJobs: [{ label: 'Production', romeCode: 'H2102' }], homeCommune: 'Tourcoing', mobilityRadiusKm: 15 })
      .expect(201);
    const lea = await a.post('/api/candidates', { firstName: 'Léa', lastName: 'Partie', wantedJobs: [{ label: 'Vente', romeCode: 'D1106' }], homeCommune: 'Arras' }).expect(201);
    await t.dataSource.query(`UPDATE candidate SET status = 'exited', exit_date = $2 WHERE id = $1`, [lea.body.id, today]);

    return { structure, me, paul, a, loggedIn, today, c1, c2, c3, c4, c5 };
  }

  const list = async (a: Api, scope: 'me' | 'team') => (await a.get(`/api/suggestions/calls?scope=${scope}`).expect(200)).body.items as Array<{ companyId: string; name: string; score: number; reasons: string[] }>;

  it('ranks by the structure’s history, the candidates’ wanted jobs and reach, with the reasons', async () => {
    const { a, c1, c2, c3, c4, c5 } = await setup();
    const team = await list(a, 'team');
    expect(team.map((item) => [item.companyId, item.score])).toEqual([
      [c1, 40.1],
      [c5, 30],
      [c4, 25.2],
      [c3, 25],
      [c2, 22.8],
    ]);
    const km = Math.ceil(communeDistanceKm('Tourcoing', 'Roubaix')!);
    expect(team[0].reasons).toEqual([
      'Jamais contactée',
      '1 besoin trouvé sur 2 entreprises contactées du même secteur (NAF 10)',
      '1 besoin trouvé sur 2 entreprises contactées de même taille (6 à 9 salariés)',
      '1 besoin trouvé sur 2 entreprises contactées des codes postaux 591xx',
      '1 candidat·e vise un métier de ce secteur',
      `À ${km} km ou moins de 2 candidat·es`,
    ]);
    expect(team[1].reasons).toEqual([
      'Jamais contactée',
      'Aucun besoin trouvé sur 1 entreprise contactée du même secteur (NAF 47)',
      '1 besoin trouvé sur 2 entreprises contactées de même taille (6 à 9 salariés)',
      '1 candidat·e vise un métier de ce secteur',
    ]);
    expect(team[3].reasons).toEqual(['Jamais contactée']);
    // Mine and nobody's: Paul's garage is his to call.
    expect((await list(a, 'me')).map((item) => item.companyId)).toEqual([c1, c5, c4, c3]);
    expect((await a.get('/api/suggestions/calls?scope=team&limit=2').expect(200)).body.items).toHaveLength(2);
    const bad = await a.get('/api/suggestions/calls?scope=everyone&limit=0').expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['limit', 'scope']);
  });

  it('never shows another structure’s companies, and answers 404 for them', async () => {
    const mine = await setup();
    const other = await setup();
    const ids = (await list(mine.a, 'team')).map((item) => item.companyId);
    expect(ids).not.toContain(other.c1);
    expect(ids).toHaveLength(5);
    await mine.a.post(`/api/suggestions/calls/${other.c1}/take`).expect(404);
    await mine.a.post(`/api/suggestions/calls/${other.c1}/dismiss`, { reason: 'closed' }).expect(404);
    expect((await list(other.a, 'team')).map((item) => item.companyId)).toContain(other.c1);
  });

  it('takes a suggestion: mine, a call due today, off the list; taken twice answers 409', async () => {
    const { a, me, today, c1 } = await setup();
    const taken = await a.post(`/api/suggestions/calls/${c1}/take`, {}).expect(200);
    expect(taken.body.owner.id).toBe(me.id);
    expect(taken.body.nextAction).toMatchObject({ type: 'call', dueOn: today });
    expect(taken.body.nextAction.owner.id).toBe(me.id);
    expect((await list(a, 'team')).map((item) => item.companyId)).not.toContain(c1);
    const again = await a.post(`/api/suggestions/calls/${c1}/take`, {}).expect(409);
    expect(again.body.code).toBe('suggestion.already_planned');
    // The change is in the company's audit trail like any edit.
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'update'`, [c1]);
    expect(count).toBe(1);
  });

  it('dismisses with a reason: gone for the week, back next Monday; the same sector ranks lower', async () => {
    const { a, me, c3, c4, c5, today } = await setup();
    const noNote = await a.post(`/api/suggestions/calls/${c3}/dismiss`, { reason: 'other' }).expect(400);
    expect(fieldsOf(noNote.body)).toEqual(['note']);
    expect(noNote.body.details[0].code).toBe('suggestion.note_required');
    expect(fieldsOf((await a.post(`/api/suggestions/calls/${c3}/dismiss`, { reason: 'bof' }).expect(400)).body)).toEqual(['reason']);
    const monday = nextMonday(today);
    expect((await a.post(`/api/suggestions/calls/${c3}/dismiss`, { reason: 'other', note: 'Rachetée' }).expect(200)).body.hiddenUntil).toBe(monday);
    await a.post(`/api/suggestions/calls/${c4}/dismiss`, { reason: 'sector' }).expect(200);

    const after = await list(a, 'team');
    expect(after.map((item) => item.companyId)).not.toContain(c3);
    expect(after.map((item) => item.companyId)).not.toContain(c4);
    // One more failure for NAF 47: (0 + 1.25) / (1 + 1 + 5) instead of 1.25 / 6.
    const bis = after.find((item) => item.companyId === c5)!;
    expect(bis.score).toBe(29);
    expect(bis.reasons).toContain('1 entreprise du même secteur (NAF 47) écartée (secteur non pertinent)');

    // Sunday evening in Paris: still hidden; Monday morning: back (logged in again: days went by).
    t.clock.set(new Date(`${addCalendarDays(monday, -1)}T20:00:00Z`));
    const sunday = api(await login(t.app.getHttpServer(), me.email));
    expect((await list(sunday, 'team')).map((item) => item.companyId)).not.toContain(c3);
    t.clock.set(new Date(`${monday}T07:00:00Z`));
    const nextWeek = api(await login(t.app.getHttpServer(), me.email));
    expect((await list(nextWeek, 'team')).map((item) => item.companyId)).toContain(c3);
  });
  it('the page: rows with their reasons, taken and set aside in place with htmx, or back to the page without', async () => {
    const { loggedIn, c1, c3, c5 } = await setup();
    const session = loggedIn.agent;
    const token = loggedIn.csrf;
    const page = await session.get('/a-appeler?portee=equipe').expect(200);
    expect(page.text).toContain('<h1>À appeler cette semaine</h1>');
    expect(page.text).toContain(`id="suggestion-${c1}"`);
    expect(page.text).toContain('1 besoin trouvé sur 2 entreprises contactées du même secteur (NAF 10)');
    expect(page.text).toContain('href="/a-appeler"');

    const taken = await session.post(`/a-appeler/${c1}/prendre`).set('HX-Request', 'true').type('form').send({ _csrf: token, portee: 'equipe' }).expect(200);
    expect(taken.text.trim().startsWith(`<tr id="suggestion-${c1}"`)).toBe(true);
    expect(taken.text).toContain('Boulangerie Nouvelle vous est attribuée, avec un appel prévu aujourd’hui.');
    expect(taken.text).not.toContain('<html');
    const again = await session.post(`/a-appeler/${c1}/prendre`).type('form').send({ _csrf: token }).expect(409);
    expect(again.text).toContain('Une action est déjà prévue');

    const noNote = await session.post(`/a-appeler/${c3}/ecarter`).set('HX-Request', 'true').type('form').send({ _csrf: token, reason: 'other', portee: 'equipe' }).expect(400);
    expect(noNote.text).toContain(`<p class="field-error" id="ecarter-${c3}-note-erreur">Précisez la raison en quelques mots.</p>`);
    expect(noNote.text).toContain('<details class="work-log" open>');
    const noReason = await session.post(`/a-appeler/${c3}/ecarter`).type('form').send({ _csrf: token }).expect(400);
    expect(noReason.text).toContain('<h1>À appeler cette semaine</h1>');
    expect(noReason.text).toContain(`id="ecarter-${c3}-raison-erreur">Choisissez une raison dans la liste.</p>`);
    const plain = await session.post(`/a-appeler/${c5}/ecarter`).type('form').send({ _csrf: token, reason: 'elsewhere' }).expect(303);
    expect(plain.headers.location).toBe('/a-appeler?ok=ecartee');
    const after = await session.get(plain.headers.location).expect(200);
    expect(after.text).toContain('Suggestion écartée pour toute l’équipe.');
    expect(after.text).not.toContain(`id="suggestion-${c5}"`);
    expect((await session.get(`/a-appeler/${c5}/ecarter`).expect(303)).headers.location).toBe(`/a-appeler#suggestion-${c5}`);
  });
});
