import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CandidatesService } from '../candidates/candidates.service';
import { CompaniesService } from '../companies/companies.service';
import { LEAD_STATUS_LABELS } from '../leads/job-lead.entity';
import { Actor } from '../tenancy/actor';
import { contactsMatching, leadsMatching } from './search.queries';

/** One result of the search: what it is, how it reads, and where it opens. */
export interface SearchHit {
  id: string;
  label: string;
  detail: string | null;
  href: string;
}

export interface SearchResults {
  q: string;
  companies: SearchHit[];
  contacts: SearchHit[];
  candidates: SearchHit[];
  leads: SearchHit[];
}

/** Fewer characters than this find nothing: one letter would list the whole structure. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
/** Results per group. */
export const SEARCH_GROUP_SIZE = 6;

/** The words of a search, at most six. */
export function searchWords(q: string): string[] {
  return q.trim().split(/\s+/).filter(Boolean).slice(0, 6);
}

/**
 * The search everywhere of the header: companies (name, commune, SIRET or postcode), contacts (name,
 * e-mail, phone), candidates (name) and job leads (title or company), each in the actor's structure,
 * a few of each. The company and candidate searches are their lists' own, so they match alike.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly companies: CompaniesService,
    private readonly candidates: CandidatesService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async search(actor: Actor, raw: string): Promise<SearchResults> {
    const q = raw.trim();
    if (q.length < SEARCH_MIN_LENGTH) return { q, companies: [], contacts: [], candidates: [], leads: [] };
    const words = searchWords(q);
    const page = { limit: SEARCH_GROUP_SIZE, offset: 0 };
    const [companies, candidates, contacts, leads] = await Promise.all([
      this.companies.list(actor, { q }, page),
      this.candidates.list(actor, { q: words.join(' ') }, page),
      contactsMatching(this.dataSource, actor.structureId, words, SEARCH_GROUP_SIZE),
      leadsMatching(this.dataSource, actor.structureId, words, SEARCH_GROUP_SIZE),
    ]);
    return {
      q,
      companies: companies.items.map((company) => ({
        id: company.id,
        label: company.name,
        detail: [company.commune, company.stageName].filter(Boolean).join(' · ') || null,
        href: `/entreprises/${company.id}`,
      })),
      contacts: contacts.map((contact) => ({
        id: contact.id,
        label: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
        detail: [contact.jobTitle, contact.companyName].filter(Boolean).join(' · '),
        href: `/entreprises/${contact.companyId}#contacts`,
      })),
      candidates: candidates.items.map((candidate) => ({
        id: candidate.id,
        label: `${candidate.firstName} ${candidate.lastName}`,
        detail: null,
        href: `/candidats/${candidate.id}`,
      })),
      leads: leads.map((lead) => ({
        id: lead.id,
        label: lead.jobTitle,
        detail: `${lead.companyName} · ${LEAD_STATUS_LABELS[lead.status as keyof typeof LEAD_STATUS_LABELS] ?? lead.status}`,
        href: `/pistes/${lead.id}`,
      })),
    };
  }
}
