import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { AlertsService } from './alerts.service';
import { noAnswerAlert } from '../checkins/check-in-alerts';
import { claimUnansweredCheckIns, loadCheckInContext } from '../checkins/check-in-alerts.queries';

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
        const rows = await claimUnansweredCheckIns(manager, now, BATCH);
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
