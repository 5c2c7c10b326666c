import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../../auth/auth.decorators';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CompaniesService } from '../../companies/companies.service';
import { CompanyLookupService } from '../../companies/lookup/company-lookup.service';
import { DIRECTORY } from '../../refusals/index';
import { isCodedRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { NOTICES } from './company.view';

/** Which notice a refused refresh leads to: the directory's silence, or a SIRET it does not know. */
export function refreshNoticeOf(code: string): 'annuaire-indisponible' | 'annuaire-inconnu' | null {
  if (code === DIRECTORY.unavailable.code || code === DIRECTORY.off.code) return 'annuaire-indisponible';
  if (code === DIRECTORY.siretUnknown.code || code === DIRECTORY.noSiret.code) return 'annuaire-inconnu';
  return null;
}

/** « Mettre à jour depuis l’annuaire » on the company page. */
@ApiExcludeController()
@Controller()
export class CompanyDirectoryPagesController {
  constructor(
    private readonly lookups: CompanyLookupService,
    private readonly companies: CompaniesService,
  ) {}

  /** Reloaded (or opened), the form's address leads back to the page. */
  @Get('entreprises/:id/annuaire')
  async backToPage(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.companies.entity(actor, id);
    return response.redirect(303, `/entreprises/${id}`);
  }

  /** Refreshes the company from the directory; back on its page with what happened, in one sentence. */
  @Post('entreprises/:id/annuaire')
  async refresh(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    try {
      await this.lookups.refresh(actor, id);
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, 'annuaire', 'fiche-titre'));
    } catch (error) {
      const notice = isCodedRefusal(error) ? refreshNoticeOf(error.refusal.code) : null;
      if (!notice) throw error;
      return response.redirect(303, NOTICES.to(`/entreprises/${id}`, notice, 'fiche-titre'));
    }
  }
}
