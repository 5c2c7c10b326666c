import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CompaniesService } from '../companies/companies.service';
import { Company } from '../companies/company.entity';
import { PROSPECTION, RECORD } from '../refusals/index';
import { because, NotFoundRefusal, UnprocessableRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { BulkCompaniesDto, BulkResult } from './dto/bulk.dto';
import { StageChangesService } from './stage-changes.service';
import { StagesService } from './stages.service';

/** The most tags a company has (as UpdateCompanyDto allows). */
const MAX_TAGS = 20;

/**
 * One change to several companies at once (the list's selection): assign an owner, add a tag, or
 * move to a stage. One transaction: every company is changed, or none (a refusal names why). Each
 * change goes through the same path as one company's (versioned save with its audit entry, or a
 * stage move with its stage event and the reason a closed stage asks); companies already as asked
 * are left untouched.
 */
@Injectable()
export class CompanyBulkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
    private readonly stageChanges: StageChangesService,
    private readonly stages: StagesService,
  ) {}

  async apply(actor: Actor, input: BulkCompaniesDto): Promise<BulkResult> {
    const ids = [...new Set(input.ids)];
    if (input.action === 'assign') await this.companies.assertStaff(actor, { ownerId: input.ownerId ?? null });
    if (input.action === 'stage') {
      // A closed stage asks why, as the board's dialog does; the reason goes to each stage history.
      const target = await this.stages.get(actor, input.stageId as string);
      if (target.kind !== 'open' && !input.reason) {
        throw new UnprocessableRefusal(because(PROSPECTION.bulkReasonRequired, { stage: target.name }), `reason: required to move to "${target.name}"`, 'reason');
      }
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = new ScopedRepository(manager.getRepository(Company), 'company');
      // Locked in id order, so two selections overlapping cannot deadlock.
      const found = await repository.find(actor, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      if (found.length !== ids.length) {
        const missing = ids.find((id) => !found.some((company) => company.id === id));
        throw new NotFoundRefusal(because(RECORD.notFound, { record: 'company' }), `Company ${missing} not found`);
      }
      let updated = 0;
      for (const company of found) {
        if (input.action === 'assign') {
          const ownerId = input.ownerId ?? null;
          if (company.ownerId === ownerId) continue;
          await this.companies.saveVersioned(manager, actor, company, { ownerId });
        } else if (input.action === 'tag') {
          const tag = input.tag as string;
          if (company.tags.includes(tag)) continue;
          if (company.tags.length >= MAX_TAGS) {
            throw new UnprocessableRefusal(
              because(PROSPECTION.bulkTooManyTags, { company: company.name, max: MAX_TAGS }),
              `tag: company ${company.id} already has ${MAX_TAGS} tags`,
              'tag',
            );
          }
          await this.companies.saveVersioned(manager, actor, company, { tags: [...company.tags, tag] });
        } else {
          const stageId = input.stageId as string;
          if (company.stageId === stageId) continue;
          await this.stageChanges.move(actor, company.id, { stageId, version: company.version, reason: input.reason }, { manager });
        }
        updated++;
      }
      return { updated };
    });
  }
}
