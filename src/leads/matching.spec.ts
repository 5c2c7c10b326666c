import { leadTiming, canMoveLead } from './lead-rules';
import { CandidateForMatching, LeadForMatching, normalizeCommune, rankMatches, scoreCandidate } from './matching';

const lead = (extra: Partial<LeadForMatching> = {}): LeadForMatching => ({
  jobTitle: 'Préparateur de commandes',
  romeCode: 'N1103',
  hoursPerWeek: 35,
  shiftPattern: 'day',
  startDate: '2027-01-04',
  workCommune: 'Lille',
  requiresLicence: false,
  requiresVehicle: false,
  requirements: [],
  ...extra,
});

const candidate = (extra: Partial<CandidateForMatching> = {}): CandidateForMatching => ({
  id: '00000000-0000-0000-0000-000000000001',
  firstName: 'Awa',
  lastName: 'Diallo',
  wantedJobs: [],
  strengths: [],
  skills: [],
  drivingLicence: false,
  hasVehicle: false,
  homeCommune: null,
  reachableCommunes: [],
  mobilityRadiusKm: null,
  hoursPerWeek: null,
  shifts: ['day'],
  availableFrom: null,
  status: 'on_path',
  ...extra,
});

// Lille ↔ Roubaix ≈ 12 km; anything else unknown.
const distanceKm = (a: string, b: string) =>
  [normalizeCommune(a), normalizeCommune(b)].sort().join('|') === 'LILLE|ROUBAIX' ? 12 : null;

