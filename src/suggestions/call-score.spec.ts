import { DEFAULT_CADENCE_RULES } from '../prospection/cadence';
import {
  cadenceHorizon,
  dueBecause,
  fitPoints,
  History,
  historyPoints,
  overallRate,
  reachPoints,
  reasonsFor,
  scoreOf,
  scoreTables,
  smoothedRate,
  Tally,
} from './call-score';
import { hiddenUntil, nextMonday } from './dismissal-period';
import { DEFAULT_REACH_KM, reachByCommune } from './reach';
import { divisionsFor, wantingCandidates } from './rome-sectors';

const tally = (contacted: number, successes: number, dismissed = 0): Tally => ({ contacted, successes, dismissed });

describe('smoothing toward the structure’s rate', () => {
  it.each([
    ['nothing seen: the structure’s rate', tally(0, 0), 0.2, 0.2],
    ['one success out of one contact counts little', tally(1, 1), 0.2, (1 + 5 * 0.2) / 6],
    ['one failure out of one contact counts little too', tally(1, 0), 0.2, (5 * 0.2) / 6],
    ['3 needs out of 11 bakeries', tally(11, 3), 0.1, (3 + 0.5) / 16],
    ['a large sample speaks for itself', tally(1000, 500), 0.1, (500 + 0.5) / 1005],
    ['two sector dismissals count as two failures', tally(3, 1, 2), 0.25, (1 + 1.25) / 10],
    ['a structure that never contacted anybody', tally(0, 0, 1), 0, 0],
  ])('%s', (_case, seen, prior, expected) => {
    expect(smoothedRate(seen, prior)).toBeCloseTo(expected, 10);
  });

  it.each([
    [tally(0, 0), 0],
    [tally(20, 5), 0.25],
  ])('overall rate of %o is %d', (all, rate) => expect(overallRate(all)).toBe(rate));

  it.each([
    ['no candidate', 0, 0, 0],
    ['3 candidates', 3, 12, 6],
    ['ten candidates', 10, 40, 20],
    ['beyond ten, no more points', 25, 40, 20],
  ])('fit and reach points: %s', (_case, people, fit, reach) => {
    expect(fitPoints(people)).toBe(fit);
    expect(reachPoints(people)).toBe(reach);
  });
});

describe('the score and its reasons', () => {
  const history: History = {
    all: tally(20, 4),
    division: new Map([['10', tally(11, 3)], ['47', tally(4, 0, 2)]]),
    band: new Map([['03', tally(8, 2)]]),
    area: new Map([['591', tally(5, 1)]]),
  };
  const fit = new Map([['10', 4]]);
  const reach = new Map([['Roubaix', { count: 3, maxKm: 5.2 }], ['Lille', { count: 1, maxKm: 0 }]]);
  const tables = scoreTables(history, fit, reach);
  const bakery = { nafCode: '10.71C', headcountBand: '03', postcode: '59100', commune: 'Roubaix' };

  it('adds a third of 100 × each smoothed rate, 4 points per candidate wanting the sector, 2 per candidate within reach', () => {
    const prior = 0.2;
    const expected =
      historyPoints((3 + 1) / 16) + historyPoints((2 + 1) / 13) + historyPoints((1 + 1) / 10) + fitPoints(4) + reachPoints(3);
    expect(scoreOf(bakery, tables)).toBeCloseTo(expected, 10);
    // Unknown traits fall back to the structure's rate; no NAF code, no fit.
    expect(scoreOf({ nafCode: null, headcountBand: null, postcode: null, commune: null }, tables)).toBeCloseTo(3 * historyPoints(prior), 10);
    expect(tables.fallback).toBeCloseTo(historyPoints(prior), 10);
  });

  it('explains in French, most telling first', () => {
    expect(reasonsFor(bakery, { kind: 'never_contacted' }, history, fit, reach)).toEqual([
      'Jamais contactée',
      '3 besoins trouvés sur 11 entreprises contactées du même secteur (NAF 10)',
      '2 besoins trouvés sur 8 entreprises contactées de même taille (6 à 9 salariés)',
      '1 besoin trouvé sur 5 entreprises contactées des codes postaux 591xx',
      '4 candidat·es visent un métier de ce secteur',
      'À 6 km ou moins de 3 candidat·es',
    ]);
    const shop = { nafCode: '47.11D', headcountBand: null, postcode: '62000', commune: 'Lille' };
    expect(reasonsFor(shop, { kind: 'action_overdue', since: '2027-03-03' }, history, fit, reach)).toEqual([
      'Action prévue le 03/03/2027, pas encore faite',
      'Aucun besoin trouvé sur 4 entreprises contactées du même secteur (NAF 47)',
      '2 entreprises du même secteur (NAF 47) écartées (secteur non pertinent)',
      'Dans la commune ou la zone choisie de 1 candidat·e',
    ]);
  });
});

