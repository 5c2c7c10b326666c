import { Body, ConflictException, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../../auth/auth.decorators';
import { Session } from '../../auth/session.entity';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ValidationFailedException } from '../../common/validation';
import { SCRIPT_KIND_LABELS, ScriptKind } from '../../pitches/pitch-script.entity';
import { PitchScriptsService } from '../../pitches/pitch-scripts.service';
import { french } from '../../refusals/french';
import { PITCH } from '../../refusals/index';
import { Actor } from '../../tenancy/actor';
import { FormBody } from '../kit/form-body.pipe';
import { Raw, text } from '../kit/forms';
import { isConfirmed, renderConfirmation } from '../kit/confirm';
import { PageContext } from '../kit/page-context';
import {
  emptyScriptForm,
  isScriptKind,
  NEW_SCRIPT_FORM,
  NewScriptForm,
  SCRIPT_EDIT_FORM,
  ScriptEditForm,
  scriptFormValues,
  scriptInput,
} from './pitch.form';
import {
  conversionModel,
  historyRows,
  isManager,
  PITCH_NOTICES,
  scriptFormModel,
  ScriptFormState,
  scriptGroups,
  scriptRefusal,
  targetingSummary,
} from './pitch.view';

/** Pages of the argumentaires: the list by kind, creation, the script page (edit, history, conversion). */
const ARCHIVE_SCRIPT_SENTENCE = 'L’argumentaire ne sera plus proposé sur les fiches des entreprises. Vous pourrez le restaurer.';

@ApiExcludeController()
@Controller()
export class PitchPagesController {
  constructor(
    private readonly scripts: PitchScriptsService,
    private readonly pages: PageContext,
  ) {}

  // ---------------------------------------------------------------- list

  @Get('argumentaires')
  async list(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const archives = isManager(actor) && text(raw.archives) === '1';
    const scripts = await this.scripts.list(actor, { archived: archives });
    const shown = archives ? scripts.filter((script) => script.archived) : scripts;
    const conversions = await Promise.all(shown.map((script) => this.scripts.conversion(actor, script.id)));
    const groups = scriptGroups(shown, conversions, archives);
    const context = await this.pages.build(actor, session, '/argumentaires', {
      title: archives ? 'Argumentaires archivés' : 'Argumentaires',
      styles: ['/static/company.css', '/static/pitch.css'],
      notice: PITCH_NOTICES.read(raw),
      archives,
      canArchive: isManager(actor),
      groups,
      empty: shown.length === 0,
    });
    return response.render('pitches/pitches', context);
  }

  // ---------------------------------------------------------------- creation

