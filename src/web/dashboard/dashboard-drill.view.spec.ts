import { OutcomeReport } from '../../encounters/encounter-view';
import { encounterOutcomesCard, encounterOutcomesHref, encounterOutcomesListView, encounterOutcomesPeriod } from './dashboard-drill.view';

/** Insertion week of May 2027: 7 present at a job dating (3 positive), 2 at a company visit (none positive). */
const REPORT: OutcomeReport = {
  from: '2027-05-01',
  to: '2027-05-31',
  withinDays: 90,
  present: 9,
  positive: 3,
  rate: 3 / 9,
  byKind: [
    { kind: 'job_dating', present: 7, positive: 3, rate: 3 / 7 },
    { kind: 'company_visit', present: 2, positive: 0, rate: 0 },
  ],
  people: [
    {
      encounterId: 'e1',
      title: 'Job dating logistique',
      kind: 'job_dating',
      day: '2027-05-04',
      participantId: 'p1',
      candidateId: 'c1',
      name: 'Awa Diallo',
      outcome: 'contract',
      outcomeOn: '2027-05-20',
      positive: true,
    },
    {
      encounterId: 'e2',
      title: 'Visite de l’atelier',
      kind: 'company_visit',
      day: '2027-05-06',
      participantId: 'p2',
      candidateId: 'c2',
      name: 'Marc Petit',
      outcome: null,
      outcomeOn: null,
      positive: false,
    },
  ],
};

describe('encounterOutcomesCard', () => {
  it('gives the rate overall and by kind, each linking to the people behind it', () => {
    expect(encounterOutcomesCard(REPORT)).toEqual({
      present: '9',
      positive: '3',
      rate: '33,3\u00a0%',
      withinDays: 90,
      href: '/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31',
      byKind: [
        { label: 'Job dating', present: '7', positive: '3', rate: '42,9\u00a0%', href: '/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31&kind=job_dating' },
        { label: 'Visite d’entreprise', present: '2', positive: '0', rate: '0\u00a0%', href: '/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31&kind=company_visit' },
      ],
    });
  });

  it('says no rate when nobody came', () => {
    const card = encounterOutcomesCard({ ...REPORT, present: 0, positive: 0, rate: 0, byKind: [], people: [] });
    expect(card).toMatchObject({ present: '0', positive: '0', rate: '—', byKind: [] });
  });
});

describe('encounterOutcomesListView', () => {
  it('lists each person present with the encounter, what followed and whether it counts', () => {
    const view = encounterOutcomesListView(REPORT, null);
    expect(view.heading).toBe('Rencontres : personnes présentes et suites');
    expect(view.summary).toBe('3 sur 9 avec une suite positive (33,3\u00a0%)');
    expect(view.rows).toEqual([
      {
        name: 'Awa Diallo',
        candidateHref: '/candidats/c1',
        encounter: 'Job dating logistique',
        encounterHref: '/rencontres/e1',
        kind: 'Job dating',
        day: '04/05/2027',
        outcome: 'Contrat de travail',
        outcomeOn: '20/05/2027',
        positive: 'Oui',
      },
      {
        name: 'Marc Petit',
        candidateHref: '/candidats/c2',
        encounter: 'Visite de l’atelier',
        encounterHref: '/rencontres/e2',
        kind: 'Visite d’entreprise',
        day: '06/05/2027',
        outcome: 'Pas encore renseignée',
        outcomeOn: '—',
        positive: 'Non',
      },
    ]);
  });

  it.each([
    ['job_dating', 'Rencontres (job dating) : personnes présentes et suites'],
    ['company_visit', 'Rencontres (visite d’entreprise) : personnes présentes et suites'],
  ] as const)('names the kind it is narrowed to (%s)', (kind, heading) => {
    expect(encounterOutcomesListView(REPORT, kind).heading).toBe(heading);
  });

  it('gives no percentage when nobody came', () => {
    expect(encounterOutcomesListView({ ...REPORT, present: 0, positive: 0, rate: 0, people: [] }, null).summary).toBe('0 sur 0 avec une suite positive');
  });
});

describe('encounterOutcomesPeriod', () => {
  it.each([
    [{ from: '2027-05-01', to: '2027-05-31' }, { from: '2027-05-01', to: '2027-05-31' }],
    [{ from: '2027-02-30', to: '2027-05-31' }, null],
    [{ from: '2027-05-01' }, null],
    [{ from: 'hier', to: '2027-05-31' }, null],
  ])('%p', (values, expected) => {
    expect(encounterOutcomesPeriod(values)).toEqual(expected);
  });

  it('builds the list link', () => {
    expect(encounterOutcomesHref({ from: '2027-05-01', to: '2027-05-31' }, 'forum')).toBe('/tableau-de-bord/rencontres?from=2027-05-01&to=2027-05-31&kind=forum');
  });
});
