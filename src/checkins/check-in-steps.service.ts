import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { Placement } from '../placements/placement.entity';
import { CHECKIN, RECORD } from '../refusals/index';
import { because, ConflictRefusal, ForbiddenRefusal, NotFoundRefusal } from '../refusals/refused';
import { isCalendarDay } from '../common/dates';
import { ValidationFailedException } from '../common/validation';
import { addCalendarDays, calendarDayIn } from '../common/calendar/working-days';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { planCheckIns, PlannedStep, zonedInstant } from './check-in-plan';
import { CheckInSenderService } from './check-in-sender.service';
import { CheckIn } from './check-in.entity';
import { answeredCheckInsOfCandidate, lockedStepOf, resolveCallTaskAlerts } from './check-ins.queries';

/** The placement terms a plan depends on. */
export type PlanTerms = Pick<Placement, 'kind' | 'startDate' | 'plannedEndDate'>;

/**
 * Staff steering one placement's plan: a step sent now, a call task done, the plan new dates would
 * make. Sending goes through CheckInSenderService, the workers' own path, so a step is still sent
 * exactly once whoever sends it first.
 */
@Injectable()
export class CheckInStepsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: CheckInSenderService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The placement's steps, both parties, in due order (404 for another structure's placement). */
  async steps(actor: Actor, placementId: string): Promise<CheckIn[]> {
    await this.placement(actor, placementId);
    return this.dataSource.getRepository(CheckIn).find({
      where: { placementId, structureId: actor.structureId },
      order: { dueAt: 'ASC', party: 'ASC' },
    });
  }

  /** A candidate's own answers (the employee side of their placements), newest first. */
  async answersOf(actor: Actor, candidateId: string): Promise<Array<CheckIn & { jobTitle: string; companyName: string }>> {
    const rows = await answeredCheckInsOfCandidate(this.dataSource.manager, actor.structureId, candidateId);
    if (!rows.length) return [];
    const found = await this.dataSource.getRepository(CheckIn).find({ where: { id: In(rows.map((row) => row.id)), structureId: actor.structureId } });
    const byId = new Map(found.map((row) => [row.id, row]));
    return rows.map((row) => Object.assign(byId.get(row.id)!, { jobTitle: row.jobTitle, companyName: row.companyName }));
  }

  /**
   * Sends a planned step now; it then counts as that step (its job, when its time comes, finds it
   * sent and does nothing). With no usable address it becomes a call task, as it would at its time.
   * An SMTP failure leaves it planned, with the error, for its job to try again at its time.
   */
  async sendNow(actor: Actor, placementId: string, checkInId: string): Promise<CheckIn> {
    const placement = await this.placement(actor, placementId);
    const row = await this.step(actor, placementId, checkInId);
    if (placement.status !== 'started') {
      throw new ConflictRefusal(because(CHECKIN.placementNotStarted, { placementId }), `status: placement ${placementId} is ${placement.status}, not started`, 'status');
    }
    if (row.status !== 'planned') throw this.notPlanned(row);
    let outcome;
    try {
      outcome = await this.sender.send(row.id, false, { ahead: true });
    } catch {
      // The SMTP error is on the row (lastError); its delayed job tries again at its time.
      return this.step(actor, placementId, checkInId);
    }
    if (outcome.result !== 'sent' && outcome.result !== 'call_task') throw this.notPlanned(await this.step(actor, placementId, checkInId));
    return this.step(actor, placementId, checkInId);
  }

  /**
   * Development and demonstration only (refused when NODE_ENV is production): sends, through the
   * workers' own path and in due order, every planned step of a started placement due by the end of
   * `day` (Paris), so that a trainer can show months of follow-up in a minute. Returns how many left.
   */
  async simulateUntil(actor: Actor, placementId: string, day: string): Promise<{ sent: number; callTasks: number }> {
    if (this.config.NODE_ENV === 'production') throw new ForbiddenRefusal(because(CHECKIN.simulationOff), 'Simulating a plan is off in production');
    const limit = addCalendarDays(calendarDayIn(this.config.BUSINESS_TIME_ZONE, this.clock.now()), 731);
    if (!isCalendarDay(day) || day > limit) {
      throw new ValidationFailedException([{ field: 'until', message: 'until must be a day within two years', ...because(CHECKIN.simulationDayInvalid, { field: 'until' }) }]);
    }
    const placement = await this.placement(actor, placementId);
    if (placement.status !== 'started') {
      throw new ConflictRefusal(because(CHECKIN.placementNotStarted, { placementId }), `status: placement ${placementId} is ${placement.status}, not started`, 'status');
    }
    const end = zonedInstant(addCalendarDays(day, 1), 0, 0, this.config.BUSINESS_TIME_ZONE);
    const due = await this.dataSource.getRepository(CheckIn).find({
      where: { placementId, structureId: actor.structureId, status: 'planned', dueAt: LessThan(end) },
      order: { dueAt: 'ASC', party: 'ASC' },
    });
    const counts = { sent: 0, callTasks: 0 };
    for (const row of due) {
      const outcome = await this.sender.send(row.id, false, { ahead: true });
      if (outcome.result === 'sent') counts.sent += 1;
      if (outcome.result === 'call_task') counts.callTasks += 1;
    }
    return counts;
  }

  /** The staff member called: the call task is done, with its note, and its alerts are resolved. */
  async markCallDone(actor: Actor, placementId: string, checkInId: string, note: string): Promise<CheckIn> {
    await this.placement(actor, placementId);
    await this.dataSource.transaction(async (manager) => {
      const row = await lockedStepOf(manager, actor.structureId, placementId, checkInId);
      if (!row) throw this.stepNotFound(checkInId);
      if (row.status !== 'call_task') {
        throw new ConflictRefusal(because(CHECKIN.notCallTask, { checkInId, status: row.status }), `status: check-in ${checkInId} is ${row.status}, not a call task`, 'status');
      }
      if (row.callDoneAt) throw new ConflictRefusal(because(CHECKIN.callAlreadyDone, { checkInId }), `status: the call of check-in ${checkInId} is already done`, 'status');
      const now = this.clock.now();
      await manager.update(CheckIn, { id: row.id }, { callDoneAt: now, callDoneBy: actor.userId, callNote: note });
      await resolveCallTaskAlerts(manager, actor.structureId, row.id, now, actor.userId);
    });
    return this.step(actor, placementId, checkInId);
  }

  /** The plan these terms would make now, with the structure's cadence (nothing is written). */
  async preview(actor: Actor, terms: PlanTerms): Promise<PlannedStep[]> {
    const structure = await this.dataSource.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
    return planCheckIns({
      kind: terms.kind,
      startDate: terms.startDate,
      plannedEndDate: terms.plannedEndDate,
      offsets: structure.checkInOffsets,
      parties: structure.checkInParties,
      timeZone: this.config.BUSINESS_TIME_ZONE,
      now: this.clock.now(),
    });
  }

  private async placement(actor: Actor, id: string): Promise<Placement> {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id, structureId: actor.structureId });
    if (!placement) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'placement' }), `Placement ${id} not found`);
    return placement;
  }

  private async step(actor: Actor, placementId: string, id: string): Promise<CheckIn> {
    const row = await this.dataSource.getRepository(CheckIn).findOneBy({ id, placementId, structureId: actor.structureId });
    if (!row) throw this.stepNotFound(id);
    return row;
  }

  private stepNotFound(id: string): NotFoundRefusal {
    return new NotFoundRefusal(because(RECORD.notFound, { record: 'check_in' }), `Check-in ${id} not found`);
  }

  private notPlanned(row: CheckIn): ConflictRefusal {
    return new ConflictRefusal(
      because(CHECKIN.notPlanned, { checkInId: row.id, status: row.status }),
      `status: check-in ${row.id} is ${row.status}; only a planned step can be sent`,
      'status',
    );
  }
}
