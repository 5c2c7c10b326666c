import { FlashKey } from '../kit/flash';
import { Body, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CADENCE_UNITS, NEXT_ACTION_LABELS, NEXT_ACTION_TYPES } from '../../prospection/cadence';
import { CadenceService } from '../../prospection/cadence.service';
import { PipelineStage } from '../../prospection/pipeline-stage.entity';
import { StagesService } from '../../prospection/stages.service';
import { RECORD } from '../../refusals/index';
import { because, NotFoundRefusal } from '../../refusals/refused';
import { Actor } from '../../tenancy/actor';
import { isFormRefusal, Raw } from '../kit/forms';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { PageContext } from '../kit/page-context';
import { CADENCE_UNIT_LABELS, cadenceRows, pipelineErrorFr, SETTINGS_NOTICES, settingsStages } from './board.view';
import { CadenceFormRow, cadenceFormRows, cadenceRules, stageInput } from './pipeline-settings.form';
import { ContactPressureService } from '../../prospection/contact-pressure.service';
import { RestSettingsDto } from '../../prospection/dto/rest-settings.dto';
import { ValidationFailedException } from '../../common/validation';
import { validated } from '../kit/forms';
import { RestForm, refusedRestForm, restFormOf, restFormValues, restInput } from './rest-settings.form';

/** The pipeline settings (managers): the stages, their order and archive, and the follow-up cadence. */
@ApiExcludeController()
@Controller()
export class PipelineSettingsPagesController {
  constructor(
    private readonly stages: StagesService,
    private readonly cadence: CadenceService,
    private readonly pages: PageContext,
    private readonly pressure: ContactPressureService,
  ) {}

  @Get('prospection/reglages')
  @Roles('manager')
  async settings(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Query('ok') ok: unknown,
    @Res() response: Response,
  ) {
    const notice = SETTINGS_NOTICES.read(typeof ok === 'string' ? ok : undefined);
    return this.renderSettings(actor, session, response, 200, { notice });
  }

  private async renderSettings(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    extra: { notice?: string; error?: string; cadenceForm?: CadenceFormRow[]; restForm?: RestForm },
  ) {
    const [all, rules, rest] = await Promise.all([this.stages.list(actor, true), this.cadence.rules(actor), this.pressure.restSettings(actor)]);
    const context = await this.pages.build(actor, session, '/prospection', {
      title: 'Étapes et relances',
      styles: ['/static/board.css'],
      scripts: ['/static/confirm.js'],
      ...settingsStages(all),
      cadence: extra.cadenceForm ?? cadenceRows(rules),
      actionTypes: NEXT_ACTION_TYPES.map((type) => ({ value: type, label: NEXT_ACTION_LABELS[type] })),
      units: CADENCE_UNITS.map((unit) => ({ value: unit, label: CADENCE_UNIT_LABELS[unit] })),
      notice: extra.notice,
      error: extra.error,
      rest: extra.restForm ?? restFormOf(rest),
    });
    return response.status(status).render('board/pipeline-settings', context);
  }

  /** Runs a settings change: redirect 303 with a notice, or the page again with the error in French. */
  private async settingsChange(
    actor: Actor,
    session: Session,
    response: Response,
    notice: FlashKey<typeof SETTINGS_NOTICES>,
    change: () => Promise<unknown>,
    cadenceForm?: CadenceFormRow[],
  ) {
    try {
      await change();
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return this.renderSettings(actor, session, response, (error as HttpException).getStatus(), {
        error: pipelineErrorFr(error),
        cadenceForm,
      });
    }
    return response.redirect(303, SETTINGS_NOTICES.to('/prospection/reglages', notice));
  }

  @Post('prospection/reglages/etapes')
  @Roles('manager')
  async addStage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    return this.settingsChange(actor, session, response, 'ajout', () => this.stages.create(actor, stageInput(form)));
  }

  @Post('prospection/reglages/etapes/:id')
  @Roles('manager')
  async updateStage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    return this.settingsChange(actor, session, response, 'etape', () => this.stages.update(actor, id, stageInput(form)));
  }

  @Post('prospection/reglages/etapes/:id/archiver')
  @Roles('manager')
  async archiveStage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: Raw,
    @Res() response: Response,
  ) {
    if (!isConfirmed(body)) {
      const stage = await this.stages.get(actor, id);
      return renderConfirmation(this.pages, actor, session, response, '/prospection', {
        title: `Archiver l’étape « ${stage.name} » ?`,
        sentence: 'Elle disparaîtra du tableau ; son historique est conservé et vous pourrez la restaurer.',
        action: `/prospection/reglages/etapes/${id}/archiver`,
        confirmLabel: 'Archiver',
        backHref: '/prospection/reglages',
      });
    }
    return this.settingsChange(actor, session, response, 'archive', () => this.stages.update(actor, id, { archived: true }));
  }

  @Post('prospection/reglages/etapes/:id/restaurer')
  @Roles('manager')
  async restoreStage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Res() response: Response,
  ) {
    return this.settingsChange(actor, session, response, 'restauree', () => this.stages.update(actor, id, { archived: false }));
  }

  @Post('prospection/reglages/etapes/:id/monter')
  @Roles('manager')
  async moveStageUp(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Res() response: Response,
  ) {
    return this.settingsChange(actor, session, response, 'ordre', () => this.swapStage(actor, id, -1));
  }

  @Post('prospection/reglages/etapes/:id/descendre')
  @Roles('manager')
  async moveStageDown(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Res() response: Response,
  ) {
    return this.settingsChange(actor, session, response, 'ordre', () => this.swapStage(actor, id, 1));
  }

  /** Swaps an active stage with its neighbour; at either end it stays put. */
  private async swapStage(actor: Actor, id: string, step: -1 | 1): Promise<void> {
    const order: PipelineStage[] = await this.stages.list(actor);
    const from = order.findIndex((stage) => stage.id === id);
    if (from < 0) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'stage' }), 'Stage not found');
    const to = from + step;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to], order[from]];
    await this.stages.reorder(actor, { stageIds: order.map((stage) => stage.id) });
  }

  @Post('prospection/reglages/relances')
  @Roles('manager')
  async saveCadence(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const rows = cadenceFormRows(form);
    return this.settingsChange(actor, session, response, 'cadence', () => this.cadence.update(actor, { rules: cadenceRules(rows) }), rows);
  }

  /** How many unanswered calls, in how many months, put a company to rest; errors next to their field. */
  @Post('prospection/reglages/repos')
  @Roles('manager')
  async saveRest(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = restFormValues(form);
    try {
      await this.pressure.updateRestSettings(actor, await validated(RestSettingsDto, restInput(values)));
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      return this.renderSettings(actor, session, response, 400, { restForm: refusedRestForm(values, error) });
    }
    return response.redirect(303, SETTINGS_NOTICES.to('/prospection/reglages', 'repos', 'repos'));
  }

  @Post('prospection/reglages/relances/reinitialiser')
  @Roles('manager')
  async resetCadence(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    return this.settingsChange(actor, session, response, 'defaut', () => this.cadence.reset(actor));
  }
}