describe('scoreCandidate', () => {
  const cases: Array<{
    name: string;
    lead?: Partial<LeadForMatching>;
    candidate: Partial<CandidateForMatching>;
    reasons?: string[];
    conflicts?: string[];
    score?: number;
  }> = [
    { name: 'same ROME code', candidate: { wantedJobs: [{ label: 'magasinier', romeCode: 'N1103' }] }, reasons: ['Souhaite ce métier (N1103)'], score: 50 },
    {
      name: 'same ROME family',
      candidate: { wantedJobs: [{ label: 'cariste', romeCode: 'N1101' }] },
      reasons: ['Souhaite un métier proche : cariste (N1101)'],
      score: 35,
    },
    {
      name: 'own words, accents and gender ignored',
      candidate: { wantedJobs: [{ label: 'preparatrice commandes' }] },
      reasons: ['Souhaite « preparatrice commandes », en ses propres mots'],
      score: 30,
    },
    { name: 'no wanted job: no prerequisite, still a match', candidate: { wantedJobs: [{ label: 'cuisinier' }] }, conflicts: [], score: 10 },
    { name: 'accepts the 3x8', lead: { shiftPattern: '3x8' }, candidate: { shifts: ['day', '3x8'] }, reasons: ['Accepte le 3x8'] },
    { name: 'refuses the night shift', lead: { shiftPattern: 'night' }, candidate: { shifts: ['day'] }, conflicts: ['N’accepte pas le rythme du poste (Nuit)'] },
    {
      name: 'licence and vehicle required and present',
      lead: { requiresLicence: true, requiresVehicle: true },
      candidate: { drivingLicence: true, hasVehicle: true },
      reasons: ['A le permis et une voiture'],
    },
    { name: 'licence required, missing', lead: { requiresLicence: true }, candidate: {}, conflicts: ['Le permis est exigé et la personne ne l’a pas'] },
    { name: 'vehicle required, missing', lead: { requiresVehicle: true }, candidate: { drivingLicence: true }, conflicts: ['Un véhicule est exigé et la personne n’en a pas'] },
    { name: 'hours within availability', candidate: { hoursPerWeek: 35 }, reasons: ['Disponible 35 h par semaine (poste : 35 h)'] },
    { name: 'hours slightly above: to discuss, not excluded', candidate: { hoursPerWeek: 32 }, reasons: ['Poste à 35 h pour 32 h souhaitées : à discuter'], conflicts: [] },
    { name: 'hours far above availability', candidate: { hoursPerWeek: 24 }, conflicts: ['Le poste demande 35 h par semaine, la personne est disponible 24 h'] },
    { name: 'available before the start', candidate: { availableFrom: '2026-12-01' }, reasons: ['Disponible avant le 04/01/2027'] },
    { name: 'available too late', candidate: { availableFrom: '2027-02-01' }, conflicts: ['Disponible seulement à partir du 01/02/2027 (début souhaité le 04/01/2027)'] },
    { name: 'lives in the town', candidate: { homeCommune: 'LILLE' }, reasons: ['Habite à LILLE, lieu du poste'] },
    { name: 'can reach the town', candidate: { homeCommune: 'Roubaix', reachableCommunes: ['lille'] }, reasons: ['Peut se rendre à Lille'] },
    { name: 'within the radius', candidate: { homeCommune: 'Roubaix', mobilityRadiusKm: 15 }, reasons: ['Lille à 12 km de Roubaix, dans son rayon de 15 km'] },
    { name: 'outside the radius', candidate: { homeCommune: 'Roubaix', mobilityRadiusKm: 5 }, conflicts: ['Lille à 12 km de Roubaix, hors de son rayon de 5 km'] },
    { name: 'mobility unknown: no conflict', candidate: { homeCommune: 'Roubaix' }, conflicts: [] },
    { name: 'exited', candidate: { status: 'exited' }, conflicts: ['A quitté la structure'] },
    { name: 'already placed', candidate: { inPlacement: true }, conflicts: ['Déjà en poste ou en immersion'] },
    { name: 'a skill echoing the job', candidate: { skills: ['Préparation de commandes au scanner'] }, reasons: ['Atout utile au poste : Préparation de commandes au scanner'] },
  ];

  it.each(cases)('$name', ({ lead: leadExtra, candidate: candidateExtra, reasons, conflicts, score }) => {
    const result = scoreCandidate(lead(leadExtra), candidate(candidateExtra), { distanceKm });
    for (const reason of reasons ?? []) expect(result.reasons).toContain(reason);
    if (conflicts) {
      expect(result.conflicts).toEqual(conflicts);
    }
    if (score !== undefined) expect(result.score).toBe(score);
  });

  it('is deterministic and ranks by score, then last name (accents ignored), then id', () => {
    const people = [
      candidate({ id: 'c', lastName: 'Zola', wantedJobs: [{ label: 'x', romeCode: 'N1103' }] }),
      candidate({ id: 'b', lastName: 'Émile' }),
      candidate({ id: 'a', lastName: 'Emile' }),
      candidate({ id: 'd', lastName: 'Dupont' }),
    ];
    const ranked = rankMatches(
      people.map((item) => ({ item, result: scoreCandidate(lead(), item) })),
      (item) => item,
    );
    expect(ranked.map((entry) => entry.item.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});

describe('lead rules', () => {
  it.each([
    ['spotted', 'qualified', true],
    ['spotted', 'candidate_proposed', false],
    ['candidate_proposed', 'interview', true],
    ['interview', 'filled', true],
    ['filled', 'abandoned', false],
    ['filled', 'spotted', false],
    ['abandoned', 'spotted', true],
    ['abandoned', 'qualified', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMoveLead(from, to)).toBe(allowed);
  });

  it('counts the target in calendar days in Paris', () => {
    // Spotted Friday 27 November 2026 at 23:30 in Paris (22:30 UTC); target 7 days → due Friday 4 December.
    const spottedAt = new Date('2026-11-27T22:30:00Z');
    const open = leadTiming({ spottedAt, firstProposedAt: null, status: 'spotted' }, 7, '2026-12-04', 'Europe/Paris');
    expect(open).toEqual({ proposalDueBy: '2026-12-04', daysToFirstProposal: null, overdue: false, late: false });
    expect(leadTiming({ spottedAt, firstProposedAt: null, status: 'spotted' }, 7, '2026-12-05', 'Europe/Paris').overdue).toBe(true);
    expect(leadTiming({ spottedAt, firstProposedAt: null, status: 'abandoned' }, 7, '2026-12-05', 'Europe/Paris').overdue).toBe(false);
    const late = leadTiming({ spottedAt, firstProposedAt: new Date('2026-12-06T10:00:00Z'), status: 'candidate_proposed' }, 7, '2026-12-10', 'Europe/Paris');
    expect(late).toEqual({ proposalDueBy: '2026-12-04', daysToFirstProposal: 9, overdue: false, late: true });
  });
});
