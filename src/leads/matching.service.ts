import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Candidate, WantedJob } from '../candidates/candidate.entity';
import { Company } from '../companies/company.entity';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { communeDistanceKm } from './communes';
import { JobLead, LeadStatus } from './job-lead.entity';
import { LeadsService } from './leads.service';
import { candidateRowsForMatching, companyNamesOf, openLeads } from './leads.queries';
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

/** The columns matching reads: constraints and notes are never loaded here. */
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
    if (!candidate) await new ScopedRepository(this.dataSource.getRepository(Candidate), 'candidate').get(actor, candidateId);
    const leads = await openLeads(new ScopedRepository(this.dataSource.getRepository(JobLead), 'lead'), actor);
    const companies = leads.length
      ? await companyNamesOf(
          new ScopedRepository(this.dataSource.getRepository(Company), 'company'),
          actor,
          leads.map((lead) => lead.companyId),
        )
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
      await new ScopedRepository(manager.getRepository(Candidate), 'candidate').get(actor, candidateId);
    }
    return scoreCandidate(lead, candidate, options);
  }

  /**
   * One query, no entity hydration (thousands of rows per request): only the columns scoring needs,
   * and whether the person is already in a planned or started placement.
   */
  private async candidates(actor: Actor, id?: string, manager: EntityManager = this.dataSource.manager): Promise<CandidateForMatching[]> {
    const rows = await candidateRowsForMatching(manager, actor.structureId, id);
    return rows.map((row) => ({
      id: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      wantedJobs: row.wanted_jobs ?? [],
      strengths: row.strengths ?? [],
      skills: row.skills ?? [],
      drivingLicence: row.driving_licence,
      hasVehicle: row.has_vehicle,
      homeCommune: row.home_commune,
      reachableCommunes: row.reachable_communes ?? [],
      mobilityRadiusKm: row.mobility_radius_km,
      hoursPerWeek: row.hours_per_week,
      shifts: (row.shifts ?? []) as CandidateForMatching['shifts'],
      availableFrom: row.available_from,
      status: row.status,
      inPlacement: row.in_placement,
    }));
  }
}
