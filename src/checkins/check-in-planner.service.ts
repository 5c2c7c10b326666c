import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { ruptureMessage } from './check-in-alerts';
import { Clock } from '../common/clock';
import { withTimeout } from '../common/with-timeout';
import { AppConfig } from '../config/env';
import { addJobs, QueuedJob, queuedJob } from '../jobs/job-data';
import { JOBS, QUEUES, checkInJobId } from '../jobs/queues';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Placement } from '../placements/placement.entity';
import { addCalendarDays } from '../common/calendar/working-days';
import { Structure } from '../structures/structure.entity';
import { planCheckIns, zonedInstant } from './check-in-plan';
import {
  cancelPlannedCheckIns,
  cancelPlannedCheckInsFrom,
  candidateAndCompanyNames,
  plannedCheckInsAfter,
  skipStepsNotInPlan,
  upsertCheckInPlan,
} from './check-in-plan.queries';

const ENQUEUE_TIMEOUT_MS = 2000;
const RECONCILE_PAGE = 1000;

/** What the queue needs of a planned row. */
export interface QueuedCheckIn {
  id: string;
  dueAt: Date;
}

/**
 * The plan of check-ins of each placement, in PostgreSQL first (inside the caller's transaction),
 * then one delayed BullMQ job per planned row once the transaction commits. Redis can always be
 * rebuilt from PostgreSQL: `reconcile` queues again every planned row whose job is missing.
 */
@Injectable()
export class CheckInPlannerService {
  private readonly logger = new Logger(CheckInPlannerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.checkIns) private readonly queue: Queue,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * (Re)plans a placement: one row per step and party that receives it, upserted on (placement, party, step), so
   * planning twice changes nothing. Rows still planned or skipped take the new due date, status and
   * skip reason; rows already sent, answered, failed, cancelled or turned into a call stay as they
   * are. Planned steps no longer in the plan are skipped. Steps past at this moment follow the plan's
   * rule (only the most recent is still sent): re-planning at the start re-applies it, so a step that
   * came due while the placement was still planned is treated like one recorded late.
   * Returns the rows to queue after the commit: none before the placement has started.
   */
  async plan(manager: EntityManager, placement: Placement): Promise<QueuedCheckIn[]> {
    const structure = await manager.getRepository(Structure).findOneByOrFail({ id: placement.structureId });
    const steps = planCheckIns({
      kind: placement.kind,
      startDate: placement.startDate,
      plannedEndDate: placement.plannedEndDate,
      offsets: structure.checkInOffsets,
      parties: structure.checkInParties,
      timeZone: this.config.BUSINESS_TIME_ZONE,
      now: this.clock.now(),
    });
    // One row per step and party that receives it.
    const rowsToPlan = steps.flatMap((step) => step.parties.map((party) => ({ ...step, party })));
    const rows = rowsToPlan.length ? await upsertCheckInPlan(manager, placement.structureId, placement.id, rowsToPlan) : [];
    await skipStepsNotInPlan(
      manager,
      placement.id,
      rowsToPlan.map((row) => `${row.step}|${row.party}`),
    );
    if (placement.status !== 'started') return [];
    return rows.filter((row) => row.status === 'planned').map((row) => ({ id: row.id, dueAt: new Date(row.due_at) }));
  }

  /**
   * The placement ended. Early (a rupture): every planned step is cancelled, and the follow-up staff
   * and each active manager of the structure get a `rupture` alert. Normally: the steps due after
   * the end day are cancelled. Runs in the caller's transaction; returns the alert e-mails, for the
   * caller to `AlertsService.dispatch` once it has committed.
   */
  async closePlan(manager: EntityManager, placement: Placement): Promise<OutboxMessage[]> {
    if (placement.endKind === 'early') {
      await cancelPlannedCheckIns(manager, placement.id);
      return this.raiseRupture(manager, placement);
    }
    if (!placement.endDate) return [];
    const afterEnd = zonedInstant(addCalendarDays(placement.endDate, 1), 0, 0, this.config.BUSINESS_TIME_ZONE);
    await cancelPlannedCheckInsFrom(manager, placement.id, afterEnd.toISOString());
    return [];
  }

  private async raiseRupture(manager: EntityManager, placement: Placement): Promise<OutboxMessage[]> {
    const names = await candidateAndCompanyNames(manager, placement.candidateId, placement.companyId);
    // The alert is e-mailed too: the rupture reason (free text, maybe personal) stays in the app.
    const message = ruptureMessage(names?.candidate, names?.company, placement.endDate);
    const { mails } = await this.alerts.raise(manager, {
      structureId: placement.structureId,
      placementId: placement.id,
      checkInId: null,
      kind: 'rupture',
      message,
      alsoManagers: true,
    });
    return mails;
  }

  /**
   * Best effort, after the commit: a failure only delays the rows until the next reconciliation.
   * `replace` drops a job already queued for the row first (its due date moved); a job running at
   * that moment cannot be dropped, and re-delays itself when it finds the row not yet due.
   */
  async enqueue(rows: QueuedCheckIn[], options: { replace?: boolean } = {}): Promise<void> {
    if (!rows.length) return;
    const adding = (async () => {
      if (options.replace) await Promise.all(rows.map((row) => this.queue.remove(checkInJobId(row.id))));
      await addJobs(this.queue, rows.map((row) => this.job(row)));
    })();
    try {
      await withTimeout(adding, ENQUEUE_TIMEOUT_MS, 'Redis');
    } catch (error) {
      this.logger.warn(`could not queue ${rows.length} check-in(s) now (${String(error)}); the reconciler will`);
    }
  }

  /**
   * Queues again, page by page, every planned row whose job Redis lost (flushed, or never queued
   * because Redis was down at planning time). A job already finished while its row is still planned
   * (a re-plan that could not drop it) is replaced. Returns how many were queued.
   */
  async reconcile(): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let queued = 0;
    for (;;) {
      const page = await plannedCheckInsAfter(this.dataSource, after, RECONCILE_PAGE);
      if (!page.length) break;
      const missing: QueuedCheckIn[] = [];
      await Promise.all(
        page.map(async (row) => {
          const job = await this.queue.getJob(checkInJobId(row.id));
          if (job?.finishedOn) await this.queue.remove(checkInJobId(row.id));
          if (!job || job.finishedOn) missing.push(row);
        }),
      );
      if (missing.length) await addJobs(this.queue, missing.map((row) => this.job(row)));
      queued += missing.length;
      after = page[page.length - 1].id;
      if (page.length < RECONCILE_PAGE) break;
    }
    if (queued) this.logger.log(`re-queued ${queued} planned check-in(s) missing from Redis`);
    return queued;
  }

  private job(row: QueuedCheckIn): QueuedJob<typeof JOBS.sendCheckIn> {
    return queuedJob(
      JOBS.sendCheckIn,
      { checkInId: row.id },
      { jobId: checkInJobId(row.id), delay: Math.max(0, row.dueAt.getTime() - this.clock.now().getTime()) },
    );
  }
}
