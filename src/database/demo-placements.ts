import { EntityManager } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { Company } from '../companies/company.entity';
import { JobLead, LeadStatus } from '../leads/job-lead.entity';
import { Proposal, ProposalOutcome } from '../leads/proposal.entity';
import { ContractType, ShiftPattern } from '../placements/contract-types';
import { Placement } from '../placements/placement.entity';
import { addCalendarDays, addMonths, calendarDayIn } from '../common/calendar/working-days';

const DAY = 86_400_000;

type DemoCandidate = Pick<Candidate, 'firstName' | 'lastName' | 'referrer' | 'wantedJobs' | 'strengths' | 'skills' | 'shifts'> &
  Partial<Candidate>;

/** People on a path, described by their strengths; their constraints are what staff need to know, privately. */
const CANDIDATES: DemoCandidate[] = [
  { firstName: 'Samia', lastName: 'Bouzid', referrer: 'france_travail', referrerName: 'M. Lenoir', wantedJobs: [{ label: 'préparatrice de commandes', romeCode: 'N1103' }], strengths: ['ponctuelle', 'aime le travail en équipe'], skills: ['CACES 1', 'lecture de bons de commande'], shifts: ['day', '2x8'], drivingLicence: true, hasVehicle: false, homeCommune: 'Roubaix', mobilityRadiusKm: 25, hoursPerWeek: 35, constraints: { childcare: 'Deux enfants, garde possible jusqu’à 19 h' } },
  { firstName: 'Kevin', lastName: 'Marchand', referrer: 'mission_locale', referrerName: 'Mme Duez', wantedJobs: [{ label: 'cariste', romeCode: 'N1101' }], strengths: ['motivé par le travail physique', 'fiable'], skills: ['CACES 3 en cours'], shifts: ['day', '2x8', '3x8'], drivingLicence: true, hasVehicle: true, homeCommune: 'Seclin', mobilityRadiusKm: 25, hoursPerWeek: 35 },
  { firstName: 'Fatou', lastName: 'Diop', referrer: 'departement_rsa', wantedJobs: [{ label: 'agente d’entretien', romeCode: 'K2204' }], strengths: ['minutieuse', 'autonome'], skills: ['nettoyage de bureaux', 'autolaveuse'], shifts: ['day', 'weekend'], homeCommune: 'Tourcoing', mobilityRadiusKm: 10, hoursPerWeek: 26, constraints: { mobility: 'Pas de véhicule ; bus et tramway' } },
  { firstName: 'Julien', lastName: 'Vasseur', email: 'julien.vasseur@exemple.fr', referrer: 'plie', wantedJobs: [{ label: 'employé de rayon', romeCode: 'D1507' }], strengths: ['bon contact avec la clientèle', 'régulier'], skills: ['mise en rayon', 'inventaires'], shifts: ['day'], homeCommune: 'Villeneuve-d’Ascq', mobilityRadiusKm: 12, hoursPerWeek: 35 },
  { firstName: 'Nadia', lastName: 'Lamrani', email: 'nadia.lamrani@exemple.fr', referrer: 'cap_emploi', wantedJobs: [{ label: 'agente de service en EHPAD', romeCode: 'J1301' }], strengths: ['patiente', 'à l’écoute des personnes âgées'], skills: ['service des repas', 'bionettoyage'], shifts: ['day', 'weekend'], homeCommune: 'Marcq-en-Barœul', mobilityRadiusKm: 8, hoursPerWeek: 28, constraints: { health: 'Éviter le port de charges lourdes' } },
];

interface DemoLead {
  company: string;
  jobTitle: string;
  romeCode: string;
  contractType: ContractType;
  shift: ShiftPattern;
  hours: number;
  status: LeadStatus;
  spottedDaysAgo: number;
  requirements: string[];
  adaptations: string[];
  requiresLicence?: boolean;
  /** Index in CANDIDATES of the person proposed, and how it went. */
  proposal?: { candidate: number; outcome: ProposalOutcome; daysAfter: number };
  /** A placement that followed the hire: started this many days ago, for these months (null: CDI). */
  placement?: { startedDaysAgo: number; months: number | null };
}

