import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { Clock } from '../common/clock';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { CompaniesService } from '../companies/companies.service';
import { staleCompany } from '../companies/company-query';
import { Company } from '../companies/company.entity';
import { CompanyView } from '../companies/dto/company-view.dto';
import { communePoint } from '../leads/communes';
import { MeetingInvitations } from '../meetings/meeting-invitations.service';
import { CadenceService } from '../prospection/cadence.service';
import { PipelineStage } from '../prospection/pipeline-stage.entity';
import { SUGGESTION } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { assertVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { User } from '../users/user.entity';
import { cadenceHorizon, dueBecause, DueBecause, EMPTY_TALLY, History, Reach, reasonsFor, ScoreTables, scoreTables, Tally } from './call-score';
import {
  companyCommunes,
  currentCandidates,
  dismissalTallies,
  historyTallies,
  learnedRomeDivisions,
  rankedWindow,
  RankedRow,
} from './call-suggestions.queries';
import { CallSuggestionDismissal, DISMISSAL_REASONS, DismissalReason } from './call-suggestion-dismissal.entity';
import { hiddenUntil } from './dismissal-period';
import { reachByCommune } from './reach';
import { wantingCandidates } from './rome-sectors';

export const SUGGESTION_SCOPES = ['me', 'team'] as const;
export type SuggestionScope = (typeof SUGGESTION_SCOPES)[number];

export const DEFAULT_SUGGESTIONS = 20;
export const MAX_SUGGESTIONS = 100;
export const DISMISSAL_NOTE_MAX = 500;

export interface CallSuggestion {
  companyId: string;
  name: string;
  commune: string | null;
  postcode: string | null;
  nafCode: string | null;
  sectorLabel: string | null;
  phone: string | null;
  owner: { id: string; name: string } | null;
  stageName: string;
  version: number;
  /** Rounded to one decimal; the order is the exact score's. */
  score: number;
  due: DueBecause['kind'];
  reasons: string[];
}

export interface DismissalInput {
  reason?: string | null;
  note?: string | null;
}

// Rows read per window: most rows pass `dueBecause` (a contact always plans the next one), so one usually suffices.
const WINDOW_FACTOR = 2;
const MIN_WINDOW = 50;
const MAX_WINDOWS = 20;
const MODEL_TTL_MS = 5 * 60_000;
const MAX_MODELS = 200;

interface Model {
  history: History;
  fit: Map<string, number>;
  reach: Map<string, Reach>;
  tables: ScoreTables;
}

/**
 * « À appeler cette semaine »: companies to call, ranked from the structure's own history and its
 * candidates (see call-score.ts); taking one assigns it with a call due today, dismissing one hides
 * it for its period and teaches the ranking.
 */
@Injectable()
export class CallSuggestionsService {
  private readonly companiesOf: ScopedRepository<Company>;
  private readonly models = new Map<string, { at: number; model: Model }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Company) companyRepository: Repository<Company>,
    private readonly companies: CompaniesService,
    private readonly cadence: CadenceService,
    private readonly meetings: MeetingInvitations,
    private readonly businessDay: BusinessDay,
    private readonly clock: Clock,
  ) {
    this.companiesOf = new ScopedRepository(companyRepository, 'company');
  }

  async list(actor: Actor, scope: SuggestionScope = 'me', limit = DEFAULT_SUGGESTIONS): Promise<CallSuggestion[]> {
    const manager = this.dataSource.manager;
    const structureId = actor.structureId;
    const today = this.businessDay.today();
    const { history, fit, reach, tables } = await this.model(actor);
    const horizon = cadenceHorizon(await this.cadence.rules(actor));

    const window = Math.max(limit * WINDOW_FACTOR, MIN_WINDOW);
    const found: CallSuggestion[] = [];
    for (let round = 0; round < MAX_WINDOWS && found.length < limit; round++) {
      const rows = await rankedWindow(manager, structureId, tables, {
        today,
        ownerOrNobody: scope === 'me' ? actor.userId : null,
        noNeedDays: horizon.noNeedDays,
        offset: round * window,
        limit: window,
        timeZone: this.businessDay.timeZone,
      });
      for (const row of rows) {
        const due = dueBecause(row, today, horizon);
        if (due) found.push(suggestion(row, due, reasonsFor(row, due, history, fit, reach)));
        if (found.length === limit) break;
      }
      if (rows.length < window) break;
    }
    return found;
  }

  /**
   * Takes a suggestion: the company becomes mine with a call due today, through the same versioned
   * save as any edit (audit trail, meeting invitations cancelled if one was planned). Refused when
   * someone planned an action from today on meanwhile, or the company is refused or a partner.
   */
  async take(actor: Actor, companyId: string, version?: number): Promise<CompanyView> {
    const today = this.businessDay.today();
    const sent = await this.dataSource.transaction(async (manager) => {
      const company = await this.companiesOf.withManager(manager).get(actor, companyId);
      assertVersion(company.version, version, () => staleCompany(company));
      if (company.nextActionDue && company.nextActionDue >= today) {
        const who = await manager.getRepository(User).findOneBy({ id: company.nextActionOwnerId ?? company.ownerId ?? undefined, structureId: actor.structureId });
        const owner = who ? `${who.firstName} ${who.lastName}` : 'l’équipe';
        throw new ConflictRefusal(
          because(SUGGESTION.alreadyPlanned, { dueOn: company.nextActionDue, owner }),
          `company "${company.name}" already has a next action on ${company.nextActionDue}`,
        );
      }
      const stage = await manager.getRepository(PipelineStage).findOneByOrFail({ id: company.stageId, structureId: actor.structureId });
      if (stage.kind === 'refused' || stage.key === 'active_partner') {
        throw new ConflictRefusal(because(SUGGESTION.closed), `company "${company.name}" is in stage "${stage.name}"`);
      }
      return this.companies.saveVersioned(manager, actor, company, {
        ownerId: actor.userId,
        nextActionType: 'call',
        nextActionDue: today,
        nextActionOwnerId: actor.userId,
        nextActionTime: null,
        nextActionNote: null,
        nextActionContactId: null,
      });
    });
    this.models.delete(actor.structureId);
    await this.meetings.dispatch(sent);
    return this.companies.get(actor, companyId);
  }

  /** Sets a suggestion aside for the whole team until `hiddenUntil` (exclusive); « Autre » needs a note. */
  async dismiss(actor: Actor, companyId: string, input: DismissalInput): Promise<{ companyId: string; reason: DismissalReason; hiddenUntil: string }> {
    await this.companiesOf.get(actor, companyId);
    const reason = DISMISSAL_REASONS.find((known) => known === input.reason);
    const note = typeof input.note === 'string' ? input.note.trim() : '';
    const problems: FieldProblem[] = [];
    if (!reason) problems.push({ field: 'reason', message: `reason must be one of ${DISMISSAL_REASONS.join(', ')}`, ...because(SUGGESTION.reasonInvalid, { field: 'reason' }) });
    if (reason === 'other' && !note) problems.push({ field: 'note', message: 'note is required when the reason is other', ...because(SUGGESTION.noteRequired, { field: 'note' }) });
    if (note.length > DISMISSAL_NOTE_MAX) {
      problems.push({ field: 'note', message: `note must be at most ${DISMISSAL_NOTE_MAX} characters`, ...because(SUGGESTION.noteTooLong, { field: 'note', max: DISMISSAL_NOTE_MAX }) });
    }
    if (problems.length || !reason) throw new ValidationFailedException(problems);
    const until = hiddenUntil(this.businessDay.today(), reason);
    await this.dataSource.getRepository(CallSuggestionDismissal).insert({
      structureId: actor.structureId,
      companyId,
      reason,
      note: note || null,
      dismissedBy: actor.userId,
      dismissedAt: this.clock.now(),
      hiddenUntil: until,
    });
    this.models.delete(actor.structureId);
    return { companyId, reason, hiddenUntil: until };
  }

  /**
   * What the ranking weighs, per structure: reading the history and placing the candidates costs
   * ~0.5 s on 100,000 companies, and changes slowly, so it is kept for `MODEL_TTL_MS` (by the one
   * clock) in this process and dropped at once when someone of the structure takes or dismisses a
   * suggestion here. Another API process sees a dismissal's lesson within that time.
   */
  private async model(actor: Actor): Promise<Model> {
    const now = this.clock.now().getTime();
    const kept = this.models.get(actor.structureId);
    if (kept && now - kept.at < MODEL_TTL_MS && now >= kept.at) return kept.model;
    const manager = this.dataSource.manager;
    const structureId = actor.structureId;
    const history = await this.history(actor);
    const candidates = await currentCandidates(manager, structureId);
    const learned = new Map<string, Set<string>>();
    for (const { romeCode, division } of await learnedRomeDivisions(manager, structureId)) {
      learned.set(romeCode, (learned.get(romeCode) ?? new Set()).add(division));
    }
    const fit = wantingCandidates(
      candidates.map((candidate) => candidate.romeCodes),
      learned,
    );
    const reach = reachByCommune(await companyCommunes(manager, structureId), candidates, communePoint);
    const model = { history, fit, reach, tables: scoreTables(history, fit, reach) };
    if (this.models.size >= MAX_MODELS) this.models.delete(this.models.keys().next().value!);
    this.models.set(structureId, { at: now, model });
    return model;
  }

  /** The structure's tallies per trait, with the dismissals that count as failures. */
  private async history(actor: Actor): Promise<History> {
    const manager = this.dataSource.manager;
    const history: History = { all: { ...EMPTY_TALLY }, division: new Map(), band: new Map(), area: new Map() };
    for (const row of await historyTallies(manager, actor.structureId)) {
      const tally: Tally = { contacted: row.contacted, successes: row.successes, dismissed: 0 };
      if (row.dimension === 'all') history.all = tally;
      else if (row.key !== null) history[row.dimension].set(row.key, tally);
    }
    for (const row of await dismissalTallies(manager, actor.structureId)) {
      const map = row.reason === 'sector' ? history.division : history.area;
      const tally = map.get(row.key) ?? { ...EMPTY_TALLY };
      map.set(row.key, { ...tally, dismissed: tally.dismissed + row.companies });
    }
    return history;
  }
}

function suggestion(row: RankedRow, due: DueBecause, reasons: string[]): CallSuggestion {
  return {
    companyId: row.id,
    name: row.name,
    commune: row.commune,
    postcode: row.postcode,
    nafCode: row.nafCode,
    sectorLabel: row.sectorLabel,
    phone: row.phone,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '—' } : null,
    stageName: row.stageName,
    version: row.version,
    score: Math.round(row.score * 10) / 10,
    due: due.kind,
    reasons,
  };
}
