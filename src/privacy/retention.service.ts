import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { Candidate } from '../candidates/candidate.entity';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { calendarDayIn } from '../prospection/working-days';
import { AnonymiserService } from './anonymiser.service';
import { frenchDay } from '../prospection/working-days';

/** Days between the warning to the owner and the anonymisation, at least. */
export const RETENTION_WARNING_DAYS = 30;
const WARN_BATCH = 200;

export interface RetentionScanOptions {
  /** Only these structures (tests); every structure otherwise. */
  structureIds?: string[];
}

export interface RetentionScanResult {
  warned: number;
  anonymised: number;
  failed: number;
}

interface WarnedRow {
  id: string;
  structure_id: string;
  first_name: string;
  last_name: string;
  owner_id: string | null;
  exit_date: string;
  warned_for: string;
  retention_months: number;
  structure_name: string;
}

/**
 * The daily retention scan. PostgreSQL says what is due, so a lost or repeated job changes nothing:
 *
 * - the day an exited person's anonymisation day (exit date + the structure's `retention_months`)
 *   is 30 days away or less, their owner (else the structure's managers) gets a
 *   `retention_warning` alert, e-mailed through the outbox, once: the candidate row is marked in
 *   the same transaction with the day announced (never less than 30 days ahead);
 * - from the day announced on, provided it is on or after the anonymisation day, the person is
 *   anonymised. A shorter retention set later never anonymises before the day announced; a longer
 *   one postpones it and warns again 30 days before the new day.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anonymiser: AnonymiserService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(now: Date = this.clock.now(), options: RetentionScanOptions = {}): Promise<RetentionScanResult> {
    const warned = await this.warn(now, options);
    const { anonymised, failed } = await this.anonymiseDue(now, options);
    if (warned || anonymised || failed) {
      this.logger.log(`retention: ${warned} warning(s), ${anonymised} anonymisation(s), ${failed} failure(s)`);
    }
    return { warned, anonymised, failed };
  }

  private today(now: Date): string {
    return calendarDayIn(this.config.BUSINESS_TIME_ZONE, now);
  }

  /** Claims the candidates to warn (SKIP LOCKED: two workers never warn twice) and records the alerts and e-mails. */
  private async warn(now: Date, options: RetentionScanOptions): Promise<number> {
    const today = this.today(now);
    let warned = 0;
    for (;;) {
      const { claimed, mails } = await this.dataSource.transaction(async (manager) => {
        const params: unknown[] = [now, today, RETENTION_WARNING_DAYS];
        const scope = options.structureIds ? `AND c.structure_id = ANY($${params.push(options.structureIds)}::uuid[])` : '';
        const [rows] = (await manager.query(
          `WITH due AS (
             SELECT c.id, (c.exit_date + make_interval(months => s.retention_months))::date AS due_on
               FROM candidate c JOIN structure s ON s.id = c.structure_id
              WHERE c.status = 'exited' AND c.exit_date IS NOT NULL AND c.anonymised_at IS NULL
                AND (c.exit_date + make_interval(months => s.retention_months))::date - $3::int <= $2::date
                AND (c.retention_warned_for IS NULL
                     OR c.retention_warned_for < (c.exit_date + make_interval(months => s.retention_months))::date)
                ${scope}
              ORDER BY c.exit_date, c.id
              LIMIT ${WARN_BATCH}
              FOR UPDATE OF c SKIP LOCKED)
           UPDATE candidate c
              SET retention_warned_at = $1, retention_warned_for = GREATEST(due.due_on, $2::date + $3::int)
             FROM due, structure s
            WHERE c.id = due.id AND s.id = c.structure_id
           RETURNING c.id, c.structure_id, c.first_name, c.last_name, c.owner_id, c.exit_date::text AS exit_date,
                     c.retention_warned_for::text AS warned_for, s.retention_months, s.name AS structure_name`,
          params,
        )) as [WarnedRow[], number];
        const recorded: OutboxMessage[] = [];
        for (const row of rows) recorded.push(...(await this.raiseWarning(manager, row)));
        return { claimed: rows.length, mails: recorded };
      });
      if (mails.length) await this.outbox.dispatch(mails);
      warned += claimed;
      if (claimed < WARN_BATCH) break;
    }
    return warned;
  }

  /** One alert and one e-mail per recipient: the owner if active, else the structure's managers. */
  private async raiseWarning(manager: EntityManager, row: WarnedRow): Promise<OutboxMessage[]> {
    type Recipient = { id: string; email: string; first_name: string };
    let recipients = row.owner_id
      ? ((await manager.query(`SELECT id, email, first_name FROM app_user WHERE id = $1 AND structure_id = $2 AND active`, [
          row.owner_id,
          row.structure_id,
        ])) as Recipient[])
      : [];
    // Nobody owns the person (or they left): the managers, else the admins.
    for (const role of ['manager', 'admin']) {
      if (recipients.length) break;
      recipients = (await manager.query(
        `SELECT id, email, first_name FROM app_user WHERE structure_id = $1 AND active AND role = $2 ORDER BY created_at, id`,
        [row.structure_id, role],
      )) as Recipient[];
    }
    const name = `${row.first_name} ${row.last_name}`;
    const message =
      `Les données de ${name} (sortie le ${frenchDay(row.exit_date)}) seront anonymisées le ${frenchDay(row.warned_for)}, ` +
      `${row.retention_months} mois après la sortie. Exportez-les d’ici là si la personne les demande.`;
    const mails: OutboxMessage[] = [];
    for (const recipient of recipients) {
      await manager.query(
        `INSERT INTO staff_alert (structure_id, user_id, candidate_id, kind, message) VALUES ($1, $2, $3, 'retention_warning', $4)`,
        [row.structure_id, recipient.id, row.id, message],
      );
      mails.push(
        await this.outbox.record(manager, {
          structureId: row.structure_id,
          template: 'retention-warning',
          recipient: recipient.email,
          context: {
            firstName: recipient.first_name,
            structureName: row.structure_name,
            kindLabel: ALERT_KIND_LABELS.retention_warning,
            candidateName: name,
            exitDay: frenchDay(row.exit_date),
            anonymisationDay: frenchDay(row.warned_for),
            retentionMonths: row.retention_months,
            candidateUrl: `${this.config.APP_BASE_URL}/candidats/${row.id}`,
            exportUrl: `${this.config.APP_BASE_URL}/rgpd/candidats/${row.id}`,
          },
        }),
      );
    }
    return mails;
  }

  /** Each due candidate in its own transaction, locked and checked again; a failure skips to the next one. */
  private async anonymiseDue(now: Date, options: RetentionScanOptions): Promise<{ anonymised: number; failed: number }> {
    const today = this.today(now);
    const params: unknown[] = [today];
    const scope = options.structureIds ? `AND c.structure_id = ANY($${params.push(options.structureIds)}::uuid[])` : '';
    const due = `c.status = 'exited' AND c.exit_date IS NOT NULL AND c.anonymised_at IS NULL
      AND (c.exit_date + make_interval(months => s.retention_months))::date <= $1::date
      AND c.retention_warned_for IS NOT NULL AND c.retention_warned_for <= $1::date
      AND c.retention_warned_for >= (c.exit_date + make_interval(months => s.retention_months))::date`;
    const ids = ((await this.dataSource.query(
      `SELECT c.id FROM candidate c JOIN structure s ON s.id = c.structure_id WHERE ${due} ${scope} ORDER BY c.exit_date, c.id`,
      params,
    )) as Array<{ id: string }>).map((row) => row.id);
    let anonymised = 0;
    let failed = 0;
    for (const id of ids) {
      try {
        const done = await this.dataSource.transaction(async (manager) => {
          const [locked] = (await manager.query(
            `SELECT c.id FROM candidate c JOIN structure s ON s.id = c.structure_id WHERE c.id = $2 AND ${due} FOR UPDATE OF c SKIP LOCKED`,
            [today, id],
          )) as Array<{ id: string }>;
          if (!locked) return false;
          const candidate = await manager.getRepository(Candidate).findOneByOrFail({ id });
          return this.anonymiser.anonymiseCandidate(manager, candidate, { kind: 'retention', reason: null, actorId: null, now });
        });
        if (done) anonymised += 1;
      } catch (error) {
        failed += 1;
        this.logger.error(`retention: candidate ${id} could not be anonymised: ${String(error)}`);
      }
    }
    return { anonymised, failed };
  }
}
