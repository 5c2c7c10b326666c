import { Body, ConflictException, Controller, Get, HttpException, Param, Post, Query, Res, UnprocessableEntityException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, CurrentSession, Roles } from '../auth/auth.decorators';
import { Session } from '../auth/session.entity';
import { codedProblem, FieldProblem, namedFieldRefusal, ValidationFailedException } from '../common/validation';
import { frenchOf } from '../refusals/french';
import { CompanyCard } from '../companies/company-card';
import { CompanyFilterDto } from '../companies/dto/company.dto';
import { BoardService } from '../prospection/board.service';
import {
  CADENCE_TRIGGER_LABELS,
  CADENCE_TRIGGERS,
  CADENCE_UNITS,
  CadenceRule,
  CadenceUnit,
  NEXT_ACTION_LABELS,
  NEXT_ACTION_TYPES,
  NextActionType,
} from '../prospection/cadence';
import { CadenceService } from '../prospection/cadence.service';
import { ActionView, BoardQuery, ColumnQuery } from '../prospection/dto/board.dto';
import { CreateStageDto, UpdateStageDto } from '../prospection/dto/stage.dto';
import { PipelineStage } from '../prospection/pipeline-stage.entity';
import { StagesService } from '../prospection/stages.service';
import { Actor } from '../tenancy/actor';
import { UsersService } from '../users/users.service';
import { CADENCE_UNIT_LABELS } from './board-view-helpers';
import { Raw, text, UUID } from './kit/forms';
import { PageContext } from './kit/page-context';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { PROSPECTION, RECORD } from '../refusals/index';
import { because, isCodedRefusal, NotFoundRefusal } from '../refusals/refused';

const CARDS_PER_COLUMN = 20;
const ROWS_PER_LIST = 50;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

type FilterKey = 'q' | 'owner' | 'sector' | 'territory' | 'tag';

interface ParsedFilters {
  filter: CompanyFilterDto;
  /** The filters as the form shows them. */
  values: Record<FilterKey, string> & { overdue: boolean };
  /** The active filters as a query string (no leading `?`), for the export link and "voir plus". */
  query: string;
  active: boolean;
  problems: string[];
}

/**
 * The board filters from a page's query string. Unlike the JSON API, a page never answers 400 for
 * a filter: an unusable one is dropped and named in French.
 */
export function parseBoardFilters(raw: Raw): ParsedFilters {
  const problems: string[] = [];
  const limits: Record<Exclude<FilterKey, 'owner'>, number> = { q: 100, sector: 100, territory: 100, tag: 50 };
  const values = { q: '', owner: '', sector: '', territory: '', tag: '', overdue: false };
  for (const key of Object.keys(limits) as Array<keyof typeof limits>) {
    values[key] = text(raw[key]).slice(0, limits[key]);
  }
  const owner = text(raw.owner);
  if (owner === 'none' || UUID.test(owner)) values.owner = owner.toLowerCase();
  else if (owner) problems.push('Le filtre « Référent·e » n’est pas reconnu : il a été ignoré.');
  values.overdue = ['true', '1', 'on'].includes(text(raw.overdue));

  const filter: CompanyFilterDto = {};
  const params = new URLSearchParams();
  for (const key of ['q', 'owner', 'sector', 'territory', 'tag'] as const) {
    if (values[key]) {
      filter[key] = values[key];
      params.set(key, values[key]);
    }
  }
  if (values.overdue) {
    filter.overdue = true;
    params.set('overdue', 'true');
  }
  return { filter, values, query: params.toString(), active: params.toString() !== '', problems };
}

/** The French sentence of a refusal of the pipeline services or settings forms, from its code. */
export function pipelineErrorFr(error: unknown): string {
  if (error instanceof ValidationFailedException || namedFieldRefusal(error)) {
    return [...new Set(error.problems.map((problem) => frenchOf(codedProblem(problem))))].join(' ');
  }
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  return 'L’opération n’a pas pu être enregistrée.';
}

