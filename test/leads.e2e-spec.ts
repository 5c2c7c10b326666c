import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { Candidate } from '../src/candidates/candidate.entity';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';

const DAY = 24 * 60 * 60 * 1000;
const SECRET = 'SECRET-CONSTRAINT-TEXT';
const START = new Date('2026-11-24T09:00:00Z'); // Tuesday 24 November 2026, 10:00 in Paris

describe('job leads, matching and proposals (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let other: Structure;
  let karim: User;
  let manager: User;
  let otherUser: User;
  let a: Api;
  let m: Api;
  let b: Api;
  const bodies: unknown[] = [];

  const record = <T extends { body: unknown }>(response: T): T => {
    bodies.push(response.body);
    return response;
  };

  const relogin = async () => {
    const server = t.app.getHttpServer();
    a = api(await login(server, karim.email));
    m = api(await login(server, manager.email));
    b = api(await login(server, otherUser.email));
  };

  const newCandidate = (owner: Structure, values: Partial<Candidate>) =>
    t.dataSource.getRepository(Candidate).save(
      t.dataSource.getRepository(Candidate).create({
        structureId: owner.id,
        firstName: 'Test',
        lastName: 'Candidat',
        constraints: { childcare: SECRET, mobility: SECRET },
        notes: SECRET,
        ...values,
      }),
    );

  const newCompany = async (name: string) =>
    (await a.post('/api/companies', { name, commune: 'Lille', postcode: '59000' }).expect(201)).body;

  const newLead = async (companyId: string, extra: object = {}) =>
    record(
      await a
        .post('/api/leads', { companyId, jobTitle: 'Préparateur de commandes', romeCode: 'N1103', contractType: 'cdi', hoursPerWeek: 35, ...extra })
        .expect(201),
    ).body;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(START);
    structure = await createStructure(t.dataSource);
    other = await createStructure(t.dataSource);
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    manager = await createUser(t.dataSource, structure, 'manager', 'Lina');
    otherUser = await createUser(t.dataSource, other, 'staff', 'Autre');
    await relogin();
  });
  afterAll(async () => {
    // No answer of this suite ever carried a candidate's constraints or notes.
    expect(JSON.stringify(bodies)).not.toContain(SECRET);
    await t.close();
  });

  describe('leads', () => {
    it('creates a lead with the company’s commune, hidden market by default, and its proposal target', async () => {
      const company = await newCompany('Entrepôts du Nord');
      const lead = await newLead(company.id, { shiftPattern: '2x8', requirements: ['Port de charges'], adaptations: ['Horaires décalés le mercredi'] });
      expect(lead).toMatchObject({
        companyId: company.id,
        companyName: 'Entrepôts du Nord',
        workCommune: 'Lille',
        hiddenMarket: true,
        status: 'spotted',
        statusLabel: 'Repéré',
        romeCode: 'N1103',
        ownerId: karim.id,
        version: 1,
        spottedAt: START.toISOString(),
        proposalDueBy: '2026-12-01',
        daysToFirstProposal: null,
        overdue: false,
        late: false,
      });
      expect(lead.romeLabel).toBeTruthy();
      const again = record(await a.get(`/api/leads/${lead.id}`).expect(200)).body;
      expect(again.id).toBe(lead.id);
      const ofCompany = record(await a.get(`/api/companies/${company.id}/leads`).expect(200)).body;
      expect(ofCompany).toMatchObject({ total: 1, limit: 50, offset: 0 });
      expect(ofCompany.items[0].id).toBe(lead.id);
    });

    it('answers 400 naming the field for bad input, 404 for another structure’s company', async () => {
      const company = await newCompany('Validation SAS');
      const badRome = await a.post('/api/leads', { companyId: company.id, jobTitle: 'X', romeCode: 'X123', contractType: 'cdi' }).expect(400);
      expect(fieldsOf(badRome.body)).toEqual(['romeCode']);
      expect(badRome.body.details[0]).toMatchObject({ code: 'lead.rome_code_invalid', params: { field: 'romeCode' } });
      const unknownRome = await a.post('/api/leads', { companyId: company.id, jobTitle: 'X', romeCode: 'A0000', contractType: 'cdi' }).expect(400);
      expect(fieldsOf(unknownRome.body)).toEqual(['romeCode']);
      const bad = await a.post('/api/leads', { companyId: company.id, jobTitle: '', contractType: 'job', hoursPerWeek: 60 }).expect(400);
      expect(fieldsOf(bad.body).sort()).toEqual(['contractType', 'hoursPerWeek', 'jobTitle']);
      for (const startDate of ['2027-02-29', '2027-01-04T08:00:00Z']) {
        const notADay = await a.post('/api/leads', { companyId: company.id, jobTitle: 'X', contractType: 'cdi', startDate }).expect(400);
        expect(fieldsOf(notADay.body)).toEqual(['startDate']);
      }
      const otherCompany = (await b.post('/api/companies', { name: 'Ailleurs SA' }).expect(201)).body;
      await a.post('/api/leads', { companyId: otherCompany.id, jobTitle: 'X', contractType: 'cdi' }).expect(404);
      const otherContact = (await b.post(`/api/companies/${otherCompany.id}/contacts`, { lastName: 'Martin' }).expect(201)).body;
      const wrongContact = await a.post('/api/leads', { companyId: company.id, jobTitle: 'X', contractType: 'cdi', contactId: otherContact.id }).expect(400);
      expect(fieldsOf(wrongContact.body)).toEqual(['contactId']);
      expect(wrongContact.body.details[0].code).toBe('lead.contact_of_another_company');
    });

    it('edits with the version (409 when stale) and hides leads from other structures', async () => {
      const company = await newCompany('Versions SARL');
      const lead = await newLead(company.id);
      const edited = record(await a.patch(`/api/leads/${lead.id}`, { version: 1, hoursPerWeek: 30, workCommune: 'Roubaix' }).expect(200)).body;
      expect(edited).toMatchObject({ version: 2, hoursPerWeek: 30, workCommune: 'Roubaix' });
      const stale = await a.patch(`/api/leads/${lead.id}`, { version: 1, hoursPerWeek: 20 }).expect(409);
      expect(stale.body.message).toMatch(/version 2/);
      expect(stale.body).toMatchObject({ code: 'lead.stale_version', params: { version: 2 } });
      const nulled = await a.patch(`/api/leads/${lead.id}`, { version: 2, jobTitle: null }).expect(400);
      expect(fieldsOf(nulled.body)).toEqual(['jobTitle']);
      await b.get(`/api/leads/${lead.id}`).expect(404);
      await b.patch(`/api/leads/${lead.id}`, { version: 2, hoursPerWeek: 20 }).expect(404);
      await b.post(`/api/leads/${lead.id}/status`, { status: 'abandoned', abandonReason: 'x', version: 2 }).expect(404);
      await b.get(`/api/leads/${lead.id}/matches`).expect(404);
      await b.get(`/api/leads/${lead.id}/proposals`).expect(404);
      await b.get(`/api/companies/${company.id}/leads`).expect(404);
      expect((await b.get('/api/leads').expect(200)).body.items.map((l: { id: string }) => l.id)).not.toContain(lead.id);
    });

    it('follows the allowed transitions: qualified needs a job sheet, abandoning needs a reason, filled is final', async () => {
      const company = await newCompany('Transitions SA');
      const bare = await newLead(company.id, { romeCode: null, hoursPerWeek: null });
      const noSheet = await a.post(`/api/leads/${bare.id}/status`, { status: 'qualified', version: 1 }).expect(400);
      expect(fieldsOf(noSheet.body).sort()).toEqual(['hoursPerWeek', 'romeCode']);
      expect(noSheet.body.details.map((d: { code: string }) => d.code).sort()).toEqual(['lead.hours_required', 'lead.rome_code_required']);

      const lead = await newLead(company.id);
      const toFilled = await a.post(`/api/leads/${lead.id}/status`, { status: 'filled', version: 1 }).expect(422);
      expect(toFilled.body.message).toMatch(/^status:/);
      expect(toFilled.body.code).toBe('lead.transition_refused');
      await a.post(`/api/leads/${lead.id}/status`, { status: 'candidate_proposed', version: 1 }).expect(422);
      const qualified = record(await a.post(`/api/leads/${lead.id}/status`, { status: 'qualified', version: 1 }).expect(201)).body;
      expect(qualified).toMatchObject({ status: 'qualified', version: 2 });
      await a.post(`/api/leads/${lead.id}/status`, { status: 'abandoned', version: 1, abandonReason: 'x' }).expect(409);
      const noReason = await a.post(`/api/leads/${lead.id}/status`, { status: 'abandoned', version: 2 }).expect(400);
      expect(fieldsOf(noReason.body)).toEqual(['abandonReason']);
      expect(noReason.body.details[0].code).toBe('lead.abandon_reason_required');
      const abandoned = record(
        await a.post(`/api/leads/${lead.id}/status`, { status: 'abandoned', version: 2, abandonReason: 'Poste supprimé' }).expect(201),
      ).body;
      expect(abandoned).toMatchObject({ status: 'abandoned', abandonReason: 'Poste supprimé', overdue: false });
      await a.post(`/api/leads/${lead.id}/status`, { status: 'qualified', version: 3 }).expect(422);
      const reopened = record(await a.post(`/api/leads/${lead.id}/status`, { status: 'spotted', version: 3 }).expect(201)).body;
      expect(reopened).toMatchObject({ status: 'spotted', abandonReason: null, version: 4 });
      const badStatus = await a.post(`/api/leads/${lead.id}/status`, { status: 'done', version: 4 }).expect(400);
      expect(fieldsOf(badStatus.body)).toEqual(['status']);
    });
  });

  describe('matching and proposals', () => {
    let company: { id: string; version: number };
    let lead: { id: string; version: number };
    let ids: Record<string, string>;

    beforeAll(async () => {
      company = await newCompany('Logistique Martin');
      lead = await newLead(company.id, { startDate: '2027-01-04', shiftPattern: '3x8', requiresLicence: true });
      const c = async (key: string, values: Partial<Candidate>) => [key, (await newCandidate(structure, values)).id] as const;
      ids = Object.fromEntries(
        await Promise.all([
          c('best', {
            firstName: 'Awa', lastName: 'Diallo', wantedJobs: [{ label: 'préparation de commandes', romeCode: 'N1103' }],
            shifts: ['day', '3x8'], drivingLicence: true, hasVehicle: true, homeCommune: 'Lille', hoursPerWeek: 35, availableFrom: '2026-12-01',
            strengths: ['Ponctuelle'],
          }),
          c('words', {
            firstName: 'Bruno', lastName: 'Bernard', wantedJobs: [{ label: 'Préparateur' }], shifts: ['3x8'], drivingLicence: true,
            homeCommune: 'Roubaix', mobilityRadiusKm: 20,
          }),
          c('tie', { firstName: 'Chloé', lastName: 'Adam', wantedJobs: [{ label: 'Préparateur' }], shifts: ['3x8'], drivingLicence: true, homeCommune: 'Roubaix', mobilityRadiusKm: 20 }),
          c('noLicence', { firstName: 'Dan', lastName: 'Caron', wantedJobs: [{ label: 'magasinier', romeCode: 'N1103' }], shifts: ['3x8'] }),
          c('exited', { firstName: 'Eva', lastName: 'Durand', status: 'exited', shifts: ['3x8'], drivingLicence: true }),
        ]),
      );
      await newCandidate(other, { firstName: 'Zoé', lastName: 'Ailleurs', wantedJobs: [{ label: 'x', romeCode: 'N1103' }] });
    });

    it('ranks the structure’s candidates with their reasons and lists the excluded ones with their conflicts', async () => {
      const body = record(await a.get(`/api/leads/${lead.id}/matches`).expect(200)).body;
      expect(body.matches.map((match: { candidate: { id: string } }) => match.candidate.id)).toEqual([ids.best, ids.tie, ids.words]);
      expect(body.matches[0].reasons).toEqual(
        expect.arrayContaining([
          'Souhaite ce métier (N1103)',
          'Accepte le 3x8',
          'A le permis et une voiture',
          'Habite à Lille, lieu du poste',
          'Disponible avant le 04/01/2027',
          'Disponible 35 h par semaine (poste : 35 h)',
        ]),
      );
      expect(body.matches[1].reasons).toEqual(expect.arrayContaining(['Souhaite « Préparateur », en ses propres mots', 'A le permis']));
      expect(body.matches[1].reasons.join(' ')).toMatch(/Lille à \d+ km de Roubaix, dans son rayon de 20 km/);
      expect(body.matches[0].candidate).toEqual({
        id: ids.best, firstName: 'Awa', lastName: 'Diallo',
        wantedJobs: [{ label: 'préparation de commandes', romeCode: 'N1103' }], strengths: ['Ponctuelle'], skills: [],
      });
      const excluded = Object.fromEntries(body.excluded.map((e: { candidate: { id: string }; conflicts: string[] }) => [e.candidate.id, e.conflicts]));
      expect(Object.keys(excluded).sort()).toEqual([ids.exited, ids.noLicence].sort());
      expect(excluded[ids.noLicence]).toEqual(['Le permis est exigé et la personne ne l’a pas']);
      expect(excluded[ids.exited]).toContain('A quitté la structure');
      expect(body).toMatchObject({ totalMatches: 3, totalExcluded: 2 });
    });

    it('lists the open leads that fit a candidate, and 404 for another structure’s candidate', async () => {
      const body = record(await a.get(`/api/candidates/${ids.best}/leads`).expect(200)).body;
      expect(body.matches[0]).toMatchObject({ lead: { id: lead.id, companyName: 'Logistique Martin', jobTitle: 'Préparateur de commandes' } });
      expect(body.matches[0].reasons).toContain('Souhaite ce métier (N1103)');
      const noLicence = record(await a.get(`/api/candidates/${ids.noLicence}/leads`).expect(200)).body;
      expect(noLicence.excluded.map((e: { lead: { id: string } }) => e.lead.id)).toContain(lead.id);
      await b.get(`/api/candidates/${ids.best}/leads`).expect(404);
    });

    it('proposes a candidate: first proposal time, lead and company move forward in one go; 409 twice; 422 on conflicts unless forced', async () => {
      t.clock.advance(2 * DAY);
      await relogin();
      await b.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.best }).expect(404);
      const otherCandidate = await newCandidate(other, { firstName: 'Y', lastName: 'Z' });
      await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: otherCandidate.id }).expect(404);
      const bad = await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: 'nope' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['candidateId']);

      const proposal = record(await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.best }).expect(201)).body;
      expect(proposal).toMatchObject({ leadId: lead.id, outcome: 'pending', proposedBy: karim.id, candidate: { id: ids.best, firstName: 'Awa' } });
      const twice = await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.best }).expect(409);
      expect(twice.body).toMatchObject({ code: 'lead.already_proposed', params: { leadId: lead.id, candidateId: ids.best } });

      t.clock.advance(60_000);
      const refused = await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.noLicence }).expect(422);
      expect(refused.body.message).toContain('Le permis est exigé');
      expect(refused.body).toMatchObject({ code: 'lead.hard_conflicts', params: { conflicts: 1 } });
      const forced = record(await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.noLicence, force: true }).expect(201)).body;
      expect(forced.conflicts).toEqual(['Le permis est exigé et la personne ne l’a pas']);

      const after = record(await a.get(`/api/leads/${lead.id}`).expect(200)).body;
      expect(after).toMatchObject({ status: 'candidate_proposed', daysToFirstProposal: 2, late: false, overdue: false });
      expect(after.firstProposedAt).toBe(new Date(START.getTime() + 2 * DAY).toISOString());
      const listed = record(await a.get(`/api/leads/${lead.id}/proposals`).expect(200)).body;
      expect(listed.map((p: { candidate: { id: string } }) => p.candidate.id)).toEqual([ids.best, ids.noLicence]);

      const moved = (await a.get(`/api/companies/${company.id}`).expect(200)).body;
      expect(moved.stageName).toBe('Candidat proposé');
      const timeline = (await a.get(`/api/companies/${company.id}/timeline?type=stage_change`).expect(200)).body;
      expect(timeline.items[0]).toMatchObject({ toStage: 'Candidat proposé', text: 'Candidat proposé : Préparateur de commandes' });
      expect(timeline.total).toBe(2);
    });

    it('records outcomes: a refusal needs a reason, an interview moves the lead, a hire fills it and moves the company to recruitment', async () => {
      const proposals = (await a.get(`/api/leads/${lead.id}/proposals`).expect(200)).body;
      const [best, second] = proposals;
      const noReason = await a.post(`/api/proposals/${second.id}/outcome`, { outcome: 'declined_by_employer' }).expect(400);
      expect(fieldsOf(noReason.body)).toEqual(['reason']);
      await b.post(`/api/proposals/${second.id}/outcome`, { outcome: 'declined_by_employer', reason: 'x' }).expect(404);
      const declined = record(
        await a.post(`/api/proposals/${second.id}/outcome`, { outcome: 'declined_by_employer', reason: 'Permis indispensable' }).expect(201),
      ).body;
      expect(declined).toMatchObject({ outcome: 'declined_by_employer', outcomeReason: 'Permis indispensable' });
      await a.post(`/api/proposals/${second.id}/outcome`, { outcome: 'hired' }).expect(422);

      await a.post(`/api/proposals/${best.id}/outcome`, { outcome: 'interview' }).expect(201);
      expect((await a.get(`/api/leads/${lead.id}`).expect(200)).body.status).toBe('interview');
      await a.post(`/api/proposals/${best.id}/outcome`, { outcome: 'hired' }).expect(201);
      expect((await a.get(`/api/leads/${lead.id}`).expect(200)).body.status).toBe('filled');
      const company2 = (await a.get(`/api/companies/${company.id}`).expect(200)).body;
      expect(company2.stageName).toBe('Recrutement');
      const timeline = (await a.get(`/api/companies/${company.id}/timeline?type=stage_change`).expect(200)).body;
      expect(timeline.items[0]).toMatchObject({ toStage: 'Recrutement', text: 'Embauche : Préparateur de commandes' });
      // A filled lead takes no more proposals and no manual status change.
      await a.post(`/api/leads/${lead.id}/proposals`, { candidateId: ids.words }).expect(422);
    });

    it('never moves a company backwards', async () => {
      const ahead = await newCompany('Déjà Partenaire');
      const stages = (await a.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string }>;
      const partner = stages.find((stage) => stage.key === 'active_partner')!;
      await a.post(`/api/companies/${ahead.id}/stage`, { stageId: partner.id, version: 1 }).expect(201);
      const aheadLead = await newLead(ahead.id);
      await a.post(`/api/leads/${aheadLead.id}/proposals`, { candidateId: ids.words, force: true }).expect(201);
      expect((await a.get(`/api/companies/${ahead.id}`).expect(200)).body.stageName).toBe('Partenaire actif');
    });
  });

  describe('scale', () => {
    it('matches 2,000 candidates against a lead, and a candidate against 500 open leads, in well under a second each', async () => {
      t.clock.set(START);
      await relogin();
      const big = await createStructure(t.dataSource, 'Grosse ACI');
      const bigUser = await createUser(t.dataSource, big, 'staff', 'Scale');
      const s = api(await login(t.app.getHttpServer(), bigUser.email));
      const company = (await s.post('/api/companies', { name: 'Hypermarché', commune: 'Lille' }).expect(201)).body;
      const jobs = [{ label: 'caissière', romeCode: 'D1505' }, { label: 'magasinier', romeCode: 'N1103' }, { label: 'agent d’entretien' }];
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        structureId: big.id,
        firstName: `P${i}`,
        lastName: `Nom${String(i).padStart(4, '0')}`,
        wantedJobs: [jobs[i % 3]],
        shifts: i % 4 ? ['day'] : ['night'],
        homeCommune: i % 2 ? 'Lille' : 'Roubaix',
        mobilityRadiusKm: i % 5 ? 20 : 5,
        constraints: { housing: SECRET },
      })) as Array<Partial<Candidate>>;
      for (let i = 0; i < rows.length; i += 500) await t.dataSource.getRepository(Candidate).insert(rows.slice(i, i + 500));
      const leads = Array.from({ length: 500 }, (_, i) => ({
        structureId: big.id, companyId: company.id, jobTitle: `Poste ${i}`, romeCode: i % 2 ? 'N1103' : 'D1505',
        contractType: 'cdd', shiftPattern: 'day', workCommune: 'Lille', spottedAt: START,
      }));
      await t.dataSource.query(
        `INSERT INTO job_lead (structure_id, company_id, job_title, rome_code, contract_type, shift_pattern, work_commune, spotted_at)
         SELECT $1, $2, 'Poste ' || n, CASE WHEN n % 2 = 0 THEN 'N1103' ELSE 'D1505' END, 'cdd', 'day', 'Lille', $3
         FROM generate_series(1, $4::int) AS n`,
        [big.id, company.id, START, leads.length],
      );
      const [{ id: leadId }] = await t.dataSource.query(`SELECT id FROM job_lead WHERE structure_id = $1 LIMIT 1`, [big.id]);
      let started = Date.now();
      const matches = record(await s.get(`/api/leads/${leadId}/matches?limit=20`).expect(200)).body;
      expect(Date.now() - started).toBeLessThan(1500);
      expect(matches.totalMatches + matches.totalExcluded).toBe(2000);
      expect(matches.matches).toHaveLength(20);
      const [{ id: candidateId }] = await t.dataSource.query(`SELECT id FROM candidate WHERE structure_id = $1 LIMIT 1`, [big.id]);
      started = Date.now();
      const fits = record(await s.get(`/api/candidates/${candidateId}/leads?limit=20`).expect(200)).body;
      expect(Date.now() - started).toBeLessThan(1500);
      expect(fits.totalMatches + fits.totalExcluded).toBe(500);
    });
  });

  describe('proposal target', () => {
    it('flags open leads past the target, lists them with overdue=true, and marks a late first proposal', async () => {
      t.clock.set(START);
      await relogin();
      const company = await newCompany('Délais SA');
      const waiting = await newLead(company.id, { jobTitle: 'Agent d’entretien', romeCode: 'K2204' });
      const closed = await newLead(company.id, { jobTitle: 'Plongeur', romeCode: 'G1602' });
      await a.post(`/api/leads/${closed.id}/status`, { status: 'abandoned', abandonReason: 'Plus de besoin', version: 1 }).expect(201);

      // Tuesday 1 December, still within the 7 calendar days.
      t.clock.set(new Date('2026-12-01T20:00:00Z'));
      await relogin();
      expect((await a.get(`/api/leads/${waiting.id}`).expect(200)).body).toMatchObject({ proposalDueBy: '2026-12-01', overdue: false });
      let overdue = (await a.get('/api/leads?overdue=true').expect(200)).body;
      expect(overdue.items.map((l: { id: string }) => l.id)).not.toContain(waiting.id);

      // Wednesday 2 December: past the target.
      t.clock.set(new Date('2026-12-02T08:00:00Z'));
      await relogin();
      expect((await a.get(`/api/leads/${waiting.id}`).expect(200)).body.overdue).toBe(true);
      overdue = record(await a.get('/api/leads?overdue=true').expect(200)).body;
      const overdueIds = overdue.items.map((l: { id: string }) => l.id);
      expect(overdueIds).toContain(waiting.id);
      expect(overdueIds).not.toContain(closed.id);
      expect(overdue.items.every((l: { overdue: boolean }) => l.overdue)).toBe(true);

      // Managers set the target; staff cannot.
      await a.put('/api/leads/settings', { proposalTargetDays: 14 }).expect(403);
      const bad = await m.put('/api/leads/settings', { proposalTargetDays: 0 }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['proposalTargetDays']);
      expect((await m.put('/api/leads/settings', { proposalTargetDays: 14 }).expect(200)).body).toEqual({ proposalTargetDays: 14 });
      expect((await a.get('/api/leads/settings').expect(200)).body).toEqual({ proposalTargetDays: 14 });
      expect((await a.get(`/api/leads/${waiting.id}`).expect(200)).body).toMatchObject({ proposalDueBy: '2026-12-08', overdue: false });
      expect((await a.get('/api/leads?overdue=true').expect(200)).body.items.map((l: { id: string }) => l.id)).not.toContain(waiting.id);
      await m.put('/api/leads/settings', { proposalTargetDays: 7 }).expect(200);
      expect((await b.get('/api/leads/settings').expect(200)).body).toEqual({ proposalTargetDays: 7 });

      // Proposed on day 8: late, and no longer overdue.
      const person = await newCandidate(structure, { firstName: 'Fanny', lastName: 'Petit' });
      await a.post(`/api/leads/${waiting.id}/proposals`, { candidateId: person.id, force: true }).expect(201);
      expect((await a.get(`/api/leads/${waiting.id}`).expect(200)).body).toMatchObject({
        daysToFirstProposal: 8,
        late: true,
        overdue: false,
        status: 'candidate_proposed',
      });
      const filtered = (await a.get(`/api/leads?status=candidate_proposed,interview&companyId=${company.id}&ownerId=me`).expect(200)).body;
      expect(filtered.items.map((l: { id: string }) => l.id)).toEqual([waiting.id]);
      const badFilter = await a.get('/api/leads?status=nope').expect(400);
      expect(fieldsOf(badFilter.body)).toEqual(['status']);
    });
  });
});
