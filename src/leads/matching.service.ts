import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Candidate, WantedJob } from '../candidates/candidate.entity';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { communeDistanceKm } from './communes';
import { OPEN_LEAD_STATUSES } from './dto/lead.dto';
import { JobLead, LeadStatus } from './job-lead.entity';
import { LeadsService } from './leads.service';
import { CandidateForMatching, MatchResult, rankMatches, scoreCandidate } from './matching';

/** What a match shows of a candidate: never their constraints nor notes. */
export interface CandidateSummary {
  id: string;
  firstName: string;
  lastName: string;
  wantedJobs: WantedJob[];
  strengths: string[];
  skills: string[];
}

export interface LeadSummary {
  id: string;
  companyId: string;
  companyName: string | null;
  jobTitle: string;
  romeCode: string | null;
  contractType: string;
  workCommune: string | null;
  status: LeadStatus;
}

export interface LeadMatches {
  matches: Array<{ candidate: CandidateSummary; score: number; reasons: string[] }>;
  excluded: Array<{ candidate: CandidateSummary; conflicts: string[] }>;
  totalMatches: number;
  totalExcluded: number;
}

export interface CandidateMatches {
  matches: Array<{ lead: LeadSummary; score: number; reasons: string[] }>;
  excluded: Array<{ lead: LeadSummary; conflicts: string[] }>;
  totalMatches: number;
  totalExcluded: number;
}

/** Only the columns matching reads: constraints and notes are never loaded here. */
const CANDIDATE_COLUMNS: Array<keyof Candidate> = [
  'id',
  'structureId',
  'firstName',
  'lastName',
  'wantedJobs',
  'strengths',
  'skills',
  'drivingLicence',
  'hasVehicle',
  'homeCommune',
  'reachableCommunes',
  'mobilityRadiusKm',
  'hoursPerWeek',
  'shifts',
  'availableFrom',
  'status',
];

const options = { distanceKm: communeDistanceKm };

function summary(candidate: CandidateForMatching): CandidateSummary {
  const { id, firstName, lastName, wantedJobs, strengths, skills } = candidate;
  return { id, firstName, lastName, wantedJobs, strengths, skills };
}

/**
 * Matching in memory: the structure's candidates (or open leads) are loaded once with only the
 * columns scoring needs, then scored by the pure `scoreCandidate`; no query per candidate.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leads: LeadsService,
  ) {}

  async matchesForLead(actor: Actor, leadId: string, limit: number): Promise<LeadMatches> {
    const lead = await this.leads.entity(actor, leadId);
    const candidates = await this.candidates(actor);
    const ranked = rankMatches(
      candidates.map((candidate) => ({ item: candidate, result: scoreCandidate(lead, candidate, options) })),
      (candidate) => candidate,
    );
    const fit = ranked.filter((entry) => !entry.result.conflicts.length);
    const excluded = ranked.filter((entry) => entry.result.conflicts.length);
    return {
      matches: fit.slice(0, limit).map(({ item, result }) => ({ candidate: summary(item), score: result.score, reasons: result.reasons })),
      excluded: excluded.slice(0, limit).map(({ item, result }) => ({ candidate: summary(item), conflicts: result.conflicts })),
      totalMatches: fit.length,
      totalExcluded: excluded.length,
    };
  }

  async leadsForCandidate(actor: Actor, candidateId: string, limit: number): Promise<CandidateMatches> {
    const [candidate] = await this.candidates(actor, candidateId);
    if (!candidate) await new ScopedRepository(this.dataSource.getRepository(Candidate), 'Candidate').get(actor, candidateId);
    const leads = await new ScopedRepository(this.dataSource.getRepository(JobLead), 'Lead')
      .query(actor, 'l')
      .andWhere('l.status IN (:...open)', { open: OPEN_LEAD_STATUSES })
      .getMany();
    const companies = leads.length
      ? await new ScopedRepository(this.dataSource.getRepository(Company), 'Company')
          .query(actor, 'c')
          .select(['c.id', 'c.name'])
          .andWhere('c.id IN (:...ids)', { ids: [...new Set(leads.map((lead) => lead.companyId))] })
          .getMany()
      : [];
    const names = new Map(companies.map((company) => [company.id, company.name]));
    const entries = leads.map((lead) => ({ item: lead, result: scoreCandidate(lead, candidate, options) }));
    // Same score: the oldest need first (it waits the longest), then by id.
    const ranked = [...entries].sort(
      (a, b) =>
        b.result.score - a.result.score ||
        a.item.spottedAt.getTime() - b.item.spottedAt.getTime() ||
        (a.item.id < b.item.id ? -1 : 1),
    );
    const leadSummary = (lead: JobLead): LeadSummary => ({
      id: lead.id,
      companyId: lead.companyId,
      companyName: names.get(lead.companyId) ?? null,
      jobTitle: lead.jobTitle,
      romeCode: lead.romeCode,
      contractType: lead.contractType,
      workCommune: lead.workCommune,
      status: lead.status,
    });
    // The person's own situation (exited, already placed) concerns every lead alike: it stays a conflict.
    const fit = ranked.filter((entry) => !entry.result.conflicts.length);
    const excluded = ranked.filter((entry) => entry.result.conflicts.length);
    return {
      matches: fit.slice(0, limit).map(({ item, result }) => ({ lead: leadSummary(item), score: result.score, reasons: result.reasons })),
      excluded: excluded.slice(0, limit).map(({ item, result }) => ({ lead: leadSummary(item), conflicts: result.conflicts })),
      totalMatches: fit.length,
      totalExcluded: excluded.length,
    };
  }

  /** Scores one candidate (404 for another structure's) for a lead, inside the caller's transaction. */
  async score(actor: Actor, lead: JobLead, candidateId: string, manager: EntityManager): Promise<MatchResult> {
    const [candidate] = await this.candidates(actor, candidateId, manager);
    if (!candidate) {
      await new ScopedRepository(manager.getRepository(Candidate), 'Candidate').get(actor, candidateId);
    }
    return scoreCandidate(lead, candidate, options);
  }

  private async candidates(actor: Actor, id?: string, manager: EntityManager = this.dataSource.manager): Promise<CandidateForMatching[]> {
    const query = new ScopedRepository(manager.getRepository(Candidate), 'Candidate')
      .query(actor, 'c')
      .select(CANDIDATE_COLUMNS.map((column) => `c.${column}`));
    if (id) query.andWhere('c.id = :id', { id });
    const rows = await query.getMany();
    if (!rows.length) return [];
    const placedQuery = manager
      .createQueryBuilder()
      .select('DISTINCT p.candidate_id', 'candidate_id')
      .from('placement', 'p')
      .where('p.structure_id = :structureId', { structureId: actor.structureId })
      .andWhere(`p.status IN ('planned', 'started')`);
    if (id) placedQuery.andWhere('p.candidate_id = :id', { id });
    const placed = new Set((await placedQuery.getRawMany<{ candidate_id: string }>()).map((row) => row.candidate_id));
    return rows.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      wantedJobs: row.wantedJobs ?? [],
      strengths: row.strengths ?? [],
      skills: row.skills ?? [],
      drivingLicence: row.drivingLicence,
      hasVehicle: row.hasVehicle,
      homeCommune: row.homeCommune,
      reachableCommunes: row.reachableCommunes ?? [],
      mobilityRadiusKm: row.mobilityRadiusKm,
      hoursPerWeek: row.hoursPerWeek,
      shifts: row.shifts ?? [],
      availableFrom: row.availableFrom,
      status: row.status,
      inPlacement: placed.has(row.id),
    }));
  }
}
