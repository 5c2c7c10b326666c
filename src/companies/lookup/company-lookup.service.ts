import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { DIRECTORY } from '../../refusals/index';
import { frenchOf } from '../../refusals/french';
import { because, ConflictRefusal, UnprocessableRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { CompaniesService, derivedNames } from '../companies.service';
import { normalizeCompanyName } from '../company-name';
import { Company } from '../company.entity';
import { CompanyView } from '../dto/company-view.dto';
import { existingCompaniesMatching, ExistingCompany } from '../duplicates.queries';
import { nafLabel } from '../naf';
import { COMPANY_DIRECTORY, CompanyDirectory, DirectoryEstablishment, DirectoryQuery, DirectoryUnavailable } from './company-directory';
import { CompanyDirectorySettings } from './company-directory.module';
import { ExistingCompanyRef, LookupAnswer, LookupProposal } from './company-lookup.dto';

/** What a company would be called and where, to find it among the structure's companies. */
export interface CompanyIdentity {
  siret?: string | null;
  name?: string | null;
  postcode?: string | null;
}

/**
 * The company look-up: establishments of the public directory proposed while a company is typed,
 * each with the company of the structure it already is (same SIRET, or same normalised name and
 * postcode), and the refresh of a company's SIRET-identified fields from the directory. The
 * directory may be slow or absent: a look-up then answers « unavailable », a refresh is refused
 * with nothing written; neither ever fails the page.
 */
@Injectable()
export class CompanyLookupService {
  constructor(
    @Inject(COMPANY_DIRECTORY) private readonly directory: CompanyDirectory,
    private readonly settings: CompanyDirectorySettings,
    private readonly companies: CompaniesService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  async lookup(actor: Actor, query: DirectoryQuery): Promise<LookupAnswer> {
    if (!this.settings.enabled) return notAnswered('off');
    const siret = query.q.replace(/[\s.-]/g, '');
    try {
      const found = /^\d{14}$/.test(siret)
        ? await this.directory.establishment(siret).then((one) => ({ establishments: one ? [one] : [], total: one ? 1 : 0 }))
        : await this.directory.search(query);
      return { status: 'ok', code: null, message: null, total: found.total, proposals: await this.withExisting(actor, found.establishments) };
    } catch (error) {
      if (error instanceof DirectoryUnavailable) return notAnswered('unavailable');
      throw error;
    }
  }

  /** One establishment, by SIRET, as a proposal (to fill the form with); null when the directory knows none. */
  async proposal(actor: Actor, siret: string): Promise<LookupProposal | null | 'unavailable'> {
    if (!this.settings.enabled) return 'unavailable';
    try {
      const found = await this.directory.establishment(siret);
      return found ? (await this.withExisting(actor, [found]))[0] : null;
    } catch (error) {
      if (error instanceof DirectoryUnavailable) return 'unavailable';
      throw error;
    }
  }

  /** The structure's company that this one would duplicate: same SIRET first, else same normalised name and postcode. */
  async existing(actor: Actor, identity: CompanyIdentity): Promise<ExistingCompanyRef | null> {
    const key = identity.name?.trim() ? { dedupName: normalizeCompanyName(identity.name), postcode: identity.postcode || null } : null;
    const found = await existingCompaniesMatching(
      this.dataSource.manager,
      actor.structureId,
      identity.siret ? [identity.siret] : [],
      key && key.dedupName ? [key] : [],
    );
    return matchOf(found, identity.siret ?? null, key);
  }

  /**
   * Brings the company's NAF code, headcount band, address, postcode and commune up to what the
   * directory says of its SIRET, and whether the establishment is closed; an update in the audit
   * trail. The directory is asked before the transaction, so no connection waits on it.
   */
  async refresh(actor: Actor, id: string): Promise<CompanyView> {
    const before = await this.companies.entity(actor, id);
    if (!before.siret) {
      throw new UnprocessableRefusal(because(DIRECTORY.noSiret), 'the company has no SIRET to look up', 'siret');
    }
    if (!this.settings.enabled) throw new ConflictRefusal(because(DIRECTORY.off), 'the company directory is off (COMPANY_DIRECTORY_URL)');
    let found: DirectoryEstablishment | null;
    try {
      found = await this.directory.establishment(before.siret);
    } catch (error) {
      if (!(error instanceof DirectoryUnavailable)) throw error;
      throw new ConflictRefusal(because(DIRECTORY.unavailable), 'the company directory did not answer: nothing was changed');
    }
    if (!found) {
      throw new UnprocessableRefusal(
        because(DIRECTORY.siretUnknown, { siret: before.siret }),
        `siret: the directory knows no establishment ${before.siret}`,
        'siret',
      );
    }
    const establishment = found;
    await this.dataSource.transaction(async (manager) => {
      const company = await manager.getRepository(Company).findOneByOrFail({ id, structureId: actor.structureId });
      await this.companies.saveVersioned(manager, actor, company, refreshedFields(company, establishment, this.clock.now()));
    });
    return this.companies.get(actor, id);
  }

  private async withExisting(actor: Actor, establishments: DirectoryEstablishment[]): Promise<LookupProposal[]> {
    const keys = establishments.map((one) => ({ dedupName: normalizeCompanyName(one.name), postcode: one.postcode }));
    const found = await existingCompaniesMatching(
      this.dataSource.manager,
      actor.structureId,
      establishments.map((one) => one.siret),
      keys.filter((key) => key.dedupName !== ''),
    );
    return establishments.map((one, index) => ({
      ...one,
      sectorLabel: one.nafCode ? (nafLabel(one.nafCode) ?? null) : null,
      existing: matchOf(found, one.siret, keys[index]),
    }));
  }
}

function notAnswered(status: 'off' | 'unavailable'): LookupAnswer {
  const refusal = status === 'off' ? because(DIRECTORY.off) : because(DIRECTORY.unavailable);
  return { status, code: refusal.code, message: frenchOf(refusal), total: 0, proposals: [] };
}

/** The company an establishment already is: the one with its SIRET, else the oldest with its name and postcode. */
export function matchOf(
  companies: ExistingCompany[],
  siret: string | null,
  key: { dedupName: string; postcode: string | null } | null,
): ExistingCompanyRef | null {
  const bySiret = siret ? companies.find((company) => company.siret === siret) : undefined;
  if (bySiret) return { id: bySiret.id, name: bySiret.name, postcode: bySiret.postcode, matchedBy: 'siret' };
  const byName = key?.dedupName
    ? companies.find((company) => company.dedupName === key.dedupName && (company.postcode ?? null) === (key.postcode ?? null))
    : undefined;
  return byName ? { id: byName.id, name: byName.name, postcode: byName.postcode, matchedBy: 'name' } : null;
}

/**
 * What a refresh changes: the fields the directory knows (never blanking one it leaves empty),
 * the sector label when it was the old NAF code's own, and the establishment's state.
 */
export function refreshedFields(company: Company, found: DirectoryEstablishment, now: Date): Partial<Company> {
  const changes: Partial<Company> = {
    establishmentClosed: found.closed,
    establishmentClosedOn: found.closed ? found.closedOn : null,
    directoryCheckedAt: now,
  };
  if (found.nafCode && found.nafCode !== company.nafCode) {
    changes.nafCode = found.nafCode;
    const oldLabel = company.nafCode ? nafLabel(company.nafCode) : undefined;
    if (!company.sectorLabel || company.sectorLabel === oldLabel) changes.sectorLabel = nafLabel(found.nafCode) ?? null;
  }
  if (found.headcountBand && found.headcountBand !== company.headcountBand) changes.headcountBand = found.headcountBand;
  if (found.address && found.address !== company.address) changes.address = found.address;
  if (found.postcode && found.postcode !== company.postcode) changes.postcode = found.postcode;
  if (found.commune && found.commune !== company.commune) {
    changes.commune = found.commune;
    Object.assign(changes, derivedNames(company.name, found.commune));
  }
  return changes;
}