const SETTINGS_NOTICES: Record<string, string> = {
  etape: 'L’étape a été enregistrée.',
  ajout: 'L’étape a été ajoutée.',
  ordre: 'L’ordre des étapes a été modifié.',
  archive: 'L’étape a été archivée.',
  restauree: 'L’étape a été restaurée.',
  cadence: 'Les règles de relance ont été enregistrées.',
  defaut: 'Les règles de relance par défaut ont été rétablies.',
};

const FOLLOW_UP_SECTIONS: Array<{ view: ActionView; anchor: string; title: string; empty: string; ownerScoped: boolean }> = [
  { view: 'today', anchor: 'aujourdhui', title: 'Aujourd’hui', empty: 'Aucune action prévue aujourd’hui.', ownerScoped: true },
  { view: 'overdue', anchor: 'en-retard', title: 'En retard', empty: 'Aucune action en retard.', ownerScoped: true },
  { view: 'stalled', anchor: 'au-point-mort', title: 'Au point mort', empty: 'Aucune entreprise au point mort.', ownerScoped: false },
  { view: 'unassigned', anchor: 'non-attribuees', title: 'Non attribuées', empty: 'Toutes les entreprises ont un·e référent·e.', ownerScoped: false },
];

/** Pages of the prospection board, the follow-up lists and the pipeline settings. */
@ApiExcludeController()
@Controller()
export class BoardPagesController {
  constructor(
    private readonly board: BoardService,
    private readonly stages: StagesService,
    private readonly cadence: CadenceService,
    private readonly users: UsersService,
    private readonly pages: PageContext,
  ) {
  }

  private isManager(actor: Actor): boolean {
    return actor.role === 'manager' || actor.role === 'admin';
  }

  // ---------------------------------------------------------------- board

