import { parse } from 'csv-parse/sync';
import {
  ActivityReport,
  ActivityWeek,
  DrillList,
  FUNNEL_COMPANY_STEPS,
  FUNNEL_STEP_LABELS,
  FunnelReport,
  OutcomesReport,
  StepCounts,
  TargetsView,
} from '../src/reports/report-types';
import { Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { buildReportsFixture, NOW, PERIOD, ReportsFixture } from './helpers/reports-fixture';

/**
 * The reports of docs/reports.md against a hand-made fixture (see test/helpers/reports-fixture.ts
 * for the whole story, with the time of every event). Every expected number below is counted by
 * hand from that story; the comment next to it says which companies, contracts or rows make it.
 *
 * "Now" is 2026-06-15 12:00 in Paris; the period is 2026-03-01..2026-05-31 (92 days, so weekly
 * trend by default); Paris is UTC+1 until 29 March, UTC+2 after.
 */

/** The 14 Mondays of the weeks overlapping 1 March (a Sunday) .. 31 May (a Sunday). */
const MONDAYS = [
  '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06',
  '2026-04-13', '2026-04-20', '2026-04-27', '2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25',
];

type StepView = { count: number; eligible: number | null; conversion: number | null; medianDays: number | null };
const step = (count: number, conversion: number | null, medianDays: number | null, eligible: number | null = null): StepView => ({
  count,
  eligible,
  conversion,
  medianDays,
});
const stepsOf = (report: FunnelReport): Record<string, StepView> =>
  Object.fromEntries(report.steps.map((s) => [s.key, { count: s.count, eligible: s.eligible, conversion: s.conversion, medianDays: s.medianDays }]));
/** The five company-step counts, in funnel order. */
const companyCounts = (report: FunnelReport) => report.steps.filter((s) => s.unit === 'companies').map((s) => s.count);

function counts(steps: [number, number, number, number, number], retention: Partial<StepCounts> = {}): StepCounts {
  const [contacted, meeting_held, need_found, candidate_proposed, hired] = steps;
  return {
    contacted,
    meeting_held,
    need_found,
    candidate_proposed,
    hired,
    retained_1m: 0,
    retained_3m: 0,
    retained_6m: 0,
    eligible_1m: 0,
    eligible_3m: 0,
    eligible_6m: 0,
    ...retention,
  };
}

/** Weeks with something in them, as { Monday: { type: count } } (zero counts left out). */
const busyWeeks = (weeks: ActivityWeek[]) =>
  Object.fromEntries(
    weeks
      .filter((week) => Object.values(week.counts).some((count) => count > 0))
      .map((week) => [week.week, Object.fromEntries(Object.entries(week.counts).filter(([, count]) => count > 0))]),
  );

const sorted = (values: string[]) => [...values].sort();
const idsOf = (list: DrillList) => sorted(list.rows.map((row) => row.id));

/** Reads a CSV export: checks the BOM byte by byte, then parses with `;`. */
async function csv(who: Api, query: string): Promise<string[][]> {
  const response = await who.agent
    .get(`/api/reports/export.csv?${query}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  if (response.status !== 200) throw new Error(`export ${query}: HTTP ${response.status} ${String(response.body)}`);
  expect(response.headers['content-type']).toMatch(/^text\/csv/);
  const bytes = response.body as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', relax_column_count: true }) as string[][];
}

function csvRow(rows: string[][], first: string | RegExp): string[] {
  const found = rows.slice(1).find((row) => (typeof first === 'string' ? row[0] === first : first.test(row[0])));
  if (!found) throw new Error(`no CSV row starting with ${String(first)} in ${JSON.stringify(rows)}`);
  return found;
}

function csvColumn(rows: string[][], header: string | RegExp): number {
  const index = rows[0].findIndex((cell) => (typeof header === 'string' ? cell === header : header.test(cell)));
  if (index < 0) throw new Error(`no CSV column ${String(header)} in ${JSON.stringify(rows[0])}`);
  return index;
}

/** The expected cells appear in this order in the row (after its first cell). */
function expectCells(row: string[], expected: string[]) {
  let matched = 0;
  for (const cell of row.slice(1)) if (matched < expected.length && cell === expected[matched]) matched++;
  expect({ row, matched: expected.slice(0, matched) }).toEqual({ row, matched: expected });
}

describe('reports: funnel, activity, outcomes, lists, CSV, access (e2e)', () => {
  let t: TestApp;
  let f: ReportsFixture;

  beforeAll(async () => {
    t = await createTestApp();
    f = await buildReportsFixture(t);
  }, 240_000);
  afterAll(() => t.close());

  const get = async <T>(who: Api, path: string): Promise<T> => {
    const response = await who.get(path);
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const funnel = (who: Api, query = '') => get<FunnelReport>(who, `/api/reports/funnel?${PERIOD}${query}`);
  const outcomes = (who: Api, query = '') => get<OutcomesReport>(who, `/api/reports/outcomes?${PERIOD}${query}`);
  const activity = (who: Api, query = '') => get<ActivityReport>(who, `/api/reports/activity?${PERIOD}${query}`);
  const drill = (who: Api, query: string) => get<DrillList>(who, `/api/reports/drill?${PERIOD}&${query}`);

  describe('funnel', () => {
    it('follows the companies first contacted in the period, each step once, as of now', async () => {
      const report = await funnel(f.as.mona);
      expect(report.period).toEqual({ from: '2026-03-01', to: '2026-05-31', asOf: NOW });
      expect(report.scope).toBe('structure');
      expect(report.steps.map((s) => [s.key, s.label, s.unit])).toEqual([
        ['contacted', FUNNEL_STEP_LABELS.contacted, 'companies'],
        ['meeting_held', FUNNEL_STEP_LABELS.meeting_held, 'companies'],
        ['need_found', FUNNEL_STEP_LABELS.need_found, 'companies'],
        ['candidate_proposed', FUNNEL_STEP_LABELS.candidate_proposed, 'companies'],
        ['hired', FUNNEL_STEP_LABELS.hired, 'companies'],
        ['retained_1m', FUNNEL_STEP_LABELS.retained_1m, 'contracts'],
        ['retained_3m', FUNNEL_STEP_LABELS.retained_3m, 'contracts'],
        ['retained_6m', FUNNEL_STEP_LABELS.retained_6m, 'contracts'],
      ]);
      expect(stepsOf(report)).toEqual({
        // Cohort: C1 (first call 28 Feb 23:30Z = 1 March 00:30 in Paris), C2, C3, C4, and C7 (only a stage change, 31 May
        // 23:30 in Paris). Not C5 (first call 10 Feb, although called and met again in March), C6 (call on 1 June in
        // Paris), C8 (a visit and an e-mail are no evidence), nor structure B's company.
        contacted: step(5, null, null),
        // C1 (card moved to « Rendez-vous réalisé »; moved back and forward again: counted once), C2 (need found on the
        // phone passes the meeting gate), C3 and C4 (meetings). Not C7. 4/5 = 0.8.
        // Medians count the companies with evidence of their own of both steps, in that order (docs/reports.md): C2 never
        // held a meeting of its own, so it has no delay to a meeting, nor from one to its need.
        // Hours from contact: C1 28 Feb 23:30Z → 5 Mar 13:30Z = 110 (the first move, not the second of 10 Mar);
        // C3 20 Mar 09:00Z → 26 Mar 21:00Z = 156; C4 7 Apr 08:00Z → 14 Apr 09:00Z = 169. Median 156 h = 6.5 d.
        meeting_held: step(4, 0.8, 6.5),
        // C1 lead 12 Mar 11:30Z (166 h after 5 Mar 13:30Z), C3 lead 27 Mar 06:00Z (9 h after its meeting), C4 0 h
        // (meeting with outcome need_found: both steps at once, of its own). Not C2. 4/4 = 1; median 9 h = 0.375 d.
        need_found: step(4, 1, 0.4),
        // Hours from the need: C1 12 → 14 Mar = 48; C4 14 Apr 09:00Z → 17 Apr 10:00Z = 73; C3 27 Mar 06:00Z → 30 Mar 09:00Z
        // = 75; C2 3 Mar 10:00Z → 2 June 11:00Z = 91 d 1 h = 2185 (after the period, still counted: figures are as of now).
        // 4/4 = 1; median (73+75)/2 = 74 h = 3.08 d.
        candidate_proposed: step(4, 1, 3.1),
        // Contracts started: C1 (CDI 16 Mar, i.e. 15 Mar 23:00Z), C3 (CDD 1 Apr = 31 Mar 22:00Z, after the clocks changed),
        // C4 (CDD 20 Apr = 19 Apr 22:00Z). C2 only had a PMSMP: not a hire. 3/4 = 0.75.
        // Hours from the proposal: C1 14 Mar 11:30Z → 15 Mar 23:00Z = 35.5; C3 30 Mar 09:00Z → 31 Mar 22:00Z = 37;
        // C4 17 Apr 10:00Z → 19 Apr 22:00Z = 60. Median 37 h = 1.54 d.
        hired: step(3, 0.75, 1.5),
        // The cohort's started contracts: P1 (C1, 16 Mar → mark 16 Apr, still on: held), P3 (C3, planned to end 20 Apr,
        // before its mark of 1 May: not eligible), P4a (C4, mark 20 May, broken on 10 May: not held), P4b (C4 again,
        // 4 May → mark 4 June ≤ today: held; contracts, not companies). 2/3 (rates are exact fractions: the page rounds them once).
        retained_1m: step(2, 2 / 3, null, 3),
        // 3-month marks: P1 16 June is tomorrow; the others are later. None eligible.
        retained_3m: step(0, null, null, 0),
        retained_6m: step(0, null, null, 0),
      });
    });

    it('shows on the dashboard the median days per step the API computes, for the structure and for a staff member', async () => {
      const shown = (html: string) => [...html.matchAll(/class="n dash-median">([^<]*)</g)].map((cell) => cell[1]);
      // Same values as the JSON test above (6.5, 0.4, 3.1, 1.5 days), one decimal with a comma.
      expect(shown((await f.as.mona.get(`/tableau-de-bord?${PERIOD}`).expect(200)).text)).toEqual(['—', '6,5', '0,4', '3,1', '1,5', '—', '—', '—']);
      const api = await funnel(f.as.karim);
      expect(api.steps.map((s) => s.medianDays)).toEqual([null, 4.6, 6.9, 46.5, 1.5, null, null, null]);
      expect(shown((await f.as.karim.get(`/tableau-de-bord?${PERIOD}`).expect(200)).text)).toEqual(['—', '4,6', '6,9', '46,5', '1,5', '—', '—', '—']);
      // Structure B's steps are all implied by later ones or recorded together: no delay of their own to show, not 0.
      expect(shown((await f.as.bea.get(`/tableau-de-bord?${PERIOD}`).expect(200)).text)).toEqual(['—', '—', '—', '2', '3,6', '—', '—', '—']);
    });

    it('gives every staff member of the cohort their counts, and the team the totals', async () => {
      const report = await funnel(f.as.mona);
      const { karim, julie } = f.users;
      // Two staff members have companies in the cohort (Mona and Adèle have none).
      expect(sorted(report.byStaff.map((s) => s.staffId!))).toEqual(sorted([karim.id, julie.id]));
      const byStaff = Object.fromEntries(report.byStaff.map((s) => [s.staffId, s]));
      expect(byStaff[karim.id].name).toBe('Karim staff');
      // Karim: C1 and C2 (his calls are their earliest evidence; Julie's later move of C1 does not take it from him).
      // Hired: C1 only. Retention: P1 (eligible, held).
      expect(byStaff[karim.id].counts).toEqual(counts([2, 2, 2, 2, 1], { eligible_1m: 1, retained_1m: 1 }));
      // Julie: C3, C4 and C7. Meetings, needs, proposals, hires: C3 and C4. Retention: P4a and P4b eligible, P4b held.
      expect(byStaff[julie.id].counts).toEqual(counts([3, 2, 2, 2, 2], { eligible_1m: 2, retained_1m: 1 }));
      // Team: 2+3, 2+2, 2+2, 2+2, 1+2; retention 1+2 eligible, 1+1 held.
      expect(report.team).toEqual(counts([5, 4, 4, 4, 3], { eligible_1m: 3, retained_1m: 2 }));
    });

    it('splits the cohort by the Paris week or month of its contact moment; the buckets add up to the totals', async () => {
      const weekly = await funnel(f.as.mona);
      // 92 days is not longer than 92: weekly by default, every week overlapping the period, empty ones included.
      expect(weekly.trend.interval).toBe('week');
      expect(weekly.trend.buckets.map((b) => b.start)).toEqual(MONDAYS);
      const nonEmpty = Object.fromEntries(
        weekly.trend.buckets.filter((b) => b.counts.contacted > 0).map((b) => [b.start, FUNNEL_COMPANY_STEPS.map((s) => b.counts[s])]),
      );
      expect(nonEmpty).toEqual({
        '2026-02-23': [1, 1, 1, 1, 1], // C1: Sunday 1 March in Paris (Saturday 28 Feb in UTC)
        '2026-03-02': [1, 1, 1, 1, 0], // C2 (Tuesday 3 March): proposed, never hired
        '2026-03-16': [1, 1, 1, 1, 1], // C3 (Friday 20 March)
        '2026-04-06': [1, 1, 1, 1, 1], // C4 (Tuesday 7 April)
        '2026-05-25': [1, 0, 0, 0, 0], // C7 (Sunday 31 May 23:30 in Paris)
      });
      for (const key of FUNNEL_COMPANY_STEPS) {
        const total = weekly.trend.buckets.reduce((sum, b) => sum + b.counts[key], 0);
        expect([key, total]).toEqual([key, weekly.steps.find((s) => s.key === key)!.count]);
      }

      const monthly = await funnel(f.as.mona, '&interval=month');
      expect(monthly.trend.interval).toBe('month');
      expect(monthly.trend.buckets.map((b) => [b.start, FUNNEL_COMPANY_STEPS.map((s) => b.counts[s])])).toEqual([
        ['2026-03-01', [3, 3, 3, 3, 2]], // C1 (1 March in Paris), C2, C3; hired C1 and C3
        ['2026-04-01', [1, 1, 1, 1, 1]], // C4
        ['2026-05-01', [1, 0, 0, 0, 0]], // C7
      ]);
      // Same cohort whatever the interval.
      expect(stepsOf(monthly)).toEqual(stepsOf(weekly));

      // A 93-day period is longer than 92 days: monthly by default. Ending on 1 June, it now holds C6 (called on 1 June
      // 00:30 in Paris): 6 contacted, in four months.
      const longer = await get<FunnelReport>(f.as.mona, '/api/reports/funnel?from=2026-03-01&to=2026-06-01');
      expect(longer.trend.interval).toBe('month');
      expect(longer.trend.buckets.map((b) => [b.start, b.counts.contacted])).toEqual([
        ['2026-03-01', 3],
        ['2026-04-01', 1],
        ['2026-05-01', 1],
        ['2026-06-01', 1],
      ]);
      expect(companyCounts(longer)).toEqual([6, 4, 4, 4, 3]);
    });

    it('narrows to one staff member (with the team totals beside), a NAF prefix, a territory, a source or the first call’s script', async () => {
      const { julie } = f.users;
      const ofJulie = await funnel(f.as.mona, `&staffId=${julie.id}`);
      expect(ofJulie.filters.staffId).toBe(julie.id);
      expect(stepsOf(ofJulie)).toEqual({
        contacted: step(3, null, null), // C3, C4, C7
        meeting_held: step(2, 2 / 3, 6.8), // C3 156 h, C4 169 h → 162.5 h = 6.77 d; 2/3
        need_found: step(2, 1, 0.2), // C3 9 h, C4 0 h → 4.5 h
        candidate_proposed: step(2, 1, 3.1), // C3 75 h, C4 73 h → 74 h
        hired: step(2, 1, 2), // C3 37 h, C4 60 h → 48.5 h = 2.02 d
        retained_1m: step(1, 0.5, null, 2), // P4a broken, P4b held
        retained_3m: step(0, null, null, 0),
        retained_6m: step(0, null, null, 0),
      });
      // The team is the whole cohort, without the staff filter.
      expect(ofJulie.team).toEqual(counts([5, 4, 4, 4, 3], { eligible_1m: 3, retained_1m: 2 }));
      expect(ofJulie.trend.buckets.reduce((sum, b) => sum + b.counts.contacted, 0)).toBe(3);

      // NAF 56: C2 (56.10A) and C7 (56.30Z); only C2 went further, with a PMSMP and no contract.
      const naf56 = await funnel(f.as.mona, '&naf=56');
      expect(companyCounts(naf56)).toEqual([2, 1, 1, 1, 0]);
      expect(naf56.team.contacted).toBe(2);
      expect(naf56.filters.naf).toBe('56');
      // 56.1 and 56.10A: C2 only (56.30Z does not start with 56.1).
      expect(companyCounts(await funnel(f.as.mona, '&naf=56.1'))).toEqual([1, 1, 1, 1, 0]);
      expect(companyCounts(await funnel(f.as.mona, '&naf=56.10A'))).toEqual([1, 1, 1, 1, 0]);

      // Dunkerque: C2 and C4 (B's company in Dunkerque is not ours). Hired: C4. Retention: P4a (broken) and P4b (held).
      const dunkerque = await funnel(f.as.mona, `&territory=${encodeURIComponent('Dunkerque')}`);
      expect(companyCounts(dunkerque)).toEqual([2, 2, 2, 2, 1]);
      expect(stepsOf(dunkerque).retained_1m).toEqual(step(1, 0.5, null, 2));

      // Cold prospection: C1 and C3, both hired. Retention: P1 held; P3 not eligible (planned end before its mark).
      const cold = await funnel(f.as.mona, '&source=cold_prospection');
      expect(companyCounts(cold)).toEqual([2, 2, 2, 2, 2]);
      expect(stepsOf(cold).retained_1m).toEqual(step(1, 1, null, 1));

      // V1 on the first call: C1 and C2 (C3's V1 call was its second; C5's V1 first call is before the period).
      expect(companyCounts(await funnel(f.as.mona, `&scriptVersionId=${f.scripts.v1}`))).toEqual([2, 2, 2, 2, 1]);
      // V2 on the first call: C3.
      expect(companyCounts(await funnel(f.as.mona, `&scriptVersionId=${f.scripts.v2}`))).toEqual([1, 1, 1, 1, 1]);

      // Filters combine: Julie's companies in Dunkerque: C4.
      expect(companyCounts(await funnel(f.as.mona, `&staffId=${julie.id}&territory=Dunkerque`))).toEqual([1, 1, 1, 1, 1]);
    });
  });

  describe('activity volume and weekly targets', () => {
    const targetsOf = (view: TargetsView, id: string) => view.staff.find((s) => s.userId === id)!;

    it('lets managers set the structure’s weekly targets and a person’s own; not staff; 400 naming the field', async () => {
      const { mona, karim } = f.as;
      const users = f.users;

      const initial = (await mona.get('/api/reports/targets').expect(200)).body as TargetsView;
      expect(initial.defaults).toEqual({ call: null, meeting: null, visit: null, event: null });

      // Only managers (and admins) set targets.
      await karim.put('/api/reports/targets', { call: 1, meeting: 1, visit: 1, event: 1 }).expect(403);
      await karim.put(`/api/reports/targets/${users.karim.id}`, { call: 1, meeting: 1, visit: 1, event: 1 }).expect(403);
      const bad = await mona.put('/api/reports/targets', { call: 1001, meeting: -1, visit: 2.5, event: null }).expect(400);
      expect(sorted(fieldsOf(bad.body))).toEqual(['call', 'meeting', 'visit']);

      const defaults = (await mona.put('/api/reports/targets', { call: 20, meeting: 5, visit: 2, event: null }).expect(200)).body as TargetsView;
      expect(defaults.defaults).toEqual({ call: 20, meeting: 5, visit: 2, event: null });
      const overridden = (
        await mona.put(`/api/reports/targets/${users.julie.id}`, { call: 30, meeting: 8, visit: null, event: 1 }).expect(200)
      ).body as TargetsView;
      expect(targetsOf(overridden, users.julie.id)).toMatchObject({ overridden: true, targets: { call: 30, meeting: 8, visit: null, event: 1 } });
      expect(targetsOf(overridden, users.karim.id)).toMatchObject({ overridden: false, targets: { call: 20, meeting: 5, visit: 2, event: null } });
      // Nobody of another structure in the list, and the other structure's defaults untouched.
      expect(overridden.staff.map((s) => s.userId)).not.toContain(users.bruno.id);
      expect(((await f.as.bea.get('/api/reports/targets').expect(200)).body as TargetsView).defaults).toEqual({
        call: null,
        meeting: null,
        visit: null,
        event: null,
      });
      // Another structure's person cannot be given targets.
      const foreign = await mona.put(`/api/reports/targets/${users.bruno.id}`, { call: 1, meeting: 1, visit: 1, event: 1 });
      expect([400, 403, 404]).toContain(foreign.status);
      expect(targetsOf((await f.as.bea.get('/api/reports/targets').expect(200)).body, users.bruno.id).overridden).toBe(false);
      // GET answers the same view, to managers and admins.
      expect(targetsOf((await mona.get('/api/reports/targets').expect(200)).body, users.julie.id).overridden).toBe(true);
      expect(((await f.as.adele.get('/api/reports/targets').expect(200)).body as TargetsView).defaults).toEqual(defaults.defaults);
    });

    it('counts calls, meetings, visits and events per author and Paris week, beside each person’s targets', async () => {
      const { mona } = f.as;
      const users = f.users;
      const report = await activity(mona);
      expect(report.period).toEqual({ from: '2026-03-01', to: '2026-05-31', asOf: NOW });
      expect(report.scope).toBe('structure');
      const entry = (id: string) => {
        const found = report.staff.find((s) => s.staffId === id);
        if (!found) throw new Error(`no activity entry for ${id}`);
        return found;
      };
      const weeksOf = entry(users.karim.id).weeks;
      expect(weeksOf.map((w) => w.week)).toEqual(MONDAYS);
      // Only the first week is cut by the period's edge (23 Feb – 1 Mar); 25–31 May is a whole week.
      expect(weeksOf.filter((w) => w.partial).map((w) => w.week)).toEqual(['2026-02-23']);

      // Karim: calls C1 (28 Feb 23:30Z = Sunday 1 March in Paris), C2 (3 Mar), C5 (10 Mar: a company outside the cohort
      // still counts here); a meeting at C5 (18 Mar) and a visit at C8 (17 Mar). Not: C5's call of 10 Feb, C6's call of
      // 1 June 00:30 in Paris, C8's e-mail.
      expect(entry(users.karim.id).totals).toEqual({ call: 3, meeting: 1, visit: 1, event: 0 });
      expect(busyWeeks(entry(users.karim.id).weeks)).toEqual({
        '2026-02-23': { call: 1 },
        '2026-03-02': { call: 1 },
        '2026-03-09': { call: 1 },
        '2026-03-16': { meeting: 1, visit: 1 },
      });
      expect(entry(users.karim.id).targets).toEqual({ call: 20, meeting: 5, visit: 2, event: null });
      // Julie: calls C3 (Fri 20 and Sun 22 March), C4 (7 Apr); meetings C3 (Thu 26 Mar 22:00 in Paris), C4 (14 Apr); a
      // visit at C4 on 12 Apr 22:30Z = Monday 13 April 00:30 in Paris (week of the 13th, not of the 6th); an event 20 May.
      expect(entry(users.julie.id).totals).toEqual({ call: 3, meeting: 2, visit: 1, event: 1 });
      expect(busyWeeks(entry(users.julie.id).weeks)).toEqual({
        '2026-03-16': { call: 2 },
        '2026-03-23': { meeting: 1 },
        '2026-04-06': { call: 1 },
        '2026-04-13': { meeting: 1, visit: 1 },
        '2026-05-18': { event: 1 },
      });
      expect(entry(users.julie.id).targets).toEqual({ call: 30, meeting: 8, visit: null, event: 1 });
      // Nobody else authored anything; nobody of structure B appears.
      for (const other of report.staff.filter((s) => s.staffId !== users.karim.id && s.staffId !== users.julie.id)) {
        expect(other.totals).toEqual({ call: 0, meeting: 0, visit: 0, event: 0 });
        expect([users.bruno.id, users.bea.id]).not.toContain(other.staffId);
      }
      // Team: 3+3 calls, 1+2 meetings, 1+1 visits, 0+1 event; per week, both together.
      expect(report.team.totals).toEqual({ call: 6, meeting: 3, visit: 2, event: 1 });
      expect(busyWeeks(report.team.weeks)).toEqual({
        '2026-02-23': { call: 1 },
        '2026-03-02': { call: 1 },
        '2026-03-09': { call: 1 },
        '2026-03-16': { call: 2, meeting: 1, visit: 1 },
        '2026-03-23': { meeting: 1 },
        '2026-04-06': { call: 1 },
        '2026-04-13': { meeting: 1, visit: 1 },
        '2026-05-18': { event: 1 },
      });

      // A period ending on Wednesday 18 March: its last week is cut too. Karim's meeting of 18 Mar 10:00 in Paris is in
      // (the last day is included); Julie's calls of 20 and 22 Mar are out.
      const short = await get<ActivityReport>(mona, '/api/reports/activity?from=2026-03-01&to=2026-03-18');
      const shortKarim = short.staff.find((s) => s.staffId === users.karim.id)!;
      expect(shortKarim.weeks.map((w) => [w.week, w.partial])).toEqual([
        ['2026-02-23', true],
        ['2026-03-02', false],
        ['2026-03-09', false],
        ['2026-03-16', true],
      ]);
      expect(busyWeeks(shortKarim.weeks)).toEqual({
        '2026-02-23': { call: 1 },
        '2026-03-02': { call: 1 },
        '2026-03-09': { call: 1 },
        '2026-03-16': { meeting: 1, visit: 1 },
      });
      expect(short.staff.find((s) => s.staffId === users.julie.id)!.totals).toEqual({ call: 0, meeting: 0, visit: 0, event: 0 });
      expect(short.team.totals).toEqual({ call: 3, meeting: 1, visit: 1, event: 0 });

      // The CSV holds the same numbers: per person and week, with their targets.
      const rows = await csv(mona, `table=activity&${PERIOD}`);
      const callColumn = csvColumn(rows, /^appels?$/i);
      const callTarget = csvColumn(rows, /objectif.*appel/i);
      const julieRows = rows.slice(1).filter((row) => row[0] === 'Julie staff');
      expect(julieRows).toHaveLength(14);
      expect(julieRows.reduce((sum, row) => sum + Number(row[callColumn]), 0)).toBe(3);
      expect(new Set(julieRows.map((row) => row[callTarget]))).toEqual(new Set(['30']));
      const karimRows = rows.slice(1).filter((row) => row[0] === 'Karim staff');
      expect(karimRows.reduce((sum, row) => sum + Number(row[callColumn]), 0)).toBe(3);
      expect(new Set(karimRows.map((row) => row[callTarget]))).toEqual(new Set(['20']));

      // A manager narrowing to Julie gets Julie's line.
      const ofJulie = await activity(mona, `&staffId=${users.julie.id}`);
      expect(ofJulie.staff.map((s) => s.staffId)).toEqual([users.julie.id]);
      expect(ofJulie.team.totals).toEqual({ call: 6, meeting: 3, visit: 2, event: 1 });
    });

    it('gives staff their own line and the team totals', async () => {
      const users = f.users;
      const own = await activity(f.as.julie);
      expect(own.scope).toBe('own');
      expect(own.staff.map((s) => s.staffId)).toEqual([users.julie.id]);
      expect(own.staff[0].totals).toEqual({ call: 3, meeting: 2, visit: 1, event: 1 });
      expect(own.staff[0].targets).toEqual({ call: 30, meeting: 8, visit: null, event: 1 });
      expect(own.team.totals).toEqual({ call: 6, meeting: 3, visit: 2, event: 1 });
    });

    it('goes back to the structure’s targets with { "reset": true }', async () => {
      const { mona } = f.as;
      const users = f.users;
      const resetResponse = await mona.put(`/api/reports/targets/${users.julie.id}`, { reset: true });
      // docs/reports.md: `{ "reset": true }` goes back to the defaults (no other field needed).
      expect({ status: resetResponse.status, fields: fieldsOf(resetResponse.body) }).toEqual({ status: 200, fields: [] });
      const reset = resetResponse.body as TargetsView;
      expect(targetsOf(reset, users.julie.id)).toMatchObject({ overridden: false, targets: { call: 20, meeting: 5, visit: 2, event: null } });
      const after = await activity(mona);
      expect(after.staff.find((s) => s.staffId === users.julie.id)!.targets).toEqual({ call: 20, meeting: 5, visit: 2, event: null });
    });
  });

  describe('outcomes', () => {
    it('counts placements, ruptures, retention marks, exits, lead time, check-in answers and alerts of the period', async () => {
      const report = await outcomes(f.as.mona);
      expect(report.period).toEqual({ from: '2026-03-01', to: '2026-05-31', asOf: NOW });
      expect(report.scope).toBe('structure');
      const byType = Object.fromEntries(report.placements.byContractType.filter((r) => r.count > 0).map((r) => [r.contractType, r.count]));
      // Started, with a start date in the period: P1 CDI 16 Mar, P4b CDI 4 May; P3 CDD 1 Apr, P4a CDD 20 Apr; P2 PMSMP
      // 1 Apr (shown as pmsmp). Not: P5b/P5a (started before the period), C3's planned CDD of 25 May (never started),
      // structure B's CDI.
      expect(byType).toEqual({ cdi: 2, cdd: 2, pmsmp: 1 });
      expect(report.placements.total).toBe(5);
      // P4a broken on 10 May. Not P5a (broken on 5 June, after the period), nor P3 or P2 (ended normally).
      expect(report.placements.ruptures).toBe(1);

      expect(report.retention).toEqual([
        // 1-month marks in the period: P5a 20 Mar (started 20 Feb, before the period; broken only on 5 June: held),
        // P1 16 Apr (held), P4a 20 May (broken 10 May). P3's mark 1 May is after its planned end 20 Apr: not eligible.
        // P4b's mark 4 June is after the period. 2/3.
        { months: 1, key: 'retained_1m', eligible: 3, retained: 2, rate: 2 / 3 },
        // 3-month marks: P5a 20 May (held). P1's 16 June is after the period (and after today); P5b's is 28 Feb
        // (30 Nov + 3 months, the month's last day), before the period.
        { months: 3, key: 'retained_3m', eligible: 1, retained: 1, rate: 1 },
        // 6-month marks: P5b 30 May (started 30 Nov 2025, still on).
        { months: 6, key: 'retained_6m', eligible: 1, retained: 1, rate: 1 },
      ]);

      expect(report.exits.byCategory.map((c) => [c.category, c.count])).toEqual([
        ['durable_employment', 1], // Hugo, 31 May (Inès on 3 June is after the period)
        ['transition_employment', 1], // Chloé, 25 Apr
        ['positive_exit', 1], // Gaël, 31 Mar (structure B's exit is not ours)
        ['other', 1], // Dylan, 15 May (Jade on 27 Feb is before the period)
      ]);
      expect(report.exits.total).toBe(4);
      // The funder's view: each category's share of the 4 exits, and the « sorties dynamiques » (all but « autres »).
      expect(report.exits.byCategory.map((c) => [c.label, c.share, c.dynamic])).toEqual([
        ['Emploi durable', 0.25, true],
        ['Emploi de transition', 0.25, true],
        ['Sorties positives', 0.25, true],
        ['Autres sorties', 0.25, false],
      ]);
      expect(report.exits.dynamic).toEqual({ count: 3, rate: 0.75 });

      // Leads whose first proposal is in the period: L1 48 h, L4 15 Apr 08:00Z → 17 Apr 10:00Z = 50 h, L3 75 h,
      // L5 exactly 7 days = 168 h, L6 7 days 1 hour = 169 h (L2's first proposal is on 2 June).
      // Median 75 h = 3.125 d; within 7 days (at most 168 h): L1, L4, L3, L5.
      expect(report.leadTime).toEqual({ count: 5, medianDays: 3.1, withinTarget: 4, targetDays: 7 });

      // Sent in the period — employee: P1 3 days (answered), P1 10 days (answered on 10 June, after the period: counts),
      // P1 1 month, P4a 3 days (answered), P5a 10 days (sent 1 March 00:15 in Paris) → 3/5; employer: P1 3 days,
      // P1 10 days (answered), P4a 3 days → 1/3. Not: P5a 3 days (23 Feb), P1 2 months (1 June 00:15 in Paris).
      const parties = Object.fromEntries(report.checkIns.byParty.map((p) => [p.party, { sent: p.sent, answered: p.answered, rate: p.rate }]));
      expect(parties).toEqual({
        employee: { sent: 5, answered: 3, rate: 0.6 },
        employer: { sent: 3, answered: 1, rate: 1 / 3 },
      });
      expect({ sent: report.checkIns.sent, answered: report.checkIns.answered, rate: report.checkIns.rate }).toEqual({
        sent: 8,
        answered: 4,
        rate: 0.5,
      });

      // Raised in the period: call_task (1 March 00:00 in Paris), low_rating, no_answer, difficulty, and P4a's two rupture
      // alerts (its owner Julie and the manager Mona). Not: call_request (28 Feb 23:59 in Paris), low_rating of 1 June
      // 00:00 in Paris, P5a's rupture alerts (5 June).
      expect(Object.fromEntries(report.alerts.byKind.filter((k) => k.count > 0).map((k) => [k.kind, k.count]))).toEqual({
        low_rating: 1,
        difficulty: 1,
        no_answer: 1,
        call_task: 1,
        rupture: 2,
      });
      expect(report.alerts.total).toBe(6);
      // Without a staff filter, the team is the same figures.
      expect(report.team.placements.total).toBe(5);
      expect(report.team.exits.total).toBe(4);
    });

    it('narrows to the placement’s, candidate’s or lead’s owner, with the team figures beside', async () => {
      const { karim, julie } = f.users;
      const ofKarim = await outcomes(f.as.mona, `&staffId=${karim.id}`);
      expect(ofKarim.staffId).toBe(karim.id);
      // P1 CDI and P2 PMSMP; no rupture of his in the period (P5a's is on 5 June).
      expect(Object.fromEntries(ofKarim.placements.byContractType.filter((r) => r.count > 0).map((r) => [r.contractType, r.count]))).toEqual({
        cdi: 1,
        pmsmp: 1,
      });
      expect([ofKarim.placements.total, ofKarim.placements.ruptures]).toEqual([2, 0]);
      // 1 month: P5a, P1 both held; 3 months: P5a; 6 months: none of his (P5b is Julie's).
      expect(ofKarim.retention.map((r) => [r.months, r.eligible, r.retained, r.rate])).toEqual([
        [1, 2, 2, 1],
        [3, 1, 1, 1],
        [6, 0, 0, null],
      ]);
      // Gaël (positive) and Hugo (durable); the four categories are always listed.
      expect(ofKarim.exits.byCategory.map((c) => [c.category, c.count])).toEqual([
        ['durable_employment', 1],
        ['transition_employment', 0],
        ['positive_exit', 1],
        ['other', 0],
      ]);
      expect(ofKarim.exits.total).toBe(2);
      expect(ofKarim.exits.dynamic).toEqual({ count: 2, rate: 1 });
      expect(ofKarim.team.exits.dynamic).toEqual({ count: 3, rate: 0.75 });
      // L1 48 h, L5 168 h, L6 169 h: median 168 h = 7 days; within target: L1, L5.
      expect(ofKarim.leadTime).toEqual({ count: 3, medianDays: 7, withinTarget: 2, targetDays: 7 });
      // Check-ins of P1 and P5a: employee P1 3d (answered), 10d (answered), 1m, P5a 10d → 2/4; employer P1 3d, 10d (answered) → 1/2.
      expect(Object.fromEntries(ofKarim.checkIns.byParty.map((p) => [p.party, [p.sent, p.answered, p.rate]]))).toEqual({
        employee: [4, 2, 0.5],
        employer: [2, 1, 0.5],
      });
      expect([ofKarim.checkIns.sent, ofKarim.checkIns.answered, ofKarim.checkIns.rate]).toEqual([6, 3, 0.5]);
      // His alerts (his own placements, addressed to him): call_task, low_rating, no_answer.
      expect(ofKarim.alerts.total).toBe(3);
      // The team figures stay the structure's.
      expect(ofKarim.team.placements.total).toBe(5);
      expect(ofKarim.team.checkIns.sent).toBe(8);

      const ofJulie = await outcomes(f.as.mona, `&staffId=${julie.id}`);
      // P3 CDD, P4a CDD, P4b CDI; P4a broken.
      expect([ofJulie.placements.total, ofJulie.placements.ruptures]).toEqual([3, 1]);
      // 1 month: P4a eligible, broken → 0/1; 3 months: none; 6 months: P5b held.
      expect(ofJulie.retention.map((r) => [r.months, r.eligible, r.retained, r.rate])).toEqual([
        [1, 1, 0, 0],
        [3, 0, 0, null],
        [6, 1, 1, 1],
      ]);
      // Chloé (transition) and Dylan (other).
      expect(ofJulie.exits.byCategory.filter((c) => c.count > 0).map((c) => c.category)).toEqual(['transition_employment', 'other']);
      // L3 75 h, L4 50 h: median 62.5 h = 2.6 d, both within target.
      expect(ofJulie.leadTime).toEqual({ count: 2, medianDays: 2.6, withinTarget: 2, targetDays: 7 });
      // P4a: employee 1/1, employer 0/1.
      expect(Object.fromEntries(ofJulie.checkIns.byParty.map((p) => [p.party, [p.sent, p.answered, p.rate]]))).toEqual({
        employee: [1, 1, 1],
        employer: [1, 0, 0],
      });
    });
  });

  describe('the funder’s report: sorties dynamiques', () => {
    /** The exits table of a page, as rows of its cells' text (tags dropped). */
    const exitsTable = (html: string) => {
      const table = /<table class="[^"]*dash-exits[^"]*">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
      return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
        [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()),
      );
    };

    it('shows each category with its share and the rate of sorties dynamiques, linked to its list, on the dashboard and the report', async () => {
      const dashboard = await f.as.mona.get(`/tableau-de-bord?${PERIOD}`).expect(200);
      expect(exitsTable(dashboard.text)).toEqual([
        ['Catégorie', 'Nombre', 'Part des sorties'],
        ['Emploi durable', '1', '25 %'],
        ['Emploi de transition', '1', '25 %'],
        ['Sorties positives', '1', '25 %'],
        ['Autres sorties', '1', '25 %'],
        ['Sorties dynamiques', '3', '75 %'],
        ['Total', '4', '100 %'],
      ]);
      // The total of the dynamic exits opens its list, like every other number.
      const decoded = dashboard.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
      const href = /href="([^"]*metric=outcomes\.dynamic_exits[^"]*)"/.exec(decoded)?.[1];
      expect(href).toBe(`/tableau-de-bord/liste?metric=outcomes.dynamic_exits&${PERIOD}`);
      const list = await f.as.mona.get(href!).expect(200);
      expect(list.text).toContain('Sorties dynamiques');
      for (const name of ['Hugo', 'Chloé', 'Gaël']) expect(list.text).toContain(name);
      expect(list.text).not.toContain('Dylan');

      const report = await f.as.mona.get(`/tableau-de-bord/rapport?${PERIOD}`).expect(200);
      expect(exitsTable(report.text).slice(-2)).toEqual([
        ['Sorties dynamiques', '3', '75 %'],
        ['Total', '4', '100 %'],
      ]);

      // Karim sees his own (2 of 2) beside the team's (3 of 4).
      const his = await f.as.karim.get(`/tableau-de-bord?${PERIOD}`).expect(200);
      expect(exitsTable(his.text).find((row) => row[0] === 'Sorties dynamiques')).toEqual(['Sorties dynamiques', '2', '100 %', '3 (75 %)']);
    });
  });

  describe('lead time target', () => {
    it('reads the structure’s proposal target', async () => {
      const { mona } = f.as;
      await mona.put('/api/leads/settings', { proposalTargetDays: 3 }).expect(200);
      try {
        // Within 3 days (72 h): L1 48 h and L4 50 h; not L3 75 h, L5 168 h, L6 169 h.
        expect((await outcomes(mona)).leadTime).toEqual({ count: 5, medianDays: 3.1, withinTarget: 2, targetDays: 3 });
      } finally {
        await mona.put('/api/leads/settings', { proposalTargetDays: 7 }).expect(200);
      }
    });
  });

  describe('lists behind the numbers', () => {
    it('lists exactly the companies, contracts, activities, candidates, leads, check-ins and alerts counted', async () => {
      const { mona } = f.as;
      const c = f.companies;
      const p = f.placements;
      const check = async (query: string, kind: string, expected: string[]) => {
        const list = await drill(mona, query);
        expect({ query, kind: list.kind, total: list.total, ids: idsOf(list) }).toEqual({ query, kind, total: expected.length, ids: sorted(expected) });
        for (const row of list.rows) {
          expect(typeof row.label).toBe('string');
          expect(row.label.length).toBeGreaterThan(0);
          expect(row.href).toMatch(/^\//);
        }
        return list;
      };
      const contacted = await check('metric=funnel.contacted', 'companies', [c.c1, c.c2, c.c3, c.c4, c.c7]);
      expect(contacted.metric).toBe('funnel.contacted');
      expect(contacted.rows.find((row) => row.id === c.c1)!.label).toBe('Alpha Logistique');
      await check('metric=funnel.meeting_held', 'companies', [c.c1, c.c2, c.c3, c.c4]);
      await check('metric=funnel.need_found', 'companies', [c.c1, c.c2, c.c3, c.c4]);
      await check('metric=funnel.candidate_proposed', 'companies', [c.c1, c.c2, c.c3, c.c4]);
      await check('metric=funnel.hired', 'companies', [c.c1, c.c3, c.c4]);
      await check(`metric=funnel.contacted&staffId=${f.users.julie.id}`, 'companies', [c.c3, c.c4, c.c7]);
      await check('metric=funnel.contacted&bucket=2026-02-23', 'companies', [c.c1]);
      await check('metric=funnel.contacted&bucket=2026-05-25', 'companies', [c.c7]);
      await check('metric=funnel.contacted&bucket=2026-04-27', 'companies', []);
      await check('metric=funnel.contacted&interval=month&bucket=2026-03-01', 'companies', [c.c1, c.c2, c.c3]);
      await check('metric=funnel.contacted&naf=56', 'companies', [c.c2, c.c7]);
      await check('metric=funnel.retained_1m', 'placements', [p.p1, p.p4b]);
      await check('metric=funnel.eligible_1m', 'placements', [p.p1, p.p4a, p.p4b]);
      await check('metric=funnel.retained_3m', 'placements', []);

      const a = f.activities;
      await check('metric=activity.call', 'activities', [...a.karimCalls, ...a.julieCalls]);
      await check(`metric=activity.call&staffId=${f.users.karim.id}`, 'activities', a.karimCalls);
      await check('metric=activity.visit&week=2026-04-13', 'activities', [a.julieVisitMonday13April]);
      await check('metric=activity.visit&week=2026-04-06', 'activities', []);
      await check(`metric=activity.visit&staffId=${f.users.karim.id}&week=2026-03-16`, 'activities', [a.karimVisit]);

      await check('metric=outcomes.placements', 'placements', [p.p1, p.p2, p.p3, p.p4a, p.p4b]);
      await check('metric=outcomes.placements&contractType=cdi', 'placements', [p.p1, p.p4b]);
      await check('metric=outcomes.placements&contractType=pmsmp', 'placements', [p.p2]);
      await check('metric=outcomes.ruptures', 'placements', [p.p4a]);
      await check('metric=outcomes.retained_1m', 'placements', [p.p5a, p.p1]);
      await check('metric=outcomes.eligible_1m', 'placements', [p.p5a, p.p1, p.p4a]);
      await check('metric=outcomes.eligible_3m', 'placements', [p.p5a]);
      await check('metric=outcomes.retained_6m', 'placements', [p.p5b]);
      const k = f.candidates;
      await check('metric=outcomes.exits', 'candidates', [k.candPositive, k.cand3, k.cand4a, k.candDurable]);
      await check('metric=outcomes.exits&category=other', 'candidates', [k.cand4a]);
      await check('metric=outcomes.dynamic_exits', 'candidates', [k.candPositive, k.cand3, k.candDurable]);
      await check(`metric=outcomes.dynamic_exits&staffId=${f.users.karim.id}`, 'candidates', [k.candPositive, k.candDurable]);
      const l = f.leads;
      await check('metric=outcomes.lead_time', 'leads', [l.l1, l.l3, l.l4, l.l5, l.l6]);
      await check('metric=outcomes.check_ins_sent', 'check_ins', f.checkIns.sent);
      await check('metric=outcomes.check_ins_sent&party=employer', 'check_ins', f.checkIns.employer);
      await check('metric=outcomes.check_ins_answered', 'check_ins', f.checkIns.answered);
      await check('metric=outcomes.alerts', 'alerts', f.alerts.inPeriod);
      await check('metric=outcomes.alerts&kind=rupture', 'alerts', f.alerts.ruptures);
      await check(`metric=outcomes.placements&staffId=${f.users.karim.id}`, 'placements', [p.p1, p.p2]);
    });

    it('gives the same totals as the reports they come from', async () => {
      const { mona } = f.as;
      const report = await funnel(mona);
      for (const s of report.steps) {
        expect([s.key, (await drill(mona, `metric=funnel.${s.key}`)).total]).toEqual([s.key, s.count]);
        if (s.unit === 'contracts') {
          const eligible = s.key.replace('retained', 'eligible');
          expect([eligible, (await drill(mona, `metric=funnel.${eligible}`)).total]).toEqual([eligible, s.eligible]);
        }
      }
      const o = await outcomes(mona);
      expect((await drill(mona, 'metric=outcomes.placements')).total).toBe(o.placements.total);
      expect((await drill(mona, 'metric=outcomes.ruptures')).total).toBe(o.placements.ruptures);
      for (const r of o.retention) {
        expect((await drill(mona, `metric=outcomes.retained_${r.months}m`)).total).toBe(r.retained);
        expect((await drill(mona, `metric=outcomes.eligible_${r.months}m`)).total).toBe(r.eligible);
      }
      expect((await drill(mona, 'metric=outcomes.exits')).total).toBe(o.exits.total);
      expect((await drill(mona, 'metric=outcomes.dynamic_exits')).total).toBe(o.exits.dynamic.count);
      expect((await drill(mona, 'metric=outcomes.lead_time')).total).toBe(o.leadTime.count);
      expect((await drill(mona, 'metric=outcomes.check_ins_sent')).total).toBe(o.checkIns.sent);
      expect((await drill(mona, 'metric=outcomes.check_ins_answered')).total).toBe(o.checkIns.answered);
      expect((await drill(mona, 'metric=outcomes.alerts')).total).toBe(o.alerts.total);
      const act = await activity(mona);
      expect((await drill(mona, 'metric=activity.meeting')).total).toBe(act.team.totals.meeting);
      expect((await drill(mona, 'metric=activity.event')).total).toBe(act.team.totals.event);
    });
  });

  describe('access', () => {
    it('gives staff their own figures and the team totals, and 403 for someone else’s', async () => {
      const { karim } = f.as;
      const users = f.users;
      const own = await funnel(karim);
      expect(own.scope).toBe('own');
      expect(own.filters.staffId).toBe(users.karim.id);
      expect(stepsOf(own)).toEqual({
        contacted: step(2, null, null), // C1, C2
        meeting_held: step(2, 1, 4.6), // C1 110 h = 4.58 d (C2 had no meeting of its own)
        need_found: step(2, 1, 6.9), // C1 166 h = 6.92 d (C2's need has no meeting before it)
        candidate_proposed: step(2, 1, 46.5), // C1 48 h, C2 2185 h → 1116.5 h = 46.52 d
        hired: step(1, 0.5, 1.5), // C1 35.5 h = 1.48 d
        retained_1m: step(1, 1, null, 1), // P1
        retained_3m: step(0, null, null, 0),
        retained_6m: step(0, null, null, 0),
      });
      expect(own.byStaff.map((s) => [s.staffId, s.counts])).toEqual([[users.karim.id, counts([2, 2, 2, 2, 1], { eligible_1m: 1, retained_1m: 1 })]]);
      expect(own.team).toEqual(counts([5, 4, 4, 4, 3], { eligible_1m: 3, retained_1m: 2 }));
      // His trend: C1 (week of 23 Feb) and C2 (week of 2 March).
      expect(own.trend.buckets.reduce((sum, b) => sum + b.counts.contacted, 0)).toBe(2);
      expect(own.trend.buckets.filter((b) => b.counts.contacted > 0).map((b) => b.start)).toEqual(['2026-02-23', '2026-03-02']);
      // Asking for himself is fine; for Julie, refused everywhere.
      expect(stepsOf(await funnel(karim, `&staffId=${users.karim.id}`))).toEqual(stepsOf(own));
      await karim.get(`/api/reports/funnel?${PERIOD}&staffId=${users.julie.id}`).expect(403);
      await karim.get(`/api/reports/activity?${PERIOD}&staffId=${users.julie.id}`).expect(403);
      await karim.get(`/api/reports/outcomes?${PERIOD}&staffId=${users.julie.id}`).expect(403);
      await karim.get(`/api/reports/drill?${PERIOD}&metric=funnel.contacted&staffId=${users.julie.id}`).expect(403);
      await karim.get(`/api/reports/export.csv?table=funnel&${PERIOD}&staffId=${users.julie.id}`).expect(403);

      // Outcomes: his own, with the structure's figures as the team.
      const outs = await outcomes(karim);
      expect(outs.scope).toBe('own');
      expect(outs.staffId).toBe(users.karim.id);
      expect([outs.placements.total, outs.exits.total, outs.leadTime.count, outs.checkIns.sent]).toEqual([2, 2, 3, 6]);
      expect([outs.team.placements.total, outs.team.exits.total, outs.team.leadTime.count, outs.team.checkIns.sent]).toEqual([5, 4, 5, 8]);

      // Lists: his own companies and placements only.
      const list = await drill(karim, 'metric=funnel.contacted');
      expect([list.total, idsOf(list)]).toEqual([2, sorted([f.companies.c1, f.companies.c2])]);
      expect(idsOf(await drill(karim, 'metric=outcomes.placements'))).toEqual(sorted([f.placements.p1, f.placements.p2]));
      expect(idsOf(await drill(f.as.julie, 'metric=funnel.contacted'))).toEqual(sorted([f.companies.c3, f.companies.c4, f.companies.c7]));
      // His 1-month contracts (P1) and his alerts (call_task, low_rating, no_answer), as in his figures.
      expect(idsOf(await drill(karim, 'metric=funnel.eligible_1m'))).toEqual([f.placements.p1]);
      const alerts = await drill(karim, 'metric=outcomes.alerts');
      expect([alerts.total, alerts.total === outs.alerts.total]).toEqual([3, true]);

      // His CSV holds his numbers.
      const rows = await csv(karim, `table=funnel&${PERIOD}`);
      expect(csvRow(rows, FUNNEL_STEP_LABELS.contacted)[csvColumn(rows, /^(nombre|effectif)/i)]).toBe('2');
      const staffRows = await csv(karim, `table=funnel_staff&${PERIOD}`);
      expect(csvRow(staffRows, 'Karim staff')[csvColumn(staffRows, FUNNEL_STEP_LABELS.contacted)]).toBe('2');
      expect(staffRows.slice(1).map((row) => row[0])).not.toContain('Julie staff');
    });

    it('shows managers and admins the whole structure, and nothing of another structure', async () => {
      const users = f.users;
      const admin = await funnel(f.as.adele);
      expect(admin.scope).toBe('structure');
      expect(companyCounts(admin)).toEqual([5, 4, 4, 4, 3]);
      expect(admin.byStaff).toHaveLength(2);

      // Structure B's manager: only B's companies (test/helpers/reports-fixture.ts, structure B).
      // Contacted: CB (call 10 Mar), CB2 (lead only, 2 Apr), CB4 (moved to « Refus »), CB5 (contract only, 2 Mar).
      // Not CB6 (created in the entry stage « Premier appel »: a first stage is no evidence) nor CB7 (moved to « À prospecter »).
      const theirs = await funnel(f.as.bea);
      expect(stepsOf(theirs)).toEqual({
        contacted: step(4, null, null),
        // CB (need on the phone), CB2 (the lead is a later step), CB5 (the hire is a later step). 3/4. None held a
        // meeting of its own: no delay to a meeting nor from one (null, where counting implied steps showed 0).
        meeting_held: step(3, 0.75, null),
        need_found: step(3, 1, null),
        // CB: need 10 Mar 09:00Z → proposal 12 Mar 09:00Z = 48 h = 2 days (CB5's proposal is only implied). 2/3.
        candidate_proposed: step(2, 2 / 3, 2),
        // CB: 12 Mar 09:00Z → 16 Mar 00:00 in Paris (15 Mar 23:00Z) = 86 h = 3.58 d (not CB5: no proposal). 2/2.
        hired: step(2, 1, 3.6),
        // PB: mark 16 Apr, held. PB2: mark 2 Apr = its planned end (eligible) = its end (held). 2/2.
        retained_1m: step(2, 1, null, 2),
        // PB: 16 June is after today; PB2: planned to end before its 3-month mark.
        retained_3m: step(0, null, null, 0),
        retained_6m: step(0, null, null, 0),
      });
      const theirStaff = Object.fromEntries(theirs.byStaff.map((s) => [s.staffId, s.counts]));
      expect(theirStaff).toEqual({
        // Bruno: CB (his call) and CB4 (his move).
        [users.bruno.id]: counts([2, 1, 1, 1, 1], { eligible_1m: 1, retained_1m: 1 }),
        // Boris: CB2 (the lead's owner, although Bruno wrote it) and CB5 (the placement's owner).
        [users.boris.id]: counts([2, 2, 2, 1, 1], { eligible_1m: 1, retained_1m: 1 }),
      });
      const theirList = await drill(f.as.bea, 'metric=funnel.contacted');
      expect(idsOf(theirList)).toEqual(sorted([f.companies.cb, f.companies.cb2, f.companies.cb4, f.companies.cb5]));
      const theirOutcomes = await outcomes(f.as.bea);
      // PB (CDI 16 Mar) and PB2 (CDD 2 Mar); 1-month marks 16 Apr and 2 Apr (ended on the mark: held).
      expect(Object.fromEntries(theirOutcomes.placements.byContractType.filter((r) => r.count > 0).map((r) => [r.contractType, r.count]))).toEqual({
        cdi: 1,
        cdd: 1,
      });
      expect(theirOutcomes.retention[0]).toMatchObject({ months: 1, eligible: 2, retained: 2, rate: 1 });
      // Bianca's exit; CB's lead (11 Mar 09:00Z → 12 Mar 09:00Z: 1 day; CB2's lead has no proposal).
      expect(theirOutcomes.exits.total).toBe(1);
      expect(theirOutcomes.leadTime).toEqual({ count: 1, medianDays: 1, withinTarget: 1, targetDays: 7 });
      expect(theirOutcomes.checkIns.sent).toBe(0);
      // Bruno's call (stage moves are no activities).
      expect((await activity(f.as.bea)).team.totals).toEqual({ call: 1, meeting: 0, visit: 0, event: 0 });

      // A manager cannot look at another structure's staff member.
      const foreign = await f.as.mona.get(`/api/reports/funnel?${PERIOD}&staffId=${users.bruno.id}`);
      expect([400, 403, 404]).toContain(foreign.status);
    });
  });

  describe('validation', () => {
    it.each([
      ['to before from', 'from=2026-05-31&to=2026-03-01', ['from', 'to']],
      ['an impossible day', 'from=2026-02-30&to=2026-05-31', ['from']],
      ['a bad month', 'from=2026-03-01&to=2026-13-01', ['to']],
      ['a French date', 'from=01/03/2026&to=2026-05-31', ['from']],
      ['a period over 3 years', 'from=2023-01-01&to=2026-05-31', ['from', 'to']],
      ['an unknown interval', `${PERIOD}&interval=year`, ['interval']],
      ['a NAF that is no prefix', `${PERIOD}&naf=abc`, ['naf']],
      ['a staff id that is no id', `${PERIOD}&staffId=karim`, ['staffId']],
      ['an unknown source', `${PERIOD}&source=bouche_a_oreille`, ['source']],
    ])('answers 400 naming the field for %s', async (_, query, allowed) => {
      for (const path of ['funnel', 'activity', 'outcomes']) {
        const response = await f.as.mona.get(`/api/reports/${path}?${query}`);
        expect([path, response.status]).toEqual([path, 400]);
        const fields = fieldsOf(response.body);
        expect(fields.length).toBeGreaterThan(0);
        expect(fields.filter((field) => !allowed.includes(field))).toEqual([]);
      }
    });

    it('accepts a period of 3 years, not a day more', async () => {
      // 1 June 2023 .. 31 May 2026: exactly 3 years.
      await f.as.mona.get('/api/reports/funnel?from=2023-06-01&to=2026-05-31').expect(200);
      // 31 May 2023 .. 31 May 2026, both included: 3 years and a day.
      const longer = await f.as.mona.get('/api/reports/funnel?from=2023-05-31&to=2026-05-31');
      expect(longer.status).toBe(400);
      expect(fieldsOf(longer.body).filter((field) => field !== 'from' && field !== 'to')).toEqual([]);
    });

    it('answers 400 for an unknown metric or export table', async () => {
      const metric = await f.as.mona.get(`/api/reports/drill?${PERIOD}&metric=funnel.nope`).expect(400);
      expect(fieldsOf(metric.body)).toEqual(['metric']);
      const table = await f.as.mona.get(`/api/reports/export.csv?${PERIOD}&table=nope`).expect(400);
      expect(fieldsOf(table.body)).toEqual(['table']);
    });

    it('defaults to the last 12 months up to today', async () => {
      const report = await get<FunnelReport>(f.as.mona, '/api/reports/funnel');
      expect(report.period.to).toBe('2026-06-15');
      expect(report.period.from < '2025-06-17' && report.period.from >= '2025-06-15').toBe(true);
      expect(report.trend.interval).toBe('month');
    });
  });

  describe('CSV exports', () => {
    it('write the same numbers as the JSON: BOM, `;`, decimals with a comma, formulas neutralised', async () => {
      const { mona } = f.as;
      const report = await funnel(mona);

      const funnelRows = await csv(mona, `table=funnel&${PERIOD}`);
      const count = csvColumn(funnelRows, /^(nombre|effectif)/i);
      const conversion = csvColumn(funnelRows, /conversion/i);
      const median = csvColumn(funnelRows, /m[ée]diane/i);
      const eligible = csvColumn(funnelRows, /ligible/i);
      const cells = (label: string) => {
        const row = csvRow(funnelRows, label);
        return [row[count], row[eligible], row[conversion], row[median]];
      };
      // Same values as the JSON test above, written the French way.
      expect(cells(FUNNEL_STEP_LABELS.contacted)).toEqual(['5', '', '', '']);
      expect(cells(FUNNEL_STEP_LABELS.meeting_held)).toEqual(['4', '', '0,8', '6,5']);
      expect(cells(FUNNEL_STEP_LABELS.need_found)).toEqual(['4', '', '1', '0,4']);
      expect(cells(FUNNEL_STEP_LABELS.candidate_proposed)).toEqual(['4', '', '1', '3,1']);
      expect(cells(FUNNEL_STEP_LABELS.hired)).toEqual(['3', '', '0,75', '1,5']);
      expect(cells(FUNNEL_STEP_LABELS.retained_1m)).toEqual(['2', '3', '0,6666666666666666', '']);
      expect(cells(FUNNEL_STEP_LABELS.retained_3m)).toEqual(['0', '0', '', '']);
      expect(funnelRows).toHaveLength(1 + report.steps.length);

      const staffRows = await csv(mona, `table=funnel_staff&${PERIOD}`);
      const staffCells = (name: string) => {
        const row = csvRow(staffRows, name);
        return [...FUNNEL_COMPANY_STEPS.map((s) => row[csvColumn(staffRows, FUNNEL_STEP_LABELS[s])]), row[csvColumn(staffRows, FUNNEL_STEP_LABELS.retained_1m)]];
      };
      expect(staffCells('Karim staff')).toEqual(['2', '2', '2', '2', '1', '1']);
      expect(staffCells('Julie staff')).toEqual(['3', '2', '2', '2', '2', '1']);

      const trendRows = await csv(mona, `table=funnel_trend&${PERIOD}`);
      expect(trendRows).toHaveLength(1 + MONDAYS.length);
      const contactedColumn = csvColumn(trendRows, FUNNEL_STEP_LABELS.contacted);
      const hiredColumn = csvColumn(trendRows, FUNNEL_STEP_LABELS.hired);
      expect(trendRows.slice(1).reduce((sum, row) => sum + Number(row[contactedColumn]), 0)).toBe(5);
      expect(trendRows.slice(1).reduce((sum, row) => sum + Number(row[hiredColumn]), 0)).toBe(3);

      const o = await outcomes(mona);
      const retention = await csv(mona, `table=retention&${PERIOD}`);
      expectCells(csvRow(retention, /^1\b/), ['3', '2', '0,6666666666666666']);
      expectCells(csvRow(retention, /^3\b/), ['1', '1', '1']);
      expectCells(csvRow(retention, /^6\b/), ['1', '1', '1']);

      const checkIns = await csv(mona, `table=check_ins&${PERIOD}`);
      const employee = o.checkIns.byParty.find((p) => p.party === 'employee')!;
      const employer = o.checkIns.byParty.find((p) => p.party === 'employer')!;
      expectCells(csvRow(checkIns, employee.label), ['5', '3', '0,6']);
      expectCells(csvRow(checkIns, employer.label), ['3', '1', '0,3333333333333333']);
      expectCells(csvRow(checkIns, /total/i), ['8', '4', '0,5']);

      const placements = await csv(mona, `table=placements&${PERIOD}`);
      for (const row of o.placements.byContractType.filter((r) => r.count > 0)) expectCells(csvRow(placements, row.label), [String(row.count)]);
      expectCells(csvRow(placements, /total/i), ['5']);
      expectCells(csvRow(placements, /rupture/i), ['1']);

      const exits = await csv(mona, `table=exits&${PERIOD}`);
      for (const row of o.exits.byCategory) expectCells(csvRow(exits, row.label), ['1', '0,25']);
      expectCells(csvRow(exits, 'Sorties dynamiques'), ['3', '0,75']);
      expectCells(csvRow(exits, /total/i), ['4', '1']);

      const leadTime = await csv(mona, `table=lead_time&${PERIOD}`);
      expect(leadTime).toHaveLength(2);
      expect(leadTime[1].filter((cell) => cell !== '')).toEqual(['5', '3,1', '4', '7']);

      const alerts = await csv(mona, `table=alerts&${PERIOD}`);
      expectCells(csvRow(alerts, /total/i), ['6']);
      const rupture = o.alerts.byKind.find((k) => k.kind === 'rupture')!;
      expectCells(csvRow(alerts, rupture.label), ['2']);

      // A list: the five companies of the cohort; "=Garage Zeta" is written so no spreadsheet runs it as a formula.
      const list = await csv(mona, `table=drill&metric=funnel.contacted&${PERIOD}`);
      expect(list).toHaveLength(1 + 5);
      const everyCell = list.flat();
      expect(everyCell.filter((cell) => /^[=+@-]/.test(cell) && !/^-?\d/.test(cell))).toEqual([]);
      expect(everyCell.some((cell) => cell.includes('=Garage Zeta'))).toBe(true);
      expect(everyCell).toContain('Alpha Logistique');
    });

    it('write days and times as French Excel reads them, in Paris, under a French file name', async () => {
      const { mona } = f.as;
      const download = async (query: string) => {
        const response = await mona.get(`/api/reports/export.csv?${query}`).expect(200);
        return { disposition: response.headers['content-disposition'], rows: parse(response.text.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][] };
      };

      // C1's first call was 28 February 23:30 UTC, i.e. 1 March 00:30 in Paris: never the 28th.
      const companies = await download(`table=drill&metric=funnel.contacted&${PERIOD}`);
      const c1 = csvRow(companies.rows.map((row) => row.slice(1)), 'Alpha Logistique');
      expect(c1[csvColumn([companies.rows[0].slice(1)], 'Premier contact')]).toBe('01/03/2026 00:30');
      expect(companies.rows.flat().filter((cell) => /^\d{4}-\d{2}-\d{2}/.test(cell))).toEqual([]);
      expect(companies.disposition).toBe(
        `attachment; filename="liste-entreprises-contactees-entreprises-2026-03-01-au-2026-05-31.csv"; filename*=UTF-8''liste-entreprises-contact%C3%A9es-entreprises-2026-03-01-au-2026-05-31.csv`,
      );

      // Calendar days (contract dates) as dd/mm/yyyy.
      const placements = await download(`table=drill&metric=outcomes.placements&contractType=cdi&${PERIOD}`);
      expect(placements.rows.map((row) => row[csvColumn(placements.rows, 'Début')]).slice(1).sort()).toEqual(['04/05/2026', '16/03/2026']);

      // The trend's and the activity's weeks start on Monday 23 February.
      const trend = await download(`table=funnel_trend&${PERIOD}`);
      expect(trend.rows[1][csvColumn(trend.rows, 'Début')]).toBe('23/02/2026');
      const activityRows = await download(`table=activity&${PERIOD}`);
      expect(activityRows.rows[1][csvColumn(activityRows.rows, 'Semaine (lundi)')]).toBe('23/02/2026');
      expect(activityRows.disposition).toBe(
        `attachment; filename="activite-2026-03-01-au-2026-05-31.csv"; filename*=UTF-8''activit%C3%A9-2026-03-01-au-2026-05-31.csv`,
      );

      expect((await download(`table=funnel&${PERIOD}`)).disposition).toBe('attachment; filename="entonnoir-2026-03-01-au-2026-05-31.csv"');
      expect((await download(`table=exits&${PERIOD}`)).disposition).toBe('attachment; filename="sorties-2026-03-01-au-2026-05-31.csv"');
      // Without a period, the name says the one the figures are for (the last 12 months up to today).
      expect((await download('table=funnel')).disposition).toBe('attachment; filename="entonnoir-2025-06-16-au-2026-06-15.csv"');
    });
  });
});