  @Get('argumentaires/nouveau')
  async newPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const kind = text(raw.type);
    const values = emptyScriptForm(isScriptKind(kind) ? kind : 'first_call');
    return this.renderNew(actor, session, response, 200, { values, errors: {} });
  }

  @Post('argumentaires/nouveau')
  async create(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Body(new FormBody(NEW_SCRIPT_FORM)) form: NewScriptForm,
    @Res() response: Response,
  ) {
    const values = form.values;
    const { pairOf } = scriptInput(values);
    try {
      const created = await this.scripts.create(actor, form.valid());
      return response.redirect(303, PITCH_NOTICES.to(`/argumentaires/${created.id}`, 'cree'));
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      return this.renderNew(actor, session, response, 400, scriptRefusal(error.problems, values, pairOf));
    }
  }

  private async renderNew(actor: Actor, session: Session, response: Response, status: number, form: ScriptFormState) {
    const context = await this.pages.build(actor, session, '/argumentaires', {
      title: 'Nouvel argumentaire',
      styles: ['/static/company.css', '/static/pitch.css'],
      scripts: ['/static/pitch.js'],
      form: scriptFormModel('nouveau', '/argumentaires/nouveau', form, false),
    });
    return response.status(status).render('pitches/pitch-new', context);
  }

  // ---------------------------------------------------------------- script page

  @Get('argumentaires/:id')
  async scriptPage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    const requested = Number(text(raw.version));
    return this.renderScript(actor, session, response, id, 200, {
      notice: PITCH_NOTICES.read(raw),
      version: Number.isInteger(requested) && requested >= 1 ? requested : undefined,
    });
  }

  /** Saves a new version from the edit form. */
  @Post('argumentaires/:id')
  async update(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body(new FormBody(SCRIPT_EDIT_FORM)) form: ScriptEditForm,
    @Res() response: Response,
  ) {
    const values = form.values;
    const { pairOf } = scriptInput(values);
    try {
      const dto = form.valid();
      const before = await this.scripts.get(actor, id);
      const saved = await this.scripts.update(actor, id, dto);
      const ok = saved.currentVersion === before.currentVersion ? 'inchange' : 'version';
      return response.redirect(303, PITCH_NOTICES.to(`/argumentaires/${id}`, ok, 'historique'));
    } catch (error) {
      if (error instanceof ValidationFailedException) {
        return this.renderScript(actor, session, response, id, 400, { form: scriptRefusal(error.problems, values, pairOf) });
      }
      if (error instanceof ConflictException) {
        // What was typed is kept, now based on the current version: saving again is a deliberate choice.
        const current = await this.scripts.get(actor, id);
        const state: ScriptFormState = {
          values: { ...values, version: String(current.currentVersion) },
          errors: {},
          alert: french(PITCH.staleVersion.code, { version: current.currentVersion }),
        };
        return this.renderScript(actor, session, response, id, 409, { form: state });
      }
      throw error;
    }
  }

  @Post('argumentaires/:id/archiver')
  @Roles('manager')
  async archive(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: Raw,
    @Res() response: Response,
  ) {
    if (!isConfirmed(body)) {
      const script = await this.scripts.get(actor, id);
      return renderConfirmation(this.pages, actor, session, response, '/argumentaires', {
        title: `Archiver « ${script.title} » ?`,
        sentence: ARCHIVE_SCRIPT_SENTENCE,
        action: `/argumentaires/${id}/archiver`,
        confirmLabel: 'Archiver',
        backHref: `/argumentaires/${id}`,
      });
    }
    await this.scripts.setArchived(actor, id, true);
    return response.redirect(303, PITCH_NOTICES.to('/argumentaires', 'archive'));
  }

  @Post('argumentaires/:id/restaurer')
  @Roles('manager')
  async restore(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.scripts.setArchived(actor, id, false);
    return response.redirect(303, PITCH_NOTICES.to(`/argumentaires/${id}`, 'restaure'));
  }

  private async renderScript(
    actor: Actor,
    session: Session,
    response: Response,
    id: string,
    status: number,
    state: { notice?: string; version?: number; form?: ScriptFormState },
  ) {
    const [script, conversion] = await Promise.all([this.scripts.get(actor, id), this.scripts.conversion(actor, id)]);
    const shown = (state.version && script.history.find((version) => version.number === state.version)) || script.current;
    const readOnly = shown.number !== script.currentVersion;
    const form: ScriptFormState = state.form ?? { values: scriptFormValues({ ...script.current, number: script.currentVersion }), errors: {} };
    const context = await this.pages.build(actor, session, '/argumentaires', {
      title: script.title,
      styles: ['/static/company.css', '/static/pitch.css'],
      scripts: ['/static/pitch.js', '/static/confirm.js'],
      notice: state.notice,
      archiveSentence: ARCHIVE_SCRIPT_SENTENCE,
      script: {
        ...script,
        kindLabel: SCRIPT_KIND_LABELS[script.kind],
        targetingSummary: targetingSummary(script.targeting),
      },
      shown: {
        ...shown,
        kindLabel: SCRIPT_KIND_LABELS[shown.kind],
        targetingSummary: targetingSummary(shown.targeting),
      },
      readOnly,
      canArchive: isManager(actor),
      editOpen: Boolean(state.form),
      form: scriptFormModel('script', `/argumentaires/${id}`, form, true),
      history: historyRows(script, shown.number),
      conversion: conversionModel(script.kind as ScriptKind, conversion),
    });
    return response.status(status).render('pitches/pitch', context);
  }
}
