import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { Structure } from '../src/structures/structure.entity';

describe('placements (e2e)', () => {
  let t: TestApp;
  let structureA: Structure;
  let a: Api;
  let b: Api;
  let candidateId: string;
  let companyId: string;
  let otherCompanyId: string;
  let foreignCandidateId: string;
  let foreignCompanyId: string;

  const newCandidate = async (firstName: string) =>
    (await a.post('/api/candidates', { firstName, lastName: 'Placé' }).expect(201)).body.id as string;

  /** Job leads and proposals have their own API elsewhere; rows are enough here. */
  async function insertLead(company: string, structure = structureA): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO job_lead (structure_id, company_id, job_title, contract_type, spotted_at, status)
       VALUES ($1, $2, 'Préparateur de commandes', 'cdd', now(), 'candidate_proposed') RETURNING id`,
      [structure.id, company],
    );
    return row.id;
  }
  async function insertProposal(lead: string, candidate: string): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO proposal (structure_id, lead_id, candidate_id, proposed_at) VALUES ($1, $2, $3, now()) RETURNING id`,
      [structureA.id, lead, candidate],
    );
    return row.id;
  }
  const leadStatus = async (lead: string) =>
    (await t.dataSource.query(`SELECT status, version FROM job_lead WHERE id = $1`, [lead]))[0] as { status: string; version: number };

  const cdd = (overrides: object = {}) => ({
    candidateId,
    companyId,
    contractType: 'cdd',
    jobTitle: 'Préparateur·rice de commandes',
    startDate: '2026-11-02',
    plannedEndDate: '2027-05-01',
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    structureA = await createStructure(t.dataSource, 'ACI A');
    const structureB = await createStructure(t.dataSource, 'EI B', 'EI');
    a = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structureA, 'staff', 'Karim')).email));
    b = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structureB, 'staff')).email));
    candidateId = await newCandidate('Samira');
    companyId = (await a.post('/api/companies', { name: 'Logistique du Nord' }).expect(201)).body.id;
    otherCompanyId = (await a.post('/api/companies', { name: 'Boulangerie Dupont' }).expect(201)).body.id;
    foreignCandidateId = (await b.post('/api/candidates', { firstName: 'Autre', lastName: 'Structure' }).expect(201)).body.id;
    foreignCompanyId = (await b.post('/api/companies', { name: 'Ailleurs SAS' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('follows a contract from a lead: planned → started (candidate in placement, lead filled) → ended, then the exit', async () => {
    const leadId = await insertLead(companyId);
    const proposalId = await insertProposal(leadId, candidateId);
    const created = await a.post('/api/placements', cdd({ proposalId, hoursPerWeek: 35, trialEndDate: '2026-12-01' })).expect(201);
    expect(created.body).toMatchObject({
      candidateId,
      candidate: { id: candidateId, name: 'Samira Placé' },
      company: { id: companyId, name: 'Logistique du Nord' },
      leadId, // given by the proposal
      proposalId,
      kind: 'contract',
      contractType: 'cdd',
      contractTypeLabel: 'CDD',
      status: 'planned',
      exitCategory: 'durable_employment',
      exitCategoryLabel: 'Emploi durable',
      version: 1,
    });
    expect((await leadStatus(leadId)).status).toBe('candidate_proposed');

    const started = await a.post(`/api/placements/${created.body.id}/start`, { version: 1 }).expect(200);
    expect(started.body).toMatchObject({ status: 'started', statusLabel: 'En cours', version: 2 });
    expect((await a.get(`/api/candidates/${candidateId}`).expect(200)).body.status).toBe('in_placement');
    expect(await leadStatus(leadId)).toEqual({ status: 'filled', version: 2 });
    await a.post(`/api/placements/${created.body.id}/start`).expect(409);

    const ended = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'normal' }).expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endDate: '2026-11-20', endKind: 'normal', ruptureReason: null, endedBy: null, version: 3 });
    await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-21', endKind: 'normal' }).expect(409);
    await a.patch(`/api/placements/${created.body.id}`, { jobTitle: 'Autre' }).expect(409);
    // Back on the path; exiting is an explicit step, whose category defaults to the placement's.
    expect((await a.get(`/api/candidates/${candidateId}`).expect(200)).body.status).toBe('on_path');
    const exited = await a.post(`/api/candidates/${candidateId}/exit`, { exitDate: '2026-11-21' }).expect(200);
    expect(exited.body).toMatchObject({ status: 'exited', exitCategory: 'durable_employment', exitDate: '2026-11-21' });
    // An exited person cannot start a new placement (ended early, the first contract no longer holds these days).
    const again = await a.post('/api/placements', cdd({ startDate: '2026-11-23' })).expect(201);
    await a.post(`/api/placements/${again.body.id}/start`).expect(409);
  });

  it('ends early only with the rupture reason and who ended it; never in the future nor before the start', async () => {
    const person = await newCandidate('Rupture');
    const created = await a.post('/api/placements', cdd({ candidateId: person, contractType: 'cdi', plannedEndDate: null, trialEndDate: '2027-01-01' })).expect(201);
    expect(created.body.exitCategory).toBe('durable_employment');
    // A planned placement never ends: it is cancelled.
    await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'early', ruptureReason: 'x', endedBy: 'employee' }).expect(409);
    await a.post(`/api/placements/${created.body.id}/start`).expect(200);
    await a.delete(`/api/placements/${created.body.id}`).expect(409);
    const missing = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'early' }).expect(400);
    expect(fieldsOf(missing.body).sort()).toEqual(['endedBy', 'ruptureReason']);
    const future = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-25', endKind: 'normal' }).expect(400);
    expect(fieldsOf(future.body)).toEqual(['endDate']);
    const before = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-01', endKind: 'normal' }).expect(400);
    expect(fieldsOf(before.body)).toEqual(['endDate']);
    const notEarly = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'normal', endedBy: 'employer' }).expect(400);
    expect(fieldsOf(notEarly.body)).toEqual(['endedBy']);
    const badBy = await a.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'early', ruptureReason: 'x', endedBy: 'nobody' }).expect(400);
    expect(fieldsOf(badBy.body)).toEqual(['endedBy']);
    const ended = await a
      .post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'early', ruptureReason: 'Horaires incompatibles avec la garde', endedBy: 'employee' })
      .expect(200);
    expect(ended.body).toMatchObject({ status: 'ended', endKind: 'early', endedBy: 'employee', ruptureReason: 'Horaires incompatibles avec la garde' });
  });

  it('cancels a planned placement', async () => {
    const created = await a.post('/api/placements', cdd({ candidateId: await newCandidate('Annulé') })).expect(201);
    await a.delete(`/api/placements/${created.body.id}`).expect(204);
    await a.get(`/api/placements/${created.body.id}`).expect(404);
  });

  it('keeps a PMSMP within one calendar month, month ends included, and does not fill the lead', async () => {
    const pmsmp = (startDate: string, plannedEndDate: string | null, extra: object = {}) =>
      cdd({ contractType: 'pmsmp', jobTitle: 'Découverte du métier', startDate, plannedEndDate, ...extra });
    const ok = await a.post('/api/placements', pmsmp('2026-03-02', '2026-04-01')).expect(201);
    expect(ok.body).toMatchObject({ kind: 'immersion', contractTypeLabel: 'Immersion (PMSMP)', exitCategory: null, exitCategoryLabel: null });
    await a.post('/api/placements', pmsmp('2026-01-31', '2026-02-28')).expect(201);
    for (const [start, end] of [['2026-03-02', '2026-04-02'], ['2026-01-31', '2026-03-01'], ['2026-01-28', '2026-02-28'], ['2026-11-02', '2026-12-15']]) {
      const refused = await a.post('/api/placements', pmsmp(start, end)).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['plannedEndDate']);
      expect(refused.body.message).toContain('one month');
      expect(refused.body.details[0]).toMatchObject({ code: 'placement.pmsmp_too_long', params: { field: 'plannedEndDate' } });
    }
    const tooLong = await a.post('/api/placements', pmsmp('2026-03-02', '2026-04-02')).expect(400);
    expect(tooLong.body.details[0]).toEqual(expect.objectContaining({ code: 'placement.pmsmp_too_long', params: { field: 'plannedEndDate', latest: '2026-04-01' } }));
    expect(fieldsOf((await a.post('/api/placements', pmsmp('2026-03-02', null)).expect(400)).body)).toEqual(['plannedEndDate']);
    expect(fieldsOf((await a.post('/api/placements', pmsmp('2026-03-02', '2026-03-13', { kind: 'contract' })).expect(400)).body)).toEqual(['kind']);
    expect(fieldsOf((await a.post('/api/placements', cdd({ kind: 'immersion' })).expect(400)).body)).toEqual(['kind']);
    // Lengthening a PMSMP past one month by an edit is refused too.
    const edited = await a.patch(`/api/placements/${ok.body.id}`, { plannedEndDate: '2026-04-03' }).expect(400);
    expect(fieldsOf(edited.body)).toEqual(['plannedEndDate']);

    const person = await newCandidate('Immersion');
    const leadId = await insertLead(companyId);
    const immersion = await a.post('/api/placements', pmsmp('2026-11-16', '2026-11-27', { candidateId: person, leadId })).expect(201);
    await a.post(`/api/placements/${immersion.body.id}/start`).expect(200);
    expect((await a.get(`/api/candidates/${person}`).expect(200)).body.status).toBe('in_placement');
    expect((await leadStatus(leadId)).status).toBe('candidate_proposed');
  });

  it.each([
    ['an end before the start', { plannedEndDate: '2026-11-01' }, 'plannedEndDate'],
    ['a CDD without end', { plannedEndDate: null }, 'plannedEndDate'],
    ['a CDI with an end', { contractType: 'cdi' }, 'plannedEndDate'],
    ['a CDI inclusion with an end', { contractType: 'cdi_inclusion' }, 'plannedEndDate'],
    ['a CDDI under 4 months', { contractType: 'cddi', plannedEndDate: '2027-02-28' }, 'plannedEndDate'],
    ['a CDDI over 24 months', { contractType: 'cddi', plannedEndDate: '2028-11-02' }, 'plannedEndDate'],
    ['a trial period after the end', { trialEndDate: '2027-05-02' }, 'trialEndDate'],
    ['an unknown contract type', { contractType: 'cdd_senior' }, 'contractType'],
    ['a missing job title', { jobTitle: ' ' }, 'jobTitle'],
    ['an impossible date', { startDate: '2026-02-30' }, 'startDate'],
    ['hours over 48', { hoursPerWeek: 60 }, 'hoursPerWeek'],
  ])('refuses %s with a 400 naming the field', async (_, overrides, field) => {
    const response = await a.post('/api/placements', cdd(overrides)).expect(400);
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it('accepts a CDDI of 4 and of 24 months exactly', async () => {
    // 2026-11-02 + 4 months ends on 2027-03-01; + 24 months on 2028-11-01.
    await a.post('/api/placements', cdd({ candidateId: await newCandidate('Quatre'), contractType: 'cddi', plannedEndDate: '2027-03-01' })).expect(201);
    await a.post('/api/placements', cdd({ candidateId: await newCandidate('Vingt-quatre'), contractType: 'cddi', plannedEndDate: '2028-11-01' })).expect(201);
  });

  it('refuses candidates, companies, leads and proposals that do not fit, naming the field', async () => {
    const foreign = await a.post('/api/placements', cdd({ candidateId: foreignCandidateId, companyId: foreignCompanyId })).expect(400);
    expect(fieldsOf(foreign.body).sort()).toEqual(['candidateId', 'companyId']);
    const leadElsewhere = await insertLead(otherCompanyId);
    expect(fieldsOf((await a.post('/api/placements', cdd({ leadId: leadElsewhere })).expect(400)).body)).toEqual(['leadId']);
    const lead = await insertLead(companyId);
    const someoneElse = await newCandidate('Autre');
    const proposalOfOther = await insertProposal(lead, someoneElse);
    expect(fieldsOf((await a.post('/api/placements', cdd({ leadId: lead, proposalId: proposalOfOther })).expect(400)).body)).toEqual(['proposalId']);
    const otherLead = await insertLead(companyId);
    const proposal = await insertProposal(otherLead, candidateId);
    expect(fieldsOf((await a.post('/api/placements', cdd({ leadId: lead, proposalId: proposal })).expect(400)).body)).toEqual(['proposalId']);
    const [foreignLead] = await t.dataSource.query(`SELECT id FROM job_lead WHERE id = $1`, [lead]);
    expect(fieldsOf((await b.post('/api/placements', { ...cdd({ candidateId: foreignCandidateId, companyId: foreignCompanyId }), leadId: foreignLead.id }).expect(400)).body)).toEqual(['leadId']);
    expect(fieldsOf((await a.post('/api/placements', cdd({ candidateId: 'not-a-uuid' })).expect(400)).body)).toEqual(['candidateId']);
  });

  it("hides placements from another structure: 404 on get, patch, start, end and cancel, absent from lists", async () => {
    const person = await newCandidate('Caché');
    const created = await a.post('/api/placements', cdd({ candidateId: person })).expect(201);
    await b.get(`/api/placements/${created.body.id}`).expect(404);
    await b.patch(`/api/placements/${created.body.id}`, { jobTitle: 'Pris' }).expect(404);
    await b.post(`/api/placements/${created.body.id}/start`).expect(404);
    await b.post(`/api/placements/${created.body.id}/end`, { endDate: '2026-11-20', endKind: 'normal' }).expect(404);
    await b.delete(`/api/placements/${created.body.id}`).expect(404);
    expect((await b.get('/api/placements').expect(200)).body.items).toEqual([]);
    expect((await b.get(`/api/placements?candidate=${person}`).expect(200)).body.total).toBe(0);
    expect((await a.get(`/api/placements/${created.body.id}`).expect(200)).body.status).toBe('planned');
  });

  it('edits with optimistic concurrency (409 when stale) and lists with filters and pages', async () => {
    const person = await newCandidate('Liste');
    const first = await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-10-01', plannedEndDate: '2026-12-31' })).expect(201);
    expect(first.body.exitCategory).toBe('transition_employment');
    const edited = await a.patch(`/api/placements/${first.body.id}`, { version: 1, plannedEndDate: '2027-03-31', hoursPerWeek: 24 }).expect(200);
    expect(edited.body).toMatchObject({ version: 2, plannedEndDate: '2027-03-31', hoursPerWeek: 24, exitCategory: 'durable_employment' });
    const stale = await a.patch(`/api/placements/${first.body.id}`, { version: 1, hoursPerWeek: 30 }).expect(409);
    expect(stale.body.message).toContain('version 2');
    expect(stale.body).toMatchObject({ code: 'placement.stale_version', params: { version: 2 } });
    await a.post(`/api/placements/${first.body.id}/start`, { version: 1 }).expect(409);
    // Changing to a CDI needs the planned end cleared, in the same edit.
    expect(fieldsOf((await a.patch(`/api/placements/${first.body.id}`, { contractType: 'cdi' }).expect(400)).body)).toEqual(['plannedEndDate']);
    await a.patch(`/api/placements/${first.body.id}`, { contractType: 'cdi', plannedEndDate: null }).expect(200);
    await a.patch(`/api/placements/${first.body.id}`, { candidateId }).expect(400);

    await a.post('/api/placements', cdd({ candidateId: person, companyId: otherCompanyId, contractType: 'interim', startDate: '2026-09-01', plannedEndDate: '2026-09-20' })).expect(201);
    const mine = await a.get(`/api/placements?candidate=${person}`).expect(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((p: { startDate: string }) => p.startDate)).toEqual(['2026-10-01', '2026-09-01']);
    const atCompany = await a.get(`/api/placements?candidate=${person}&company=${otherCompanyId}`).expect(200);
    expect(atCompany.body.items).toHaveLength(1);
    expect(atCompany.body.items[0]).toMatchObject({ contractType: 'interim', exitCategory: 'transition_employment', company: { name: 'Boulangerie Dupont' } });
    const paged = await a.get(`/api/placements?candidate=${person}&limit=1&offset=1`).expect(200);
    expect(paged.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    const started = await a.get('/api/placements?status=started').expect(200);
    expect(started.body.items.every((p: { status: string }) => p.status === 'started')).toBe(true);
    await a.get('/api/placements?status=cancelled').expect(400);
  });

  it('shows the exit category by the 6-month rule and for a hiring by another SIAE', async () => {
    const at = async (contractType: string, startDate: string, plannedEndDate: string) =>
      (await a.post('/api/placements', cdd({ candidateId: await newCandidate(contractType), contractType, startDate, plannedEndDate })).expect(201)).body.exitCategory;
    expect(await at('cdd', '2026-01-15', '2026-07-14')).toBe('durable_employment');
    expect(await at('cdd', '2026-01-15', '2026-07-13')).toBe('transition_employment');
    expect(await at('interim', '2026-01-15', '2026-07-14')).toBe('durable_employment');
    expect(await at('cddi', '2026-01-15', '2026-07-14')).toBe('positive_exit');
    expect(await at('apprenticeship', '2026-09-01', '2028-08-31')).toBe('durable_employment');
    expect(await at('cdd_tremplin', '2026-09-01', '2027-08-31')).toBe('transition_employment');
  });
  describe('one contract at a time', () => {
    const overlapOf = (response: { body: { details: Array<{ field: string; code?: string }>; message: string } }, otherId: string) => {
      expect(fieldsOf(response.body)).toEqual(['startDate']);
      expect(response.body.message).toContain(otherId);
      expect(response.body.details[0]).toMatchObject({ code: 'placement.contract_overlap', params: { field: 'startDate', otherId } });
    };

    it('refuses a second contract on the same days (409 naming startDate and the other placement), allows a PMSMP during it', async () => {
      const person = await newCandidate('Cinq');
      const first = (await a.post('/api/placements', cdd({ candidateId: person, startDate: '2027-01-04', plannedEndDate: '2027-03-31' })).expect(201)).body;
      for (const [startDate, plannedEndDate] of [['2027-01-04', '2027-03-31'], ['2026-12-01', '2027-01-04'], ['2027-03-31', '2027-06-30'], ['2027-02-01', '2027-02-15']]) {
        const refused = await a.post('/api/placements', cdd({ candidateId: person, companyId: otherCompanyId, startDate, plannedEndDate })).expect(409);
        overlapOf(refused, first.id);
      }
      // A CDI, with no end, would run through the CDD too.
      overlapOf(await a.post('/api/placements', cdd({ candidateId: person, contractType: 'cdi', startDate: '2026-12-01', plannedEndDate: null })).expect(409), first.id);
      expect((await a.get(`/api/placements?candidate=${person}`).expect(200)).body.total).toBe(1);
      // Before and after are free; an immersion during the contract is allowed.
      await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-12-01', plannedEndDate: '2027-01-03' })).expect(201);
      const after = (await a.post('/api/placements', cdd({ candidateId: person, contractType: 'cdi', startDate: '2027-04-01', plannedEndDate: null })).expect(201)).body;
      await a.post('/api/placements', cdd({ candidateId: person, contractType: 'pmsmp', jobTitle: 'Découverte', startDate: '2027-02-01', plannedEndDate: '2027-02-12' })).expect(201);
      // The open-ended CDI runs forever: nothing after it either.
      overlapOf(await a.post('/api/placements', cdd({ candidateId: person, startDate: '2030-01-01', plannedEndDate: '2030-06-30' })).expect(409), after.id);
      // Another person is free on the same days.
      await a.post('/api/placements', cdd({ candidateId: await newCandidate('Libre'), startDate: '2027-01-04', plannedEndDate: '2027-03-31' })).expect(201);
    });

    it('refuses an edit that moves a contract onto another, and writes nothing', async () => {
      const person = await newCandidate('Déplacé');
      const first = (await a.post('/api/placements', cdd({ candidateId: person, startDate: '2027-01-04', plannedEndDate: '2027-03-31' })).expect(201)).body;
      const second = (await a.post('/api/placements', cdd({ candidateId: person, startDate: '2027-04-01', plannedEndDate: '2027-06-30' })).expect(201)).body;
      overlapOf(await a.patch(`/api/placements/${second.id}`, { version: 1, startDate: '2027-03-15' }).expect(409), first.id);
      overlapOf(await a.patch(`/api/placements/${first.id}`, { version: 1, plannedEndDate: '2027-04-01' }).expect(409), second.id);
      expect((await a.get(`/api/placements/${second.id}`).expect(200)).body).toMatchObject({ startDate: '2027-04-01', version: 1 });
      // Editing something else, or moving within free days, is fine.
      await a.patch(`/api/placements/${second.id}`, { version: 1, startDate: '2027-04-02', hoursPerWeek: 30 }).expect(200);
    });

    it('ends an ended-early contract at its end date: the days after it are free', async () => {
      const person = await newCandidate('Rompu');
      const first = (await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-10-01', plannedEndDate: '2027-03-31' })).expect(201)).body;
      await a.post(`/api/placements/${first.id}/start`).expect(200);
      overlapOf(await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-12-01', plannedEndDate: '2027-01-31' })).expect(409), first.id);
      await a.post(`/api/placements/${first.id}/end`, { endDate: '2026-11-20', endKind: 'early', ruptureReason: 'Déménagement', endedBy: 'employee' }).expect(200);
      overlapOf(await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-11-20', plannedEndDate: '2027-01-31' })).expect(409), first.id);
      await a.post('/api/placements', cdd({ candidateId: person, startDate: '2026-11-21', plannedEndDate: '2027-01-31' })).expect(201);
    });

    it('lets only one of two simultaneous contracts for the same person through', async () => {
      const person = await newCandidate('Simultané');
      const responses = await Promise.all(
        [companyId, otherCompanyId, companyId].map((company) => a.post('/api/placements', cdd({ candidateId: person, companyId: company, startDate: '2027-01-04', plannedEndDate: '2027-03-31' }))),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409]);
      expect((await a.get(`/api/placements?candidate=${person}`).expect(200)).body.total).toBe(1);
    });
  });
});