  @Get('prospection')
  async boardPage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query() raw: Raw, @Res() response: Response) {
    const filters = parseBoardFilters(raw);
    const query: BoardQuery = Object.assign(new BoardQuery(), filters.filter, { limit: CARDS_PER_COLUMN });
    const [board, team] = await Promise.all([this.board.board(actor, query), this.users.list(actor, { limit: 200, offset: 0 })]);
    const stages = board.columns.map((column) => ({ id: column.stage.id, name: column.stage.name }));
    const owners = team.items
      .filter((user) => user.active || user.id === filters.values.owner)
      .map((user) => ({ id: user.id, name: `${user.firstName} ${user.lastName}`, selected: user.id === filters.values.owner }));
    const context = await this.pages.build(actor, session, '/prospection', {
      title: 'Prospection',
      styles: ['/static/board.css'],
      scripts: ['/static/vendor/sortablejs/Sortable.min.js', '/static/board.js'],
      filters,
      owners,
      stages,
      columns: board.columns.map((column) => ({ ...column, cards: column.cards.map((card) => this.cardView(card)) })),
      today: board.today,
      isManager: this.isManager(actor),
      exportHref: `/api/board/export.csv${filters.query ? `?${filters.query}` : ''}`,
    });
    return response.render('board', context);
  }

  /** The next cards of one column, as HTML for the board's "Voir plus" button. */
  @Get('prospection/colonnes/:stageId')
  async columnFragment(
    @CurrentActor() actor: Actor,
    @Param('stageId', ParseIdPipe) stageId: string,
    @Query() raw: Raw,
    @Res() response: Response,
  ) {
    const filters = parseBoardFilters(raw);
    const cursor = text(raw.cursor);
    const query: ColumnQuery = Object.assign(new ColumnQuery(), filters.filter, {
      limit: CARDS_PER_COLUMN,
      cursor: CURSOR.test(cursor) ? cursor : undefined,
    });
    const [page, stages] = await Promise.all([this.board.column(actor, stageId, query), this.stages.list(actor)]);
    return response.render('partials/board-cards', {
      layout: false,
      cards: page.cards.map((card) => this.cardView(card)),
      nextCursor: page.nextCursor,
      stages: stages.map((stage) => ({ id: stage.id, name: stage.name })),
    });
  }

  private cardView(card: CompanyCard) {
    return { ...card, place: [card.postcode, card.commune].filter(Boolean).join(' ') };
  }

  // ---------------------------------------------------------------- follow-ups

  @Get('relances')
  async followUps(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Query('owner') ownerParam: unknown, @Res() response: Response) {
    const isManager = this.isManager(actor);
    const owner = isManager && ownerParam === 'all' ? 'all' : 'me';
    const sections = await Promise.all(
      FOLLOW_UP_SECTIONS.map(async (section) => {
        const page = await this.board.actions(actor, { view: section.view, owner, limit: ROWS_PER_LIST, offset: 0 });
        return { ...section, items: page.items, total: page.total, more: Math.max(0, page.total - page.items.length) };
      }),
    );
    const context = await this.pages.build(actor, session, '/relances', {
      title: 'Mes relances',
      styles: ['/static/board.css'],
      sections,
      isManager,
      everyone: owner === 'all',
    });
    return response.render('follow-ups', context);
  }

  // ---------------------------------------------------------------- pipeline settings

  @Get('prospection/reglages')
  @Roles('manager')
  async settings(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Query('ok') ok: unknown,
    @Res() response: Response,
  ) {
    const notice = typeof ok === 'string' ? SETTINGS_NOTICES[ok] : undefined;
    return this.renderSettings(actor, session, response, 200, { notice });
  }

  private async renderSettings(
    actor: Actor,
    session: Session,
    response: Response,
    status: number,
    extra: { notice?: string; error?: string; cadenceForm?: CadenceFormRow[] },
  ) {
    const [all, rules] = await Promise.all([this.stages.list(actor, true), this.cadence.rules(actor)]);
    const active = all.filter((stage) => stage.archivedAt === null);
    const archived = all.filter((stage) => stage.archivedAt !== null);
    const context = await this.pages.build(actor, session, '/prospection', {
      title: 'Étapes et relances',
      styles: ['/static/board.css'],
      stages: active.map((stage, index) => ({
        ...stage,
        closed: stage.kind !== 'open',
        first: index === 0,
        last: index === active.length - 1,
      })),
      archivedStages: archived,
      cadence: extra.cadenceForm ?? this.cadenceRows(rules),
      actionTypes: NEXT_ACTION_TYPES.map((type) => ({ value: type, label: NEXT_ACTION_LABELS[type] })),
      units: CADENCE_UNITS.map((unit) => ({ value: unit, label: CADENCE_UNIT_LABELS[unit] })),
      notice: extra.notice,
      error: extra.error,
    });
    return response.status(status).render('pipeline-settings', context);
  }

  private cadenceRows(rules: CadenceRule[]): CadenceFormRow[] {
    return CADENCE_TRIGGERS.map((trigger, index) => {
      const rule = rules.find((candidate) => candidate.trigger === trigger);
      return {
        index,
        trigger,
        label: CADENCE_TRIGGER_LABELS[trigger],
        actionType: rule?.actionType ?? '',
        amount: rule ? String(rule.amount) : '',
        unit: rule?.unit ?? 'days',
      };
    });
  }

  /** Runs a settings change: redirect 303 with a notice, or the page again with the error in French. */
  private async settingsChange(
    actor: Actor,
    session: Session,
    response: Response,
    notice: string,
    change: () => Promise<unknown>,
    cadenceForm?: CadenceFormRow[],
  ) {
    try {
      await change();
    } catch (error) {
      const known =
        error instanceof ValidationFailedException ||
        error instanceof ConflictException ||
        error instanceof UnprocessableEntityException;
      if (!known) throw error;
      return this.renderSettings(actor, session, response, (error as HttpException).getStatus(), {
        error: pipelineErrorFr(error),
        cadenceForm,
      });
    }
    return response.redirect(303, `/prospection/reglages?ok=${notice}`);
  }

  @Post('prospection/reglages/etapes')
  @Roles('manager')
  async addStage(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Body() form: Raw, @Res() response: Response) {
    return this.settingsChange(actor, session, response, 'ajout', async () => {
      const input: CreateStageDto = { name: stageName(form.name), stalledAfterDays: stalledDays(form.stalledAfterDays) };
      await this.stages.create(actor, input);
    });
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
    return this.settingsChange(actor, session, response, 'etape', async () => {
      const input: UpdateStageDto = { name: stageName(form.name), stalledAfterDays: stalledDays(form.stalledAfterDays) };
      await this.stages.update(actor, id, input);
    });
  }

  @Post('prospection/reglages/etapes/:id/archiver')
  @Roles('manager')
  async archiveStage(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: Session,
    @Param('id', ParseIdPipe) id: string,
    @Res() response: Response,
  ) {
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
    return this.settingsChange(
      actor,
      session,
      response,
      'cadence',
      async () => {
        const problems = rows.flatMap((row) => (row.problem ? [{ field: `rules[${row.index}]`, ...row.problem }] : []));
        if (problems.length) throw new ValidationFailedException(problems);
        const rules = rows.flatMap((row) =>
          row.actionType ? [{ trigger: row.trigger, actionType: row.actionType as NextActionType, amount: Number(row.amount), unit: row.unit as CadenceUnit }] : [],
        );
        await this.cadence.update(actor, { rules });
      },
      rows,
    );
  }

  @Post('prospection/reglages/relances/reinitialiser')
  @Roles('manager')
  async resetCadence(@CurrentActor() actor: Actor, @CurrentSession() session: Session, @Res() response: Response) {
    return this.settingsChange(actor, session, response, 'defaut', () => this.cadence.reset(actor));
  }
}

