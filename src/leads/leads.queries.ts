import { EntityManager } from 'typeorm';
import { Candidate, WantedJob } from '../candidates/candidate.entity';
import { PageQuery } from '../common/pagination';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { LeadFilterDto, OPEN_LEAD_STATUSES } from './dto/lead.dto';
import { JobLead } from './job-lead.entity';

/** The job leads' SQL (lists, versioned writes, matching): each question takes the structure (or actor) explicitly. */

/**
 * A page of the actor's structure's leads matching the filter, newest spotted first (oldest first
 * for the overdue ones: open, nothing proposed, spotted before `overdue.cutoff` in its time zone).
 */
export async function leadPage(
  leads: ScopedRepository<JobLead>,
  actor: Actor,
  filter: LeadFilterDto,
  overdue: { cutoff: string; timeZone: string } | null,
  page: PageQuery,
): Promise<[JobLead[], number]> {
  const query = leads.query(actor, 'l');
  if (filter.status?.length) query.andWhere('l.status IN (:...statuses)', { statuses: filter.status });
  if (filter.companyId) query.andWhere('l.company_id = :companyId', { companyId: filter.companyId });
  if (filter.ownerId) {
    query.andWhere('l.owner_id = :ownerId', { ownerId: filter.ownerId === 'me' ? actor.userId : filter.ownerId });
  }
  if (overdue) {
    query
      .andWhere('l.status IN (:...open)', { open: OPEN_LEAD_STATUSES })
      .andWhere('l.first_proposed_at IS NULL')
      .andWhere(`(l.spotted_at AT TIME ZONE :tz)::date < :cutoff::date`, { tz: overdue.timeZone, cutoff: overdue.cutoff });
  }
  return query
    .orderBy('l.spotted_at', filter.overdue ? 'ASC' : 'DESC')
    .addOrderBy('l.id', 'ASC')
    .offset(page.offset)
    .limit(page.limit)
    .getManyAndCount();
}

/** The actor's structure's open leads. */
export async function openLeads(leads: ScopedRepository<JobLead>, actor: Actor): Promise<JobLead[]> {
  return leads.query(actor, 'l').andWhere('l.status IN (:...open)', { open: OPEN_LEAD_STATUSES }).getMany();
}

/** The id and name of each company given (of the actor's structure). */
export async function companyNamesOf(companies: ScopedRepository<Company>, actor: Actor, companyIds: string[]): Promise<Company[]> {
  return companies
    .query(actor, 'c')
    .select(['c.id', 'c.name'])
    .andWhere('c.id IN (:...ids)', { ids: [...new Set(companyIds)] })
    .getMany();
}

/** What scoring reads of a candidate, as the database gives it. */
export interface CandidateRow {
  id: string;
  first_name: string;
  last_name: string;
  wanted_jobs: WantedJob[] | null;
  strengths: string[] | null;
  skills: string[] | null;
  driving_licence: boolean;
  has_vehicle: boolean;
  home_commune: string | null;
  reachable_communes: string[] | null;
  mobility_radius_km: number | null;
  hours_per_week: number | null;
  shifts: string[] | null;
  available_from: string | null;
  status: Candidate['status'];
  in_placement: boolean;
}

/**
 * One query, no entity hydration (thousands of rows per request): only the columns scoring needs,
 * and whether the person is already in a planned or started placement. One candidate when `id` is given.
 */
export async function candidateRowsForMatching(manager: EntityManager, structureId: string, id?: string): Promise<CandidateRow[]> {
  return (await manager.query(
    `SELECT c.id, c.first_name, c.last_name, c.wanted_jobs, c.strengths, c.skills, c.driving_licence, c.has_vehicle,
              c.home_commune, c.reachable_communes, c.mobility_radius_km, c.hours_per_week, c.shifts,
              to_char(c.available_from, 'YYYY-MM-DD') AS available_from, c.status,
              EXISTS (SELECT 1 FROM placement p WHERE p.candidate_id = c.id AND p.status IN ('planned', 'started')) AS in_placement
         FROM candidate c
        WHERE c.structure_id = $1 ${id ? 'AND c.id = $2' : ''}`,
    id ? [structureId, id] : [structureId],
  )) as CandidateRow[];
}
