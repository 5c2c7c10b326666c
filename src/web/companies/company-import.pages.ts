import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { MAX_IMPORT_BYTES } from '../../companies/import/company-import.service';
import { SIRENE_COLUMNS, TEMPLATE_COLUMNS } from '../../companies/import/import-rows';
import { AppConfig } from '../../config/env';
import { Actor } from '../../tenancy/actor';
import { embeddedJson } from '../kit/embedded-json';
import { PageContext } from '../kit/page-context';
import { importRefusals, refusalSentences } from '../kit/refusal-sentences';

/** The CSV import page (the upload and its follow-up run in the page's script, against the API). */
@ApiExcludeController()
@Controller()
export class CompanyImportPagesController {
  constructor(
    private readonly pages: PageContext,
    private readonly config: AppConfig,
  ) {}

  @Get('entreprises/import')
  async importPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    const context = await this.pages.build(actor, session, '/entreprises', {
      title: 'Importer des entreprises',
      styles: ['/static/company.css'],
      scripts: ['/static/company-import.js'],
      templateColumns: TEMPLATE_COLUMNS.join(' ; '),
      fileRetentionDays: this.config.IMPORT_FILE_RETENTION_DAYS,
      sireneColumns: SIRENE_COLUMNS,
      refusalsJson: embeddedJson(
        refusalSentences(
          importRefusals({
            maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
            perStructure: this.config.IMPORT_MAX_PER_STRUCTURE,
            retentionDays: this.config.IMPORT_FILE_RETENTION_DAYS,
          }),
        ),
      ),
    });
    return response.render('companies/company-import', context);
  }
}
