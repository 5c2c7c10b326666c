import { EntityManager } from 'typeorm';
import { addCalendarDays, calendarDayIn } from '../common/calendar/working-days';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { Encounter, EncounterCompany, EncounterKind, EncounterOutcome, EncounterParticipant, AttendanceStatus } from '../encounters/encounter.entity';

const TIME_ZONE = 'Europe/Paris';

interface DemoEncounter {
  kind: EncounterKind;
  title: string;
  /** Days from today (negative: held already). */
  inDays: number;
  start: [number, number];
  end: [number, number];
  host: string;
  place?: string;
  capacity?: number;
  description: string;
  /** Candidates by last name, with how it went for those who came. */
  people: Array<{ lastName: string; status: AttendanceStatus; outcome?: EncounterOutcome; outcomeAfterDays?: number }>;
}

/** Three encounters: one held with its attendance and outcomes, two to come. */
const ENCOUNTERS: DemoEncounter[] = [
  {
    kind: 'job_dating',
    title: 'Job dating logistique',
    inDays: -12,
    start: [9, 30],
    end: [12, 0],
    host: 'Logistique des Flandres',
    capacity: 12,
    description: 'Café, visite de l’entrepôt puis entretiens de dix minutes avec les chefs d’équipe.',
    people: [
      { lastName: 'Bouzid', status: 'present', outcome: 'pmsmp', outcomeAfterDays: 6 },
      { lastName: 'Marchand', status: 'present', outcome: 'interview', outcomeAfterDays: 3 },
      { lastName: 'Diop', status: 'absent' },
    ],
  },
  {
    kind: 'company_visit',
    title: 'Visite de l’EHPAD Les Tilleuls',
    inDays: 3,
    start: [14, 0],
    end: [15, 30],
    host: 'EHPAD Les Tilleuls',
    capacity: 6,
    description: 'Découverte des métiers de l’hôtellerie en EHPAD avec la gouvernante.',
    people: [
      { lastName: 'Lamrani', status: 'confirmed' },
      { lastName: 'Diop', status: 'invited' },
    ],
  },
  {
    kind: 'info_session',
    title: 'Réunion d’information : les métiers de la propreté',
    inDays: 8,
    start: [10, 0],
    end: [11, 30],
    host: 'Propreté Nordique',
    place: 'Maison de l’emploi, 12 rue du Collège, Roubaix',
    description: 'Présentation des postes, des horaires et des formations, avec deux salariées de l’entreprise.',
    people: [{ lastName: 'Diop', status: 'invited' }],
  },
];

/** Demo encounters on the demo companies and candidates. Skipped when the structure has encounters. */
export async function seedDemoEncounters(
  manager: EntityManager,
  structureId: string,
  organiserId: string,
  now: Date,
  log: (line: string) => void,
): Promise<void> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM encounter WHERE structure_id = $1`, [structureId]);
  if (count > 0) return log(`  encounters already seeded (${count})`);
  const today = calendarDayIn(TIME_ZONE, now);
  for (const [index, demo] of ENCOUNTERS.entries()) {
    log(`  [${index + 1}/${ENCOUNTERS.length}] ${demo.title}`);
    const [host] = await manager.query(`SELECT id FROM company WHERE structure_id = $1 AND name = $2 LIMIT 1`, [structureId, demo.host]);
    if (!host) continue;
    const day = addCalendarDays(today, demo.inDays);
    const startsAt = wallTimeToInstant(TIME_ZONE, day, ...demo.start);
    const encounter = await manager.getRepository(Encounter).save(
      manager.getRepository(Encounter).create({
        structureId,
        kind: demo.kind,
        title: demo.title,
        startsAt,
        endsAt: wallTimeToInstant(TIME_ZONE, day, ...demo.end),
        place: demo.place ?? null,
        hostCompanyId: host.id,
        capacity: demo.capacity ?? null,
        organiserId,
        description: demo.description,
        status: 'planned',
        // Invitations were "sent" before the demo began: nothing is e-mailed for them.
        sequence: 0,
        attendanceMarkedAt: demo.inDays < 0 ? new Date(startsAt.getTime() + 3 * 3_600_000) : null,
        createdBy: organiserId,
        createdAt: new Date(startsAt.getTime() - 20 * 86_400_000),
      }),
    );
    await manager.getRepository(EncounterCompany).insert({ encounterId: encounter.id, companyId: host.id, structureId });
    for (const person of demo.people) {
      const [candidate] = await manager.query(`SELECT id FROM candidate WHERE structure_id = $1 AND last_name = $2 LIMIT 1`, [structureId, person.lastName]);
      if (!candidate) continue;
      await manager.getRepository(EncounterParticipant).insert({
        structureId,
        encounterId: encounter.id,
        party: 'candidate',
        candidateId: candidate.id,
        status: person.status,
        invitedSequence: 0,
        outcome: person.outcome ?? null,
        outcomeOn: person.outcome ? addCalendarDays(day, person.outcomeAfterDays ?? 0) : null,
      });
    }
  }
}