describe('who is due a call', () => {
  const horizon = cadenceHorizon(DEFAULT_CADENCE_RULES);
  const open = { stageKind: 'open', nextActionDue: null, comeBackOn: null, lastContactDay: null, stageEnteredDay: '2027-01-04' };

  it('reads the default cadence: a week after a contact, three months after « pas de besoin »', () => {
    expect(horizon).toEqual({ afterContactDays: 7, noNeedDays: 93 });
    expect(cadenceHorizon([{ trigger: 'email', actionType: 'call', amount: 10, unit: 'working_days' }])).toEqual({ afterContactDays: 14, noNeedDays: 93 });
  });

  it.each([
    ['never contacted', open, { kind: 'never_contacted' }],
    ['its call was due yesterday', { ...open, nextActionDue: '2027-03-09', lastContactDay: '2027-03-01' }, { kind: 'action_overdue', since: '2027-03-09' }],
    ['last contact 8 days ago, nothing planned', { ...open, lastContactDay: '2027-03-02' }, { kind: 'resting', lastContactDay: '2027-03-02' }],
    ['last contact exactly a week ago: still within the cadence', { ...open, lastContactDay: '2027-03-03' }, null],
    ['its come-back day is today', { ...open, comeBackOn: '2027-03-10', lastContactDay: '2027-03-09' }, { kind: 'come_back', since: '2027-03-10' }],
    ['« pas de besoin » until next month', { ...open, stageKind: 'no_need', comeBackOn: '2027-04-10' }, null],
    ['« pas de besoin » with no day, three months and more ago', { ...open, stageKind: 'no_need', stageEnteredDay: '2026-12-01' }, { kind: 'come_back', since: '2027-03-04' }],
  ])('%s', (_case, company, expected) => {
    expect(dueBecause(company, '2027-03-10', horizon)).toEqual(expected);
  });
});

describe('the period a dismissal hides a company', () => {
  it.each([
    ['a Monday', '2027-03-08', '2027-03-15'],
    ['a Wednesday', '2027-03-10', '2027-03-15'],
    ['a Sunday: the week ends that day', '2027-03-14', '2027-03-15'],
    ['across the new year', '2026-12-31', '2027-01-04'],
  ])('dismissed on %s (%s): back on %s', (_case, day, monday) => {
    expect(nextMonday(day)).toBe(monday);
    expect(hiddenUntil(day, 'sector')).toBe(monday);
  });

  it('hides a closed company for a year', () => {
    expect(hiddenUntil('2027-03-10', 'closed')).toBe('2028-03-06');
  });
});

describe('ROME domains to NAF divisions, and the candidates who can get there', () => {
  it('maps a domain, plus what the structure’s leads taught', () => {
    expect([...divisionsFor('D1102', new Map())].sort()).toEqual(['45', '46', '47']);
    expect([...divisionsFor('D1102', new Map([['D1102', new Set(['10'])]]))].sort()).toEqual(['10', '45', '46', '47']);
    // Two candidates want sales jobs, one of them also a bakery job: each counts once per division.
    const counts = wantingCandidates([['D1106', 'D1102'], ['D1106'], ['N1103']], new Map([['D1102', new Set(['10'])]]));
    expect(counts.get('47')).toBe(2);
    expect(counts.get('10')).toBe(1);
    expect(counts.get('52')).toBe(1);
  });

  // On one meridian: Roubaix 12 km north of Lille, Tourcoing 4 km north of Roubaix, Paris far away.
  const POINTS_AT: Record<string, { latitude: number; longitude: number }> = {
    LILLE: { latitude: 50.0, longitude: 3.0 },
    ROUBAIX: { latitude: 50.0 + 12 / 111.195, longitude: 3.0 },
    TOURCOING: { latitude: 50.0 + 16 / 111.195, longitude: 3.0 },
    PARIS: { latitude: 48.85, longitude: 2.35 },
  };
  const locate = (commune: string) => POINTS_AT[commune.toUpperCase()] ?? null;
  const roubaixFor = (candidate: { homeCommune: string | null; mobilityRadiusKm: number | null; reachableCommunes: string[] }) => {
    const reach = reachByCommune(['Roubaix'], [candidate], locate).get('Roubaix');
    return reach ? Math.round(reach.maxKm) : null;
  };
  it.each([
    ['lives there', { homeCommune: 'Roubaix', mobilityRadiusKm: null, reachableCommunes: [] }, 0],
    ['listed it', { homeCommune: 'Lille', mobilityRadiusKm: 5, reachableCommunes: ['roubaix'] }, 12],
    ['within a 15 km radius', { homeCommune: 'Lille', mobilityRadiusKm: 15, reachableCommunes: [] }, 12],
    ['outside a 10 km radius', { homeCommune: 'Lille', mobilityRadiusKm: 10, reachableCommunes: [] }, null],
    [`no stated mobility: ${DEFAULT_REACH_KM} km`, { homeCommune: 'Tourcoing', mobilityRadiusKm: null, reachableCommunes: [] }, 4],
    ['a list of communes without Roubaix', { homeCommune: 'Tourcoing', mobilityRadiusKm: null, reachableCommunes: ['Lille'] }, null],
  ])('Roubaix for a candidate who %s', (_case, candidate, km) => {
    expect(roubaixFor(candidate)).toBe(km);
  });

  it('counts the candidates per commune with the farthest, whatever the spelling', () => {
    const people = [
      { homeCommune: 'Lille', mobilityRadiusKm: 15, reachableCommunes: [] },
      { homeCommune: 'Lille', mobilityRadiusKm: 15, reachableCommunes: [] },
      { homeCommune: 'Tourcoing', mobilityRadiusKm: null, reachableCommunes: [] },
      { homeCommune: null, mobilityRadiusKm: null, reachableCommunes: [] },
    ];
    const reach = reachByCommune(['Roubaix', 'ROUBAIX', 'Paris'], people, locate);
    expect([...reach.keys()].sort()).toEqual(['ROUBAIX', 'Roubaix']);
    expect(reach.get('Roubaix')!.count).toBe(3);
    expect(reach.get('Roubaix')!.maxKm).toBeCloseTo(12, 1);
  });
});
