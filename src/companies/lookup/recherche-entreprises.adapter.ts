import { Logger } from '@nestjs/common';
import {
  CompanyDirectory,
  DirectoryEstablishment,
  DirectoryQuery,
  DirectorySearch,
  DirectoryUnavailable,
} from './company-directory';
import { ApiSearchAnswer, establishmentsOf } from './recherche-entreprises.mapping';
import { LRUCache } from 'lru-cache';
import { RequestPacer } from './request-pacer';

export interface RechercheEntreprisesOptions {
  /** https://recherche-entreprises.api.gouv.fr, or the local recorded server. */
  url: string;
  /** The whole exchange, waiting for a turn included. */
  timeoutMs?: number;
  /** The API allows about 7 requests a second per client; one process keeps under it. */
  perSecond?: number;
  cacheTtlMs?: number;
  perPage?: number;
}

/**
 * The production CompanyDirectory: `GET {url}/search` of « Recherche d'entreprises » (public, no
 * key). Paced under the API's rate limit, answered within 2 s or called unavailable, and cached a
 * few minutes in the process (people type the same name again; a refresh follows a look-up).
 * Logs the HTTP status only, never the query: a name typed may be a person's (sole traders).
 */
export class RechercheEntreprisesDirectory implements CompanyDirectory {
  private readonly logger = new Logger(RechercheEntreprisesDirectory.name);
  private readonly timeoutMs: number;
  private readonly perPage: number;
  private readonly pacer: RequestPacer;
  private readonly cache: LRUCache<string, DirectorySearch>;

  constructor(private readonly options: RechercheEntreprisesOptions) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.perPage = options.perPage ?? 10;
    this.pacer = new RequestPacer(options.perSecond ?? 5, this.timeoutMs / 2);
    this.cache = new LRUCache({ max: 500, ttl: options.cacheTtlMs ?? 5 * 60_000 });
  }

  search(query: DirectoryQuery): Promise<DirectorySearch> {
    const params = new URLSearchParams({ q: query.q.trim(), page: '1', per_page: String(this.perPage) });
    if (query.postcode) params.set('code_postal', query.postcode);
    else if (query.commune) params.set('q', `${query.q.trim()} ${query.commune.trim()}`);
    return this.fetchSearch(params);
  }

  async establishment(siret: string): Promise<DirectoryEstablishment | null> {
    const found = await this.fetchSearch(new URLSearchParams({ q: siret, page: '1', per_page: '1' }));
    return found.establishments.find((establishment) => establishment.siret === siret) ?? null;
  }

  private async fetchSearch(params: URLSearchParams): Promise<DirectorySearch> {
    const key = params.toString();
    const cached = this.cache.get(key);
    if (cached) return cached;
    const started = performance.now();
    const waited = await this.pacer.turn();
    if (waited === false) {
      this.logger.warn('company directory not asked: too many look-ups at once');
      throw new DirectoryUnavailable('too many look-ups at once');
    }
    const signal = AbortSignal.timeout(Math.max(1, Math.round(this.timeoutMs - (performance.now() - started))));
    let status: number;
    let body: string;
    try {
      const response = await fetch(`${this.options.url}/search?${key}`, { headers: { accept: 'application/json' }, signal });
      status = response.status;
      body = await response.text();
    } catch {
      const reason = signal.aborted ? `no answer within ${this.timeoutMs} ms` : 'network error';
      this.logger.warn(`company directory unavailable: ${reason}`);
      throw new DirectoryUnavailable(reason);
    }
    if (status < 200 || status >= 300) {
      this.logger.warn(`company directory unavailable: HTTP ${status}`);
      throw new DirectoryUnavailable('refused', status);
    }
    let answer: ApiSearchAnswer;
    try {
      answer = JSON.parse(body) as ApiSearchAnswer;
    } catch {
      this.logger.warn('company directory unavailable: an answer that is not JSON');
      throw new DirectoryUnavailable('not JSON', status);
    }
    const found = establishmentsOf(answer);
    this.cache.set(key, found);
    return found;
  }
}

/** The directory when COMPANY_DIRECTORY_URL is not set: every question is answered « unavailable ». */
export class DisabledCompanyDirectory implements CompanyDirectory {
  search(): Promise<DirectorySearch> {
    return Promise.reject(new DirectoryUnavailable('off'));
  }

  establishment(): Promise<DirectoryEstablishment | null> {
    return Promise.reject(new DirectoryUnavailable('off'));
  }
}