interface CadenceFormRow {
  index: number;
  trigger: (typeof CADENCE_TRIGGERS)[number];
  label: string;
  actionType: string;
  amount: string;
  unit: string;
  /** What is wrong with the row, if anything (English for the logs, the code for the page). */
  problem?: Omit<FieldProblem, 'field'>;
}

const STAGE_NAME_MAX = 80;
const CADENCE_MAX_DELAY = 365;

function stageName(value: unknown): string {
  const name = text(value);
  if (!name) throw new ValidationFailedException([{ field: 'name', message: 'name is required', ...because(PROSPECTION.stageNameRequired) }]);
  if (name.length > STAGE_NAME_MAX) {
    throw new ValidationFailedException([
      { field: 'name', message: `name must be at most ${STAGE_NAME_MAX} characters`, ...because(PROSPECTION.stageNameTooLong, { max: STAGE_NAME_MAX }) },
    ]);
  }
  return name;
}

/** Empty means "never stalled". */
function stalledDays(value: unknown): number | null {
  const raw = text(value);
  if (!raw) return null;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 3650) {
    throw new ValidationFailedException([
      { field: 'stalledAfterDays', message: 'stalledAfterDays must be a whole number of days between 1 and 3650', ...because(PROSPECTION.stalledAfterDaysInvalid) },
    ]);
  }
  return days;
}

/** The cadence table of the settings form: `rules[i][actionType|amount|unit]`, one row per trigger. */
function cadenceFormRows(form: Raw): CadenceFormRow[] {
  const posted = (form.rules ?? {}) as Record<string, Record<string, unknown> | undefined>;
  return CADENCE_TRIGGERS.map((trigger, index) => {
    const row = posted[String(index)] ?? {};
    const actionType = text(row.actionType);
    const amount = text(row.amount);
    const unit = text(row.unit);
    const label = CADENCE_TRIGGER_LABELS[trigger];
    let problem: CadenceFormRow['problem'];
    if (actionType && !(NEXT_ACTION_TYPES as readonly string[]).includes(actionType)) {
      problem = { message: `${trigger}: unknown action type`, ...because(PROSPECTION.cadenceActionUnknown, { label }) };
    } else if (actionType && (!/^\d+$/.test(amount) || Number(amount) > CADENCE_MAX_DELAY)) {
      problem = {
        message: `${trigger}: the delay must be a whole number between 0 and ${CADENCE_MAX_DELAY}`,
        ...because(PROSPECTION.cadenceDelayInvalid, { label, max: CADENCE_MAX_DELAY }),
      };
    } else if (actionType && !(CADENCE_UNITS as readonly string[]).includes(unit)) {
      problem = { message: `${trigger}: unknown unit`, ...because(PROSPECTION.cadenceUnitUnknown, { label }) };
    }
    return { index, trigger, label, actionType, amount, unit: unit || 'days', problem };
  });
}
