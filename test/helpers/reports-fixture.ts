import type { Response } from 'supertest';
import { Structure } from '../../src/structures/structure.entity';
import { User } from '../../src/users/user.entity';
import { api, Api } from './api';
import { TestApp } from './app';
import { createStructure, createUser, login } from './fixtures';

/**
 * The hand-made world behind test/reports.e2e-spec.ts. Everything goes through the real API with
 * the clock set to the moment of each event; direct SQL is used only for what the API cannot
 * date: check-ins sent/answered (sent by the worker), staff alerts (raised by the worker or with
 * the database's `now()`), and the creation time of the rupture alerts the API raises.
 *
 * Time zone: Europe/Paris is UTC+1 until Sunday 29 March 2026 02:00, then UTC+2.
 * "Now" is Monday 15 June 2026, 12:00 in Paris; today = 2026-06-15.
 * The period under test is 2026-03-01 .. 2026-05-31 (92 days), i.e. the instants
 * [2026-02-28T23:00Z, 2026-05-31T22:00Z).
 *
 * Structure A ("ACI Rapports"): Mona (manager), Adèle (admin), Karim and Julie (staff).
 * Structure B ("EI Ailleurs"): Bruno and Boris (staff), Béa (manager); see its own comments below.
 *
 * Companies of A (first-call script V1 = the default first-call script, V2 = the default
 * first-meeting script; NAF, territory, source):
 * - C1 Alpha Logistique (52.10B, Métropole Lille, cold_prospection), Karim:
 *     call 02-28T23:30Z (= 1 March 00:30 in Paris, V1) — contacted inside the period;
 *     card moved to « Rendez-vous réalisé » 03-05T13:30Z, back to « Rendez-vous fixé » 03-06,
 *     forward again to « Rendez-vous réalisé » 03-10 (only the first time counts);
 *     lead spotted 03-12T11:30Z; proposal 03-14T11:30Z; CDI P1 from 2026-03-16 (hire at
 *     03-15T23:00Z), proposal outcome « hired »; Julie later moves the card back to « Premier appel »
 *     (05-02): the steps stay, the company stays Karim's.
 * - C2 Bistrot du Port (56.10A, Dunkerque, network), Karim: call 03-03T10:00Z with outcome
 *     need_found (V1): a need found on the phone, no meeting; lead 03-04T10:00Z; PMSMP P2
 *     2026-04-01..04-30 (not a hire); proposal only on 06-02T11:00Z (after the period: counts "as of now").
 * - C3 Carrosserie Delta (45.20A, Métropole Lille, cold_prospection), Julie: call 03-20T09:00Z (V2),
 *     second call 03-22T09:00Z (V1, not the first call), meeting 03-26T21:00Z, lead 03-27T06:00Z,
 *     proposal 03-30T09:00Z, CDD P3 2026-04-01..04-20 (hire at 03-31T22:00Z) ended normally 04-20;
 *     a planned (never started) CDD from 05-25.
 * - C4 Boulangerie Epsilon (10.71C, Dunkerque, event), Julie: call 04-07T08:00Z, visit
 *     04-12T22:30Z (= Monday 13 April 00:30 in Paris), meeting 04-14T09:00Z with outcome need_found,
 *     lead 04-15T08:00Z, proposal 04-17T10:00Z, CDD P4a 2026-04-20..10-19 (hire at 04-19T22:00Z)
 *     broken early on 05-10 (rupture), CDI P4b from 05-04, event 05-20T08:00Z.
 * - C5 Dupont Nettoyage (81.21Z), Karim: first call 02-10 (V1), before the period, called again
 *     03-10 and met 03-18: not in the cohort. CDI P5b from 2025-11-30 (owner Julie), CDI P5a from
 *     2026-02-20 (owner Karim) broken early on 06-05 (after the period). Leads L5 (spotted 04-01T08:00Z,
 *     proposal 04-08T08:00Z: exactly 7 days) and L6 (05-02T08:00Z → 05-09T09:00Z: 7 days 1 hour).
 * - C6 Épicerie Fine (47.11D), Karim: only a call at 05-31T22:30Z (= 1 June 00:30 in Paris): outside.
 * - C7 "=Garage Zeta" (56.30Z, Métropole Lille, inbound), Julie: no call, only a stage change to
 *     « Premier appel » at 05-31T21:30Z (= 31 May 23:30 in Paris): contacted inside the period.
 * - C8 Imprimerie Theta, Karim: a visit and an e-mail only (not evidence of any funnel step).
 */

