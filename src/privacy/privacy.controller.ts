import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { EraseRequestDto, ErasurePreviewView, ErasureView, RetentionSettingsDto, RetentionSettingsView } from './privacy.dto';
import { CandidateExport, ContactExport, ErasurePreview, PrivacyRequestView, PrivacyService, UpcomingAnonymisation } from './privacy.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

export class ExportQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'download must be true or false' })
  download?: boolean;
}

/** Sends the export as JSON; `download=true` makes browsers save it as a file. */
function sendExport(response: Response, body: unknown, filename: string, download?: boolean): void {
  if (download) response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.setHeader('Cache-Control', 'no-store');
  response.json(body);
}

/**
 * RGPD: the retention setting, exports of everything about a person (anyone of the structure,
 * each export recorded), erasure on request (managers), and the managers' follow-up lists.
 */
@ApiTags('privacy')
@Controller('api/privacy')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  /** How many months after their exit people are anonymised (default 24), after how many months without activity (default 24), and the warning delay. */
  @Get('settings')
  settings(@CurrentActor() actor: Actor): Promise<RetentionSettingsView> {
    return this.privacy.settings(actor);
  }

  @Put('settings')
  @Roles('manager')
  updateSettings(@CurrentActor() actor: Actor, @Body() input: RetentionSettingsDto): Promise<RetentionSettingsView> {
    return this.privacy.updateSettings(actor, input.retentionMonths, input.inactivityRetentionMonths);
  }

  /** Everything about a candidate, sensitive fields included: record, proposals, placements, check-ins and answers, alerts. */
  @Get('candidates/:id/export')
  @ApiQuery({ name: 'download', required: false, type: Boolean })
  async exportCandidate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const body: CandidateExport = await this.privacy.exportCandidate(actor, id);
    sendExport(response, body, `donnees-candidat-${id}.json`, query.download);
  }

  /**
   * Everything about a company contact: record, activities with them, leads where they are the
   * contact, their answers (recorded as a read of the employees those answers are about).
   */
  @Get('contacts/:id/export')
  @ApiQuery({ name: 'download', required: false, type: Boolean })
  async exportContact(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const body: ContactExport = await this.privacy.exportContact(actor, id);
    await this.privacy.recordShown(actor, body, { via: 'privacy_export', path: 'GET /api/privacy/contacts/:id/export' });
    sendExport(response, body, `donnees-contact-${id}.json`, query.download);
  }

  /**
   * Before an erasure: every mention of the candidate (name in its usual variants, e-mail, phone)
   * in the structure's free text, with its context. The erasure redacts them all but those whose
   * ids it is sent in `keepMatchIds`.
   */
  @Get('candidates/:id/erasure-preview')
  @Roles('manager')
  @ApiOkResponse({ type: ErasurePreviewView })
  candidateErasurePreview(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ErasurePreview> {
    return this.privacy.erasurePreview(actor, 'candidate', id);
  }

  @Get('contacts/:id/erasure-preview')
  @Roles('manager')
  @ApiOkResponse({ type: ErasurePreviewView })
  contactErasurePreview(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ErasurePreview> {
    return this.privacy.erasurePreview(actor, 'contact', id);
  }

  /**
   * Erases the person's identity now (what reports need stays, anonymised), and every mention of
   * them in the structure's free text but those in `keepMatchIds`. Erasing again answers the same.
   */
  @Post('candidates/:id/erase')
  @HttpCode(200)
  @Roles('manager')
  @ApiOkResponse({ type: ErasureView })
  eraseCandidate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: EraseRequestDto): Promise<ErasureView> {
    return this.privacy.eraseCandidate(actor, id, input.reason, { keepMatchIds: input.keepMatchIds });
  }

  /** Erases the contact; their address stays only as a hash, so they are never e-mailed again. Mentions as for candidates. */
  @Post('contacts/:id/erase')
  @HttpCode(200)
  @Roles('manager')
  @ApiOkResponse({ type: ErasureView })
  eraseContact(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: EraseRequestDto): Promise<ErasureView> {
    return this.privacy.eraseContact(actor, id, input.reason, { keepMatchIds: input.keepMatchIds });
  }

  /** People whose owner was warned and who are not anonymised yet, soonest first. */
  @Get('upcoming')
  @Roles('manager')
  upcoming(@CurrentActor() actor: Actor): Promise<UpcomingAnonymisation[]> {
    return this.privacy.upcoming(actor);
  }

  /** The log of exports, erasures and anonymisations, newest first. */
  @Get('requests')
  @Roles('manager')
  requests(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<Page<PrivacyRequestView>> {
    return this.privacy.requests(actor, page.limit, page.offset);
  }
}
