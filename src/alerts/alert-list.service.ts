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

interface AlertRow {
  id: string;
  kind: AlertKind;
  reasons: AnswerReason[];
  resolved_by_name: string | null;
  resolution_note: string | null;
  message: string;
  created_at: Date;
  user_id: string | null;
  user_name: string | null;
  placement_id: string | null;
  candidate_id: string | null;
  candidate_name: string | null;
  company_name: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  check_in_id: string | null;
  party: string | null;
  step: string | null;
  check_in_status: string | null;
  rating: number | null;
  going_well: string | null;
  difficulties: Difficulty[] | null;
  difficulty_details: string | null;
  wants_call: boolean | null;
  answered_at: Date | null;
  total: string;
}

const SELECT_ALERTS = `SELECT a.id, a.kind, a.reasons, a.resolution_note, r.first_name || ' ' || r.last_name AS resolved_by_name, a.message, a.created_at, a.user_id, u.first_name || ' ' || u.last_name AS user_name,
  a.placement_id, coalesce(p.candidate_id, a.candidate_id) AS candidate_id, c.first_name || ' ' || c.last_name AS candidate_name, co.name AS company_name,
  a.resolved_at, a.resolved_by, a.check_in_id, ci.party, ci.step, ci.status AS check_in_status, ci.rating,
  ci.going_well, ci.difficulties, ci.difficulty_details, ci.wants_call, ci.answered_at`;

/** Every join stays inside the alert's structure. */
const FROM_ALERTS = `FROM staff_alert a
  LEFT JOIN app_user u ON u.id = a.user_id AND u.structure_id = a.structure_id
  LEFT JOIN app_user r ON r.id = a.resolved_by AND r.structure_id = a.structure_id
  LEFT JOIN placement p ON p.id = a.placement_id AND p.structure_id = a.structure_id
  LEFT JOIN candidate c ON c.id = coalesce(p.candidate_id, a.candidate_id) AND c.structure_id = a.structure_id
  LEFT JOIN company co ON co.id = p.company_id AND co.structure_id = a.structure_id
  LEFT JOIN check_in ci ON ci.id = a.check_in_id AND ci.structure_id = a.structure_id`;

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
    const params: unknown[] = [actor.structureId];
    const where = ['a.structure_id = $1'];
    if (mine) {
      params.push(actor.userId);
      where.push(`a.user_id = $${params.length}`);
    }
    if (filter.resolved !== undefined) where.push(filter.resolved ? 'a.resolved_at IS NOT NULL' : 'a.resolved_at IS NULL');
    params.push(filter.limit, filter.offset);
    const rows = (await this.dataSource.query(
      `${SELECT_ALERTS}, count(*) OVER () AS total ${FROM_ALERTS}
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as AlertRow[];
    const total = rows.length ? Number(rows[0].total) : await this.count(where, params.slice(0, -2));
    return { items: rows.map(toView), total, limit: filter.limit, offset: filter.offset };
  }

  /**
   * One alert with the answer behind it. Staff see those addressed to them or to nobody (as they
   * resolve them); managers and admins every alert of the structure.
   */
  async get(actor: Actor, id: string): Promise<AlertView> {
    const [row] = (await this.dataSource.query(
      `${SELECT_ALERTS}, 1 AS total ${FROM_ALERTS} WHERE a.id = $1 AND a.structure_id = $2`,
      [id, actor.structureId],
    )) as AlertRow[];
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
    await this.dataSource.query(
      `UPDATE staff_alert SET resolved_at = $3, resolved_by = $4, resolution_note = $5, updated_at = now()
        WHERE id = $1 AND structure_id = $2 AND resolved_at IS NULL`,
      [id, actor.structureId, this.clock.now(), actor.userId, written],
    );
    return this.get(actor, id);
  }

  /** Every alert a placement raised, handled ones included, oldest first: its follow-up history. */
  async ofPlacement(actor: Actor, placementId: string): Promise<AlertView[]> {
    const rows = (await this.dataSource.query(
      `${SELECT_ALERTS}, 1 AS total ${FROM_ALERTS} WHERE a.placement_id = $1 AND a.structure_id = $2 ORDER BY a.created_at, a.id`,
      [placementId, actor.structureId],
    )) as AlertRow[];
    return rows.map(toView);
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS total FROM staff_alert a WHERE ${where.join(' AND ')}`,
      params,
    )) as Array<{ total: string }>;
    return Number(row.total);
  }
}