export const NOW = '2026-06-15T10:00:00.000Z';
export const PERIOD = 'from=2026-03-01&to=2026-05-31';

/** An answer body, checked by the caller. */
type Body = any;

function ok(response: Response, what: string): Body {
  if (response.status >= 300) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export interface ReportsFixture {
  structure: Structure;
  other: Structure;
  users: { mona: User; adele: User; karim: User; julie: User; bruno: User; boris: User; bea: User };
  as: { mona: Api; adele: Api; karim: Api; julie: Api; bruno: Api; bea: Api };
  scripts: { v1: string; v2: string };
  companies: {
    c1: string; c2: string; c3: string; c4: string; c5: string; c6: string; c7: string; c8: string;
    cb: string; cb2: string; cb4: string; cb5: string; cb6: string; cb7: string;
  };
  placements: { p1: string; p2: string; p3: string; p3planned: string; p4a: string; p4b: string; p5a: string; p5b: string; pb: string; pb2: string };
  candidates: {
    cand3: string;
    cand4a: string;
    candPositive: string;
    candDurable: string;
    candLate: string;
    candEarly: string;
    candB2: string;
  };
  leads: { l1: string; l2: string; l3: string; l4: string; l5: string; l6: string; lb: string };
  activities: {
    karimCalls: string[];
    julieCalls: string[];
    julieVisitMonday13April: string;
    karimVisit: string;
  };
  checkIns: { sent: string[]; answered: string[]; employer: string[] };
  alerts: { inPeriod: string[]; ruptures: string[] };
}

export async function buildReportsFixture(t: TestApp): Promise<ReportsFixture> {
  const ds = t.dataSource;
  const at = (iso: string) => t.clock.set(new Date(iso));
  // Sessions expire 12 hours after login by the clock: logging in at "now", the latest moment of the
  // story, keeps them valid while the clock goes back to each event.
  at(NOW);

  const structure = await createStructure(ds, 'ACI Rapports');
  const other = await createStructure(ds, 'EI Ailleurs', 'EI');
  const users = {
    mona: await createUser(ds, structure, 'manager', 'Mona'),
    adele: await createUser(ds, structure, 'admin', 'Adèle'),
    karim: await createUser(ds, structure, 'staff', 'Karim'),
    julie: await createUser(ds, structure, 'staff', 'Julie'),
    bruno: await createUser(ds, other, 'staff', 'Bruno'),
    boris: await createUser(ds, other, 'staff', 'Boris'),
    bea: await createUser(ds, other, 'manager', 'Béa'),
  };
  const server = t.app.getHttpServer();
  const as = {
    mona: api(await login(server, users.mona.email)),
    adele: api(await login(server, users.adele.email)),
    karim: api(await login(server, users.karim.email)),
    julie: api(await login(server, users.julie.email)),
    bruno: api(await login(server, users.bruno.email)),
    bea: api(await login(server, users.bea.email)),
  };
  const { karim: k, julie: j, bruno: b } = as;

  const stagesOf = async (who: Api) =>
    Object.fromEntries((ok(await who.get('/api/pipeline/stages'), 'stages') as Array<{ id: string; key: string }>).map((s) => [s.key, s.id]));
  const stages = await stagesOf(k);

  // Two script versions: the default first-call script (V1) and the default first-meeting script (V2).
  const scriptList = ok(await k.get('/api/pitches'), 'pitches') as Array<{ id: string; kind: string }>;
  const versionOf = async (kind: string) =>
    ok(await k.get(`/api/pitches/${scriptList.find((s) => s.kind === kind)!.id}`), 'pitch').current.id as string;
  const scripts = { v1: await versionOf('first_call'), v2: await versionOf('first_meeting') };

  const company = async (who: Api, when: string, body: object): Promise<string> => {
    at(when);
    return ok(await who.post('/api/companies', body), 'company').id;
  };
  const activity = async (
    who: Api,
    companyId: string,
    when: string,
    body: { type: string; outcome?: string; scriptVersionId?: string },
  ): Promise<string> => {
    at(when);
    ok(await who.post(`/api/companies/${companyId}/activities`, { ...body, occurredAt: when }), `activity ${body.type}`);
    const [row] = await ds.query(`SELECT id FROM activity WHERE company_id = $1 AND occurred_at = $2 AND type = $3`, [
      companyId,
      when,
      body.type,
    ]);
    return row.id;
  };
  const move = async (who: Api, companyId: string, key: string, when: string, stageIds: Record<string, string> = stages) => {
    at(when);
    const current = ok(await who.get(`/api/companies/${companyId}`), 'company');
    ok(await who.post(`/api/companies/${companyId}/stage`, { stageId: stageIds[key], version: current.version }), `move to ${key}`);
  };
  const lead = async (who: Api, companyId: string, when: string, owner?: User): Promise<string> => {
    at(when);
    const body = { companyId, jobTitle: 'Agent·e polyvalent·e', contractType: 'cdd', ...(owner ? { ownerId: owner.id } : {}) };
    return ok(await who.post('/api/leads', body), 'lead').id;
  };
  const propose = async (who: Api, leadId: string, candidateId: string, when: string): Promise<string> => {
    at(when);
    return ok(await who.post(`/api/leads/${leadId}/proposals`, { candidateId, force: true }), 'proposal').id;
  };
  const candidate = async (who: Api, firstName: string, owner: User): Promise<string> =>
    ok(await who.post('/api/candidates', { firstName, lastName: 'Rapport', ownerId: owner.id }), 'candidate').id;
  const placement = async (who: Api, when: string, body: object, start = true): Promise<string> => {
    at(when);
    const created = ok(await who.post('/api/placements', { jobTitle: 'Agent·e polyvalent·e', ...body }), 'placement');
    if (start) ok(await who.post(`/api/placements/${created.id}/start`, { version: created.version }), 'start');
    return created.id;
  };
  const end = async (who: Api, id: string, when: string, body: object) => {
    at(when);
    ok(await who.post(`/api/placements/${id}/end`, body), 'end');
  };

  // Candidates.
  const cand1 = await candidate(k, 'Amine', users.karim);
  const cand2 = await candidate(k, 'Bérénice', users.karim);
  const cand3 = await candidate(j, 'Chloé', users.julie);
  const cand3planned = await candidate(j, 'Claude', users.julie);
  const cand4a = await candidate(j, 'Dylan', users.julie);
  const cand4b = await candidate(j, 'Dounia', users.julie);
  const cand5a = await candidate(k, 'Eliott', users.karim);
  const cand5b = await candidate(j, 'Elsa', users.julie);
  const candL5 = await candidate(k, 'Farid', users.karim);
  const candL6 = await candidate(k, 'Fanny', users.karim);
  const candPositive = await candidate(k, 'Gaël', users.karim);
  const candDurable = await candidate(k, 'Hugo', users.karim);
  const candLate = await candidate(k, 'Inès', users.karim);
  const candEarly = await candidate(j, 'Jade', users.julie);

  // C1 — Karim; moved back and forth; CDI from 16 March.
  const c1 = await company(k, '2026-02-20T09:00:00Z', {
    name: 'Alpha Logistique', nafCode: '52.10B', territory: 'Métropole Lille', source: 'cold_prospection', ownerId: users.karim.id,
  });
  const c1call = await activity(k, c1, '2026-02-28T23:30:00Z', { type: 'call', outcome: 'meeting_booked', scriptVersionId: scripts.v1 });
  await move(k, c1, 'meeting_held', '2026-03-05T13:30:00Z');
  await move(k, c1, 'meeting_booked', '2026-03-06T09:00:00Z');
  await move(k, c1, 'meeting_held', '2026-03-10T09:00:00Z');
  const l1 = await lead(k, c1, '2026-03-12T11:30:00Z');
  const prop1 = await propose(k, l1, cand1, '2026-03-14T11:30:00Z');
  const p1 = await placement(k, '2026-03-16T07:00:00Z', {
    candidateId: cand1, companyId: c1, proposalId: prop1, contractType: 'cdi', startDate: '2026-03-16', ownerId: users.karim.id,
  });
  at('2026-03-16T07:30:00Z');
  ok(await k.post(`/api/proposals/${prop1}/outcome`, { outcome: 'hired' }), 'outcome');
  await move(j, c1, 'first_call', '2026-05-02T09:00:00Z');

  // C2 — Karim; need found on the phone; PMSMP; proposal after the period.
  const c2 = await company(k, '2026-02-25T09:00:00Z', {
    name: 'Bistrot du Port', nafCode: '56.10A', territory: 'Dunkerque', source: 'network', ownerId: users.karim.id,
  });
  const c2call = await activity(k, c2, '2026-03-03T10:00:00Z', { type: 'call', outcome: 'need_found', scriptVersionId: scripts.v1 });
  const l2 = await lead(k, c2, '2026-03-04T10:00:00Z');
  const p2 = await placement(k, '2026-04-01T06:00:00Z', {
    candidateId: cand2, companyId: c2, contractType: 'pmsmp', startDate: '2026-04-01', plannedEndDate: '2026-04-30', ownerId: users.karim.id,
  });
  await end(k, p2, '2026-05-01T08:00:00Z', { endDate: '2026-04-30', endKind: 'normal' });
  await propose(k, l2, cand2, '2026-06-02T11:00:00Z');

  // C3 — Julie; CDD planned to end before its 1-month mark; a planned placement that never started.
  const c3 = await company(j, '2026-03-18T09:00:00Z', {
    name: 'Carrosserie Delta', nafCode: '45.20A', territory: 'Métropole Lille', source: 'cold_prospection', ownerId: users.julie.id,
  });
  const c3call1 = await activity(j, c3, '2026-03-20T09:00:00Z', { type: 'call', outcome: 'call_back', scriptVersionId: scripts.v2 });
  const c3call2 = await activity(j, c3, '2026-03-22T09:00:00Z', { type: 'call', outcome: 'meeting_booked', scriptVersionId: scripts.v1 });
  await activity(j, c3, '2026-03-26T21:00:00Z', { type: 'meeting' });
  const l3 = await lead(j, c3, '2026-03-27T06:00:00Z');
  const prop3 = await propose(j, l3, cand3, '2026-03-30T09:00:00Z');
  const p3 = await placement(j, '2026-04-01T06:00:00Z', {
    candidateId: cand3, companyId: c3, proposalId: prop3, contractType: 'cdd', startDate: '2026-04-01', plannedEndDate: '2026-04-20',
    ownerId: users.julie.id,
  });
  await end(j, p3, '2026-04-21T08:00:00Z', { endDate: '2026-04-20', endKind: 'normal' });
  const p3planned = await placement(
    j,
    '2026-05-20T08:00:00Z',
    { candidateId: cand3planned, companyId: c3, contractType: 'cdd', startDate: '2026-05-25', plannedEndDate: '2026-08-31', ownerId: users.julie.id },
    false,
  );

  // C4 — Julie; meeting with the need found; CDD broken early; a second contract (CDI).
  const c4 = await company(j, '2026-04-01T09:00:00Z', {
    name: 'Boulangerie Epsilon', nafCode: '10.71C', territory: 'Dunkerque', source: 'event', ownerId: users.julie.id,
  });
  const c4call = await activity(j, c4, '2026-04-07T08:00:00Z', { type: 'call', outcome: 'meeting_booked' });
  const julieVisitMonday13April = await activity(j, c4, '2026-04-12T22:30:00Z', { type: 'visit' });
  await activity(j, c4, '2026-04-14T09:00:00Z', { type: 'meeting', outcome: 'need_found' });
  const l4 = await lead(j, c4, '2026-04-15T08:00:00Z');
  const prop4 = await propose(j, l4, cand4a, '2026-04-17T10:00:00Z');
  const p4a = await placement(j, '2026-04-20T06:00:00Z', {
    candidateId: cand4a, companyId: c4, proposalId: prop4, contractType: 'cdd', startDate: '2026-04-20', plannedEndDate: '2026-10-19',
    ownerId: users.julie.id,
  });
  const p4b = await placement(j, '2026-05-04T06:00:00Z', {
    candidateId: cand4b, companyId: c4, contractType: 'cdi', startDate: '2026-05-04', ownerId: users.julie.id,
  });
  await end(j, p4a, '2026-05-11T08:00:00Z', {
    endDate: '2026-05-10', endKind: 'early', ruptureReason: 'Horaires incompatibles', endedBy: 'employee',
  });
  await activity(j, c4, '2026-05-20T08:00:00Z', { type: 'event' });

  // C5 — first contacted before the period; contracts crossing the period's edges; two leads.
  const c5 = await company(k, '2026-02-01T09:00:00Z', { name: 'Dupont Nettoyage', nafCode: '81.21Z', source: 'cold_prospection', ownerId: users.karim.id });
  const p5b = await placement(j, '2026-02-01T10:00:00Z', {
    candidateId: cand5b, companyId: c5, contractType: 'cdi', startDate: '2025-11-30', ownerId: users.julie.id,
  });
  await activity(k, c5, '2026-02-10T09:00:00Z', { type: 'call', outcome: 'call_back', scriptVersionId: scripts.v1 });
  const p5a = await placement(k, '2026-02-20T07:00:00Z', {
    candidateId: cand5a, companyId: c5, contractType: 'cdi', startDate: '2026-02-20', ownerId: users.karim.id,
  });
  const c5call = await activity(k, c5, '2026-03-10T09:00:00Z', { type: 'call', outcome: 'meeting_booked' });
  await activity(k, c5, '2026-03-18T09:00:00Z', { type: 'meeting' });
  const l5 = await lead(k, c5, '2026-04-01T08:00:00Z');
  await propose(k, l5, candL5, '2026-04-08T08:00:00Z');
  const l6 = await lead(k, c5, '2026-05-02T08:00:00Z');
  await propose(k, l6, candL6, '2026-05-09T09:00:00Z');
  await end(k, p5a, '2026-06-05T12:00:00Z', { endDate: '2026-06-05', endKind: 'early', ruptureReason: 'Déménagement', endedBy: 'employee' });

  // C6 — a call at 1 June 00:30 in Paris: outside the period.
  const c6 = await company(k, '2026-05-25T08:00:00Z', { name: 'Épicerie Fine', nafCode: '47.11D', ownerId: users.karim.id });
  await activity(k, c6, '2026-05-31T22:30:00Z', { type: 'call', outcome: 'no_answer' });

  // C7 — contacted by a stage change only, at 31 May 23:30 in Paris.
  const c7 = await company(j, '2026-05-20T08:00:00Z', {
    name: '=Garage Zeta', nafCode: '56.30Z', territory: 'Métropole Lille', source: 'inbound', ownerId: users.julie.id,
  });
  await move(j, c7, 'first_call', '2026-05-31T21:30:00Z');

  // C8 — a visit and an e-mail: activity, but no funnel step.
  const c8 = await company(k, '2026-03-15T08:00:00Z', { name: 'Imprimerie Theta', ownerId: users.karim.id });
  const karimVisit = await activity(k, c8, '2026-03-17T10:00:00Z', { type: 'visit' });
  await activity(k, c8, '2026-03-17T11:00:00Z', { type: 'email' });

  // Structure B: its own funnel, outcomes and exits, all inside the period, with the rarer kinds of evidence.
  // Béa puts « Premier appel » first: B's companies are created in it, which is no evidence.
  const stagesB = await stagesOf(b);
  at('2026-02-01T08:00:00Z');
  const orderB = (ok(await as.bea.get('/api/pipeline/stages'), 'stages') as Array<{ id: string; key: string }>).map((s) => s.id);
  ok(await as.bea.put('/api/pipeline/stages/order', { stageIds: [stagesB.first_call, ...orderB.filter((id) => id !== stagesB.first_call)] }), 'order');
  // CB (Bruno): call with the need 10 Mar 09:00Z, lead 11 Mar, proposal 12 Mar 09:00Z, CDI PB from 16 Mar.
  const cb = await company(b, '2026-03-01T08:00:00Z', { name: 'Ailleurs Transports', nafCode: '56.10A', territory: 'Dunkerque', source: 'network' });
  await activity(b, cb, '2026-03-10T09:00:00Z', { type: 'call', outcome: 'need_found' });
  const lb = await lead(b, cb, '2026-03-11T09:00:00Z');
  const candB = await candidate(b, 'Bastien', users.bruno);
  const candB2 = await candidate(b, 'Bianca', users.bruno);
  const candB3 = await candidate(b, 'Basile', users.boris);
  await propose(b, lb, candB, '2026-03-12T09:00:00Z');
  const pb = await placement(b, '2026-03-16T07:00:00Z', {
    candidateId: candB, companyId: cb, contractType: 'cdi', startDate: '2026-03-16', ownerId: users.bruno.id,
  });
  // CB2: only a lead, written by Bruno for Boris (its owner) on 2 Apr 08:00Z — contacted, met (passed) and need found then.
  const cb2 = await company(b, '2026-03-20T08:00:00Z', { name: 'Ailleurs Piste Seule' });
  await lead(b, cb2, '2026-04-02T08:00:00Z', users.boris);
  // CB4: moved straight to « Refus » on 10 Apr: contacted, nothing more.
  const cb4 = await company(b, '2026-04-05T08:00:00Z', { name: 'Ailleurs Refus' });
  await move(b, cb4, 'refused', '2026-04-10T08:00:00Z', stagesB);
  // CB5: only a contract (CDD PB2 of Boris, 2 Mar → planned and actual end 2 Apr, its 1-month mark): every step at
  // 2 Mar 00:00 in Paris (1 Mar 23:00Z).
  const cb5 = await company(b, '2026-02-15T08:00:00Z', { name: 'Ailleurs Contrat Seul' });
  const pb2 = await placement(b, '2026-03-02T07:00:00Z', {
    candidateId: candB3, companyId: cb5, contractType: 'cdd', startDate: '2026-03-02', plannedEndDate: '2026-04-02', ownerId: users.boris.id,
  });
  await end(b, pb2, '2026-04-03T08:00:00Z', { endDate: '2026-04-02', endKind: 'normal' });
  // CB6: created (in the entry stage) and left alone; CB7: moved from the entry stage to « À prospecter ». Neither contacted.
  const cb6 = await company(b, '2026-03-05T08:00:00Z', { name: 'Ailleurs Jamais Appelé' });
  const cb7 = await company(b, '2026-03-06T08:00:00Z', { name: 'Ailleurs À Prospecter' });
  await move(b, cb7, 'to_prospect', '2026-03-07T08:00:00Z', stagesB);

  // Exits (the API takes the exit date; the clock is "now").
  at(NOW);
  const exit = async (who: Api, id: string, exitDate: string, exitCategory: string) =>
    ok(await who.post(`/api/candidates/${id}/exit`, { exitDate, exitCategory }), 'exit');
  await exit(j, cand3, '2026-04-25', 'transition_employment');
  await exit(j, cand4a, '2026-05-15', 'other');
  await exit(k, candPositive, '2026-03-31', 'positive_exit');
  await exit(k, candDurable, '2026-05-31', 'durable_employment');
  await exit(k, candLate, '2026-06-03', 'durable_employment');
  await exit(j, candEarly, '2026-02-27', 'other');
  await exit(b, candB2, '2026-04-15', 'positive_exit');

  // Check-ins: the API plans them (one row per party and step); the worker sends them. Only the
  // send and answer times are written here.
  const checkIn = async (placementId: string, party: string, step: string, sentAt: string, answeredAt: string | null) => {
    const [rows] = (await ds.query(
      `UPDATE check_in SET status = $6, sent_at = $4, answered_at = $5
        WHERE placement_id = $1 AND party = $2 AND step = $3 RETURNING id`,
      [placementId, party, step, sentAt, answeredAt, answeredAt ? 'answered' : 'sent'],
    )) as [Array<{ id: string }>, number];
    if (rows.length !== 1) throw new Error(`no check-in ${party} ${step} for ${placementId}`);
    return rows[0].id;
  };
  const ci = {
    p1Employee3d: await checkIn(p1, 'employee', '3 days', '2026-03-19T08:30:00Z', '2026-03-20T10:00:00Z'),
    p1Employer3d: await checkIn(p1, 'employer', '3 days', '2026-03-19T08:30:00Z', null),
    p1Employee10d: await checkIn(p1, 'employee', '10 days', '2026-03-26T08:30:00Z', '2026-06-10T09:00:00Z'),
    p1Employer10d: await checkIn(p1, 'employer', '10 days', '2026-03-26T08:30:00Z', '2026-03-27T09:00:00Z'),
    p1Employee1m: await checkIn(p1, 'employee', '1 month', '2026-04-16T07:30:00Z', null),
    p1Employee2m: await checkIn(p1, 'employee', '2 months', '2026-05-31T22:15:00Z', null), // 1 June 00:15 in Paris: outside
    p4aEmployee3d: await checkIn(p4a, 'employee', '3 days', '2026-04-23T07:30:00Z', '2026-04-23T12:00:00Z'),
    p4aEmployer3d: await checkIn(p4a, 'employer', '3 days', '2026-04-23T07:30:00Z', null),
    p5aEmployee3d: await checkIn(p5a, 'employee', '3 days', '2026-02-23T08:30:00Z', '2026-02-24T08:00:00Z'), // before the period
    p5aEmployee10d: await checkIn(p5a, 'employee', '10 days', '2026-02-28T23:15:00Z', null), // 1 March 00:15 in Paris: inside
  };

  // Staff alerts. The ruptures raised by the API (owner + manager) get the time of the rupture.
  const backdate = async (placementId: string, createdAt: string) => {
    const [rows] = (await ds.query(
      `UPDATE staff_alert SET created_at = $2 WHERE placement_id = $1 AND kind = 'rupture' RETURNING id`,
      [placementId, createdAt],
    )) as [Array<{ id: string }>, number];
    return rows.map((row) => row.id);
  };
  const ruptures = await backdate(p4a, '2026-05-10T12:00:00Z');
  if (ruptures.length !== 2) throw new Error(`expected the owner's and the manager's rupture alerts, got ${ruptures.length}`);
  await backdate(p5a, '2026-06-05T12:00:00Z');
  const alert = async (user: User, placementId: string, checkInId: string | null, kind: string, createdAt: string): Promise<string> => {
    const [row] = await ds.query(
      `INSERT INTO staff_alert (structure_id, user_id, placement_id, check_in_id, kind, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [structure.id, user.id, placementId, checkInId, kind, `Alerte ${kind}`, createdAt],
    );
    return row.id;
  };
  const inPeriodAlerts = [
    await alert(users.karim, p5a, null, 'call_task', '2026-02-28T23:00:00Z'), // 1 March 00:00 in Paris: inside
    await alert(users.karim, p1, ci.p1Employee3d, 'low_rating', '2026-03-20T10:05:00Z'),
    await alert(users.karim, p1, ci.p1Employer3d, 'no_answer', '2026-03-24T08:00:00Z'),
    await alert(users.julie, p4a, ci.p4aEmployee3d, 'difficulty', '2026-04-23T12:00:00Z'),
    ...ruptures,
  ];
  await alert(users.karim, p5a, null, 'call_request', '2026-02-28T22:59:00Z'); // 28 February 23:59 in Paris: outside
  await alert(users.julie, p4a, null, 'low_rating', '2026-05-31T22:00:00Z'); // 1 June 00:00 in Paris: outside

  at(NOW);
  return {
    structure,
    other,
    users,
    as,
    scripts,
    companies: { c1, c2, c3, c4, c5, c6, c7, c8, cb, cb2, cb4, cb5, cb6, cb7 },
    placements: { p1, p2, p3, p3planned, p4a, p4b, p5a, p5b, pb, pb2 },
    candidates: { cand3, cand4a, candPositive, candDurable, candLate, candEarly, candB2 },
    leads: { l1, l2, l3, l4, l5, l6, lb },
    activities: {
      karimCalls: [c1call, c2call, c5call],
      julieCalls: [c3call1, c3call2, c4call],
      julieVisitMonday13April,
      karimVisit,
    },
    checkIns: {
      sent: [ci.p1Employee3d, ci.p1Employer3d, ci.p1Employee10d, ci.p1Employer10d, ci.p1Employee1m, ci.p4aEmployee3d, ci.p4aEmployer3d, ci.p5aEmployee10d],
      answered: [ci.p1Employee3d, ci.p1Employee10d, ci.p1Employer10d, ci.p4aEmployee3d],
      employer: [ci.p1Employer3d, ci.p1Employer10d, ci.p4aEmployer3d],
    },
    alerts: { inPeriod: inPeriodAlerts, ruptures },
  };
}
