import { Body, ConflictException, Controller, Get, HttpException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { ValidationFailedException } from '../common/validation';
import { CreateScriptDto, UpdateScriptDto } from '../pitches/dto/pitch-script.dto';
import { ConversionView, ScriptDetailView, VersionConversion } from '../pitches/dto/pitch-script-view.dto';
import { SCRIPT_KIND_LABELS, SCRIPT_KINDS, ScriptKind } from '../pitches/pitch-script.entity';
import { PitchScriptsService } from '../pitches/pitch-scripts.service';
import { PLACEHOLDERS } from '../pitches/pitch-template';
import { Actor } from '../tenancy/actor';
import { Raw, text, validated } from './kit/forms';
import { PageContext } from './kit/page-context';
import {
  emptyScriptForm,
  headcountChoices,
  headline,
  isScriptKind,
  measureOf,
  readScriptForm,
  rateView,
  scriptFormValues,
  ScriptFormValues,
  scriptInput,
  scriptProblemsFr,
  targetingSummary,
  withEmptyPairs,
} from './pitch-view-helpers';
import { french } from '../refusals/french';
import { PITCH } from '../refusals/index';
import { ParseIdPipe } from '../common/parse-id.pipe';

const NOTICES: Record<string, string> = {
  cree: 'L’argumentaire a été créé.',
  version: 'La nouvelle version a été enregistrée.',
  inchange: 'Rien n’a changé : aucune nouvelle version n’a été créée.',
  archive: 'L’argumentaire a été archivé : il n’est plus proposé sur les fiches des entreprises.',
  restaure: 'L’argumentaire a été restauré.',
};

/** What the script form shows again after a refused post. */
interface ScriptFormState {
  values: ScriptFormValues;
  errors: Record<string, string>;
  pairErrors?: Record<number, string>;
  alert?: string;
}

function isManager(actor: Actor): boolean {
  return actor.role === 'manager' || actor.role === 'admin';
}

/** Pages of the argumentaires: the list by kind, creation, the script page (edit, history, conversion). */
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
    const groups = SCRIPT_KINDS.map((kind) => ({
      kind,
      label: SCRIPT_KIND_LABELS[kind],
      scripts: shown
        .map((script, index) => ({ script, conversion: conversions[index] }))
        .filter(({ script }) => script.kind === kind)
        .map(({ script, conversion }) => ({
          ...script,
          targetingSummary: targetingSummary(script.targeting),
          headline: headline(script.kind, conversion.versions.find((version) => version.numbers.includes(script.currentVersion))),
        })),
    })).filter((group) => group.scripts.length > 0 || !archives);
    const context = await this.pages.build(actor, session, '/argumentaires', {
      title: archives ? 'Argumentaires archivés' : 'Argumentaires',
      styles: ['/static/company.css', '/static/pitch.css'],
      notice: NOTICES[text(raw.ok)],
      archives,
      canArchive: isManager(actor),
      groups,
      empty: shown.length === 0,
    });
    return response.render('pitches', context);
  }

  // ---------------------------------------------------------------- creation

  @Get('argumentaires/nouveau')
  async newPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const kind = text(raw.type);
    const values = emptyScriptForm(isScriptKind(kind) ? kind : 'first_call');
    return this.renderNew(actor, session, response, 200, { values, errors: {} });
  }

  @Post('argumentaires/nouveau')
  async create(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    const values = readScriptForm(form);
    const { input, pairOf } = scriptInput(values);
    try {
      const dto = await validated(CreateScriptDto, input);
      const created = await this.scripts.create(actor, dto);
      return response.redirect(303, `/argumentaires/${created.id}?ok=cree`);
    } catch (error) {
      if (!(error instanceof ValidationFailedException)) throw error;
      return this.renderNew(actor, session, response, 400, this.refusal(error, values, pairOf));
    }
  }

  private async renderNew(actor: Actor, session: Session, response: Response, status: number, form: ScriptFormState) {
    const context = await this.pages.build(actor, session, '/argumentaires', {
      title: 'Nouvel argumentaire',
      styles: ['/static/company.css', '/static/pitch.css'],
      scripts: ['/static/pitch.js'],
      form: this.formModel('nouveau', '/argumentaires/nouveau', form, false),
    });
    return response.status(status).render('pitch-new', context);
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
      notice: NOTICES[text(raw.ok)],
      version: Number.isInteger(requested) && requested >= 1 ? requested : undefined,
    });
  }

  /** Saves a new version from the edit form. */
  @Post('argumentaires/:id')
  async update(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Body() form: Raw,
    @Res() response: Response,
  ) {
    const values = readScriptForm(form);
    const { input, pairOf } = scriptInput(values);
    const version = Number(values.version);
    try {
      const dto = await validated(UpdateScriptDto, { ...input, version: Number.isInteger(version) ? version : undefined });
      const before = await this.scripts.get(actor, id);
      const saved = await this.scripts.update(actor, id, dto);
      const ok = saved.currentVersion === before.currentVersion ? 'inchange' : 'version';
      return response.redirect(303, `/argumentaires/${id}?ok=${ok}#historique`);
    } catch (error) {
      if (error instanceof ValidationFailedException) {
        return this.renderScript(actor, session, response, id, 400, { form: this.refusal(error, values, pairOf) });
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
  async archive(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.scripts.setArchived(actor, id, true);
    return response.redirect(303, `/argumentaires?ok=archive`);
  }

  @Post('argumentaires/:id/restaurer')
  @Roles('manager')
  async restore(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Res() response: Response) {
    await this.scripts.setArchived(actor, id, false);
    return response.redirect(303, `/argumentaires/${id}?ok=restaure`);
  }

  private refusal(error: HttpException, values: ScriptFormValues, pairOf: number[]): ScriptFormState {
    const problems = error instanceof ValidationFailedException ? error.problems : [];
    const { errors, pairs, others } = scriptProblemsFr(problems, pairOf);
    return {
      values,
      errors,
      pairErrors: pairs,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }

  /** The view model of the script form partial (creation and edit). */
  private formModel(prefix: string, action: string, form: ScriptFormState, editing: boolean) {
    const values = form.values;
    const pairs = withEmptyPairs(
      values.objections.map((pair) => ({ ...pair, error: form.pairErrors?.[pair.index] })),
    ).map((pair, position) => ({ ...pair, position: position + 1 }));
    return {
      prefix,
      action,
      editing,
      values,
      errors: form.errors,
      alert: form.alert,
      kinds: SCRIPT_KINDS.map((kind) => ({ value: kind, label: SCRIPT_KIND_LABELS[kind], selected: kind === values.kind })),
      bands: headcountChoices(values.headcountBands),
      pairs,
      placeholders: Object.entries(PLACEHOLDERS).map(([name, description]) => ({ code: `{{${name}}}`, description })),
      ifExample: '{{#if contact.firstName}}Bonjour {{contact.firstName}}{{else}}Bonjour Madame, Monsieur{{/if}}',
      nextVersion: Number(values.version) + 1,
      submitLabel: editing ? 'Enregistrer une nouvelle version' : 'Créer l’argumentaire',
    };
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
      scripts: ['/static/pitch.js'],
      notice: state.notice,
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
      form: this.formModel('script', `/argumentaires/${id}`, form, true),
      history: script.history.map((version) => ({
        ...version,
        authorName: version.authorName ?? 'Tremplin',
        changesText: version.changes.join(', '),
        isCurrent: version.number === script.currentVersion,
        isShown: version.number === shown.number,
        href: version.number === script.currentVersion ? `/argumentaires/${id}` : `/argumentaires/${id}?version=${version.number}`,
      })),
      conversion: this.conversionModel(script, conversion),
    });
    return response.status(status).render('pitch', context);
  }

  private conversionModel(script: ScriptDetailView, conversion: ConversionView) {
    const measure = measureOf(script.kind as ScriptKind);
    const row = (entry: VersionConversion) => ({
      // Versions saved without a change count together: « v2–v3 ».
      label: entry.numbers.length > 1 ? `v${entry.numbers[0]}–v${entry.numbers.at(-1)}` : `v${entry.number}`,
      uses: entry.uses,
      reached: entry.reached,
      measure: rateView(entry[measure.key]),
    });
    return {
      measureLabel: measure.label,
      among: measure.among,
      isMeeting: measure.key === 'needFound',
      versions: conversion.versions.map(row),
      byStaff: conversion.byStaff.map((entry) => ({ ...row(entry), authorName: entry.authorName })),
      objections: conversion.objections,
      used: conversion.versions.some((entry) => entry.uses > 0),
    };
  }
}
