import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, SensitiveRead } from '../audit/audit.service';
import { DIFFICULTY_LABELS, Difficulty } from '../checkins/check-in.entity';
import { AlertKind, AnswerReason } from './staff-alert.entity';
import { Clock } from '../common/clock';
import { Page } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { alertLabel } from './alerts.service';
import { RATING_LABELS } from '../checkins/check-in-alerts';
import { alertPage, AlertRow, alertRow, alertRowsOfPlacement, resolveAlert } from './alert-list.queries';
import { AUTH, CHECKIN, RECORD } from '../refusals/index';
import { ValidationFailedException } from '../common/validation';
import { because, ForbiddenRefusal, NotFoundRefusal } from '../refusals/refused';

/** The longest note a resolution keeps (as the API's DTO says). */
export const RESOLUTION_NOTE_MAX = 2000;

export interface AlertFilter {
  /** Staff always see their own; managers and admins see the whole structure unless `mine`. */
  mine?: boolean;
  resolved?: boolean;
  limit: number;
  offset: number;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  /** An answer's reasons (empty for other alerts); the label names them all. */
  reasons: AnswerReason[];
  kindLabel: string;
  message: string;
  createdAt: Date;
  userId: string | null;
  userName: string | null;
  placementId: string | null;
  candidateId: string | null;
  candidateName: string | null;
  companyName: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolvedByName: string | null;
  /** What was done about it, written when resolving. */
  resolutionNote: string | null;
  /** The answer behind the alert, details included: they stay in the app, never in e-mails. */
  checkIn: {
    id: string;
    party: string;
    step: string;
    status: string;
    rating: number | null;
    ratingLabel: string | null;
    goingWell: string | null;
    difficulties: Difficulty[];
    difficultyLabels: string[];
    difficultyDetails: string | null;
    wantsCall: boolean | null;
    answeredAt: Date | null;
  } | null;
}

function toView(row: AlertRow): AlertView {
  return {
    id: row.id,
    kind: row.kind,
    reasons: row.reasons,
    kindLabel: alertLabel(row),
    message: row.message,
    createdAt: row.created_at,
    userId: row.user_id,
    userName: row.user_name,
    placementId: row.placement_id,
    candidateId: row.candidate_id,
    candidateName: row.candidate_name,
    companyName: row.company_name,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolvedByName: row.resolved_by_name,
    resolutionNote: row.resolution_note,
    checkIn: row.check_in_id
      ? {
          id: row.check_in_id,
          party: row.party!,
          step: row.step!,
          status: row.check_in_status!,
          rating: row.rating,
          ratingLabel: row.rating ? RATING_LABELS[row.rating] : null,
          goingWell: row.going_well,
          difficulties: row.difficulties ?? [],
          difficultyLabels: (row.difficulties ?? []).map((difficulty) => DIFFICULTY_LABELS[difficulty] ?? difficulty),
          difficultyDetails: row.difficulty_details,
          wantsCall: row.wants_call,
          answeredAt: row.answered_at,
        }
      : null,
  };
}

/** Alert lists for staff (their own) and managers (the structure's), and resolving them. */
@Injectable()
export class AlertListService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * An answer or page that carries alerts with the answers behind them (what the person wrote and
   * ticked) is a sensitive read of those people: one event naming them, nothing when no answer was shown.
   */
  async recordAnswersRead(actor: Actor, alerts: AlertView[], read: SensitiveRead): Promise<void> {
    const people = alerts.filter((alert) => alert.checkIn?.answeredAt && alert.candidateId).map((alert) => alert.candidateId!);
    await this.audit.recordSensitiveRead(actor, people, read);
  }

  async list(actor: Actor, filter: AlertFilter): Promise<Page<AlertView>> {
    const mine = actor.role === 'staff' || filter.mine === true;
    const { rows, total } = await alertPage(this.dataSource.manager, actor.structureId, {
      userId: mine ? actor.userId : null,
      resolved: filter.resolved,
      limit: filter.limit,
      offset: filter.offset,
    });
    return { items: rows.map(toView), total, limit: filter.limit, offset: filter.offset };
  }

  /**
   * One alert with the answer behind it. Staff see those addressed to them or to nobody (as they
   * resolve them); managers and admins every alert of the structure.
   */
  async get(actor: Actor, id: string): Promise<AlertView> {
    const row = await alertRow(this.dataSource.manager, actor.structureId, id);
    if (!row) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'alert' }), `Alert ${id} not found`);
    if (actor.role === 'staff' && row.user_id && row.user_id !== actor.userId) {
      throw new ForbiddenRefusal(because(AUTH.alertNotYours), 'Only the staff member it is for, or a manager, can see this alert');
    }
    return toView(row);
  }

  /**
   * Marks an alert handled, with what was done (`note`, optional); resolving twice keeps the first
   * resolution and its note. Staff resolve their own or unassigned ones.
   */
  async resolve(actor: Actor, id: string, note: string | null = null): Promise<AlertView> {
    const written = note?.trim() || null;
    if (written && written.length > RESOLUTION_NOTE_MAX) {
      throw new ValidationFailedException([
        { field: 'note', message: `note must be at most ${RESOLUTION_NOTE_MAX} characters`, ...because(CHECKIN.alertNoteInvalid, { field: 'note' }) },
      ]);
    }
    await this.get(actor, id);
    await resolveAlert(this.dataSource.manager, actor.structureId, id, this.clock.now(), actor.userId, written);
    return this.get(actor, id);
  }

  /** Every alert a placement raised, handled ones included, oldest first: its follow-up history. */
  async ofPlacement(actor: Actor, placementId: string): Promise<AlertView[]> {
    const rows = await alertRowsOfPlacement(this.dataSource.manager, actor.structureId, placementId);
    return rows.map(toView);
  }
}
