import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { AlertsService } from './alerts.service';
import { loadCheckInContext, noAnswerAlert } from '../checkins/check-in-alerts';

const BATCH = 200;

/**
 * Raises `no_answer` once for each sent check-in still unanswered after the structure's
 * `check_in_no_answer_days`. Marking `no_answer_alerted_at` and raising happen in one transaction;
 * rows are claimed with SKIP LOCKED, so two workers scanning at once never raise twice.
 */
@Injectable()
export class NoAnswerScanService {
  private readonly logger = new Logger(NoAnswerScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many alerts were raised. */
  async scan(now: Date = this.clock.now()): Promise<number> {
    let raised = 0;
    for (;;) {
      const { count, claimed, mails } = await this.dataSource.transaction(async (manager) => {
        const [rows] = (await manager.query(
          `UPDATE check_in SET no_answer_alerted_at = $1
            WHERE id IN (
              SELECT ci.id FROM check_in ci
                JOIN structure s ON s.id = ci.structure_id
               WHERE ci.status = 'sent' AND ci.answered_at IS NULL AND ci.no_answer_alerted_at IS NULL
                 AND ci.sent_at IS NOT NULL
                 AND ci.sent_at + make_interval(days => s.check_in_no_answer_days) <= $1
               ORDER BY ci.sent_at
               LIMIT ${BATCH}
               FOR UPDATE OF ci SKIP LOCKED)
            RETURNING id`,
          [now],
        )) as [Array<{ id: string }>, number];
        const recorded: OutboxMessage[] = [];
        let count = 0;
        for (const { id } of rows) {
          const context = await loadCheckInContext(manager, id);
          if (!context) continue;
          const days = Math.max(1, Math.floor((now.getTime() - (context.sentAt ?? now).getTime()) / 86_400_000));
          const { alerts, mails } = await this.alerts.raise(manager, noAnswerAlert(context, days));
          if (alerts.length) count += 1;
          recorded.push(...mails);
        }
        return { count, claimed: rows.length, mails: recorded };
      });
      await this.alerts.dispatch(mails);
      raised += count;
      if (claimed < BATCH) break;
    }
    if (raised) this.logger.log(`raised ${raised} no-answer alert(s)`);
    return raised;
  }
}