/** Needs the demo companies revealed at their meetings, mostly never published. */
const LEADS: DemoLead[] = [
  { company: 'Logistique des Flandres', jobTitle: 'Préparateur·rice de commandes', romeCode: 'N1103', contractType: 'cdd', shift: '2x8', hours: 35, status: 'spotted', spottedDaysAgo: 9, requirements: ['Accepter le travail en 2x8'], adaptations: ['Formation au poste la première semaine', 'Tuteur désigné'] },
  { company: 'Entrepôt Lesquin Distribution', jobTitle: 'Cariste', romeCode: 'N1101', contractType: 'interim', shift: '3x8', hours: 35, status: 'qualified', spottedDaysAgo: 3, requirements: ['CACES 3 (peut être passé en cours de contrat)'], adaptations: ['Démarrage en journée pendant deux semaines'], requiresLicence: true },
  { company: 'Propreté Nordique', jobTitle: 'Agent·e de nettoyage', romeCode: 'K2204', contractType: 'cdd', shift: 'day', hours: 26, status: 'candidate_proposed', spottedDaysAgo: 12, requirements: [], adaptations: ['Horaires regroupés le matin'], proposal: { candidate: 2, outcome: 'interview', daysAfter: 4 } },
  { company: 'Supermarché de Flers', jobTitle: 'Employé·e libre-service', romeCode: 'D1507', contractType: 'cdd', shift: 'day', hours: 35, status: 'filled', spottedDaysAgo: 40, requirements: [], adaptations: ['Pas de caisse les premiers mois'], proposal: { candidate: 3, outcome: 'hired', daysAfter: 2 }, placement: { startedDaysAgo: 20, months: 6 } },
  { company: 'EHPAD Les Tilleuls', jobTitle: 'Agent·e de service hospitalier', romeCode: 'J1301', contractType: 'cdi', shift: 'day', hours: 28, status: 'filled', spottedDaysAgo: 70, requirements: [], adaptations: ['Pas de port de charges lourdes'], proposal: { candidate: 4, outcome: 'hired', daysAfter: 5 }, placement: { startedDaysAgo: 45, months: null } },
];

/** Demo candidates, leads, proposals and placements. Skipped when the structure has candidates. */
export async function seedDemoPlacements(
  manager: EntityManager,
  structureId: string,
  users: Record<'karim' | 'julie', string>,
  now: Date,
  log: (line: string) => void,
): Promise<void> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM candidate WHERE structure_id = $1`, [structureId]);
  if (count > 0) return log(`  candidates already seeded (${count})`);
  const today = calendarDayIn('Europe/Paris', now);
  const candidates = await manager.getRepository(Candidate).save(
    CANDIDATES.map((candidate, index) =>
      manager.getRepository(Candidate).create({
        ...candidate,
        structureId,
        entryDate: addCalendarDays(today, -120 + index * 10),
        structureContractType: 'CDDI',
        structureContractEnd: addMonths(today, 6),
        ownerId: index % 2 ? users.julie : users.karim,
      }),
    ),
  );
  log(`  ${candidates.length} candidates`);
  for (const demo of LEADS) {
    const company = await manager.getRepository(Company).findOneByOrFail({ structureId, name: demo.company });
    const spottedAt = new Date(now.getTime() - demo.spottedDaysAgo * DAY);
    const lead = await manager.getRepository(JobLead).save(
      manager.getRepository(JobLead).create({
        structureId,
        companyId: company.id,
        jobTitle: demo.jobTitle,
        romeCode: demo.romeCode,
        contractType: demo.contractType,
        hoursPerWeek: demo.hours,
        shiftPattern: demo.shift,
        startDate: addCalendarDays(today, 14),
        workCommune: company.commune,
        requiresLicence: demo.requiresLicence ?? false,
        requirements: demo.requirements,
        adaptations: demo.adaptations,
        status: demo.status,
        spottedAt,
        firstProposedAt: demo.proposal ? new Date(spottedAt.getTime() + demo.proposal.daysAfter * DAY) : null,
        ownerId: company.ownerId,
      }),
    );
    log(`  lead: ${demo.jobTitle} (${demo.company})`);
    if (!demo.proposal) continue;
    const candidate = candidates[demo.proposal.candidate];
    const proposal = await manager.getRepository(Proposal).save(
      manager.getRepository(Proposal).create({
        structureId,
        leadId: lead.id,
        candidateId: candidate.id,
        proposedAt: lead.firstProposedAt!,
        proposedBy: company.ownerId,
        outcome: demo.proposal.outcome,
        outcomeAt: demo.proposal.outcome === 'pending' ? null : new Date(lead.firstProposedAt!.getTime() + 2 * DAY),
      }),
    );
    if (!demo.placement) continue;
    const startDate = addCalendarDays(today, -demo.placement.startedDaysAgo);
    await manager.getRepository(Placement).save(
      manager.getRepository(Placement).create({
        structureId,
        candidateId: candidate.id,
        companyId: company.id,
        leadId: lead.id,
        proposalId: proposal.id,
        kind: 'contract',
        contractType: demo.contractType,
        jobTitle: demo.jobTitle,
        startDate,
        plannedEndDate: demo.placement.months ? addCalendarDays(addMonths(startDate, demo.placement.months), -1) : null,
        hoursPerWeek: demo.hours,
        trialEndDate: addCalendarDays(startDate, demo.placement.months ? 14 : 60),
        status: 'started',
        ownerId: company.ownerId,
      }),
    );
    candidate.status = 'in_placement';
    await manager.getRepository(Candidate).save(candidate);
  }
}
