import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ALERT_KIND_LABELS } from '../alerts/alerts.service';
import { Candidate } from '../candidates/candidate.entity';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { Contact } from '../contacts/contact.entity';
import { frenchLongDate } from '../common/french';
import { calendarDayIn } from '../common/calendar/working-days';
import { AnonymiserService } from './anonymiser.service';
import { RETENTION_RULES, RetentionRule, SqlParams } from './retention-rules';
import {
  activeRecipient,
  activeRecipientsWithRole,
  AnnouncedRow,
  announcedAnonymisations,
  claimPeopleToWarn,
  dueIds,
  insertRetentionWarning,
  lockIfDue,
  resolveContactAlerts,
  WarnedRow,
} from './retention.queries';

export type { AnnouncedRow } from './retention.queries';

/** Days between the warning to the owner and the anonymisation, at least. */
export const RETENTION_WARNING_DAYS = 30;
/** People claimed (warned) or anonymised per step: memory and lock times stay bounded on large structures. */
const BATCH = 200;
/** Below every uuid: where a walk through a table by id starts. */
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface RetentionScanOptions {
  /** Only these structures (tests); every structure otherwise. */
  structureIds?: string[];
}

/** Totals over the three rules (exit, inactive candidates, inactive contacts). */
export interface RetentionScanResult {
  warned: number;
  anonymised: number;
  failed: number;
}

/**
 * The daily retention scan, under three rules (src/privacy/retention-rules.ts):
 * - people who exited: anonymised `retention_months` after their exit date;
 * - people still on their path, and company contacts, with no activity for
 *   `inactivity_retention_months` (what counts as activity: see the rules): anonymised
 *   (candidates) or erased (contacts).
 * PostgreSQL says what is due, so a lost or repeated job changes nothing:
 *
 * - the day a person's anonymisation day is 30 days away or less, the person's owner (a contact:
 *   their company's owner), else the structure's managers, gets a `retention_warning` alert,
 *   e-mailed through the outbox, once: the row is marked in the same transaction with the day
 *   announced (never less than 30 days ahead);
 * - from the day announced on, provided it is on or after the anonymisation day computed now,
 *   the person is anonymised. A shorter setting never anonymises before the day announced; a
 *   longer one, or new activity, postpones it and warns again 30 days before the new day.
 *
 * Every step walks the table by id in batches of 200 (SKIP LOCKED: two workers never take the
 * same person), so a large structure never holds more than one batch in memory.
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
    const result: RetentionScanResult = { warned: 0, anonymised: 0, failed: 0 };
    for (const rule of RETENTION_RULES) {
      const warned = await this.warn(rule, now, options);
      const { anonymised, failed } = await this.anonymiseDue(rule, now, options);
      if (warned || anonymised || failed) {
        this.logger.log(`retention (${rule.name}): ${warned} warning(s), ${anonymised} anonymisation(s), ${failed} failure(s)`);
      }
      result.warned += warned;
      result.anonymised += anonymised;
      result.failed += failed;
    }
    return result;
  }

  /**
   * The anonymisations announced in a structure and still to come: a warning that new activity or
   * a longer setting has overtaken is left out (the person will be warned again).
   */
  async announced(structureId: string, limit: number): Promise<AnnouncedRow[]> {
    return announcedAnonymisations(this.dataSource.manager, structureId, limit, this.config.BUSINESS_TIME_ZONE);
  }

  private today(now: Date): string {
    return calendarDayIn(this.config.BUSINESS_TIME_ZONE, now);
  }

  private params(now: Date, after: string, options: RetentionScanOptions, extra: Record<string, unknown> = {}): SqlParams {
    return new SqlParams({
      ...extra,
      now,
      today: this.today(now),
      tz: this.config.BUSINESS_TIME_ZONE,
      warningDays: RETENTION_WARNING_DAYS,
      after,
      structureIds: options.structureIds ?? null,
    });
  }

  /** Claims the people to warn (SKIP LOCKED: two workers never warn twice) and records the alerts and e-mails. */
  private async warn(rule: RetentionRule, now: Date, options: RetentionScanOptions): Promise<number> {
    let warned = 0;
    let after = FIRST_ID;
    for (;;) {
      const { claimed, last, mails } = await this.dataSource.transaction(async (manager) => {
        const p = this.params(now, after, options);
        const rows = await claimPeopleToWarn(manager, rule, p, options.structureIds, BATCH);
        const recorded: OutboxMessage[] = [];
        for (const row of rows) recorded.push(...(await this.raiseWarning(manager, rule, row)));
        return { claimed: rows.length, last: rows.reduce((max, row) => (row.id > max ? row.id : max), after), mails: recorded };
      });
      if (mails.length) await this.outbox.dispatch(mails);
      warned += claimed;
      if (claimed < BATCH) break;
      after = last;
    }
    return warned;
  }

  /** One alert and one e-mail per recipient: the owner if active, else the structure's managers (else its admins). */
  private async raiseWarning(manager: EntityManager, rule: RetentionRule, row: WarnedRow): Promise<OutboxMessage[]> {
    let recipients = row.owner_id ? await activeRecipient(manager, row.structure_id, row.owner_id) : [];
    // Nobody owns the person (or they left): the managers, else the admins.
    for (const role of ['manager', 'admin']) {
      if (recipients.length) break;
      recipients = await activeRecipientsWithRole(manager, row.structure_id, role);
    }
    const { message, template, context } = this.warningText(rule, row);
    const mails: OutboxMessage[] = [];
    for (const recipient of recipients) {
      await insertRetentionWarning(manager, rule.subject, { structureId: row.structure_id, userId: recipient.id, subjectId: row.id, message });
      mails.push(
        await this.outbox.record(manager, {
          structureId: row.structure_id,
          template,
          recipient: recipient.email,
          context: { firstName: recipient.first_name, structureName: row.structure_name, kindLabel: ALERT_KIND_LABELS.retention_warning, ...context },
        }),
      );
    }
    return mails;
  }

  /** The alert's message, and the e-mail's template and context (the recipient's part aside). */
  private warningText(rule: RetentionRule, row: WarnedRow): { message: string; template: string; context: Record<string, unknown> } {
    const base = this.config.APP_BASE_URL;
    // Sentences read in e-mails: dates written out (« 15 mars 2029 »).
    const longDay = (value: string | null) => (value ? frenchLongDate(value) : '—');
    const day = longDay(row.warned_for);
    if (rule.name === 'exit') {
      return {
        message:
          `Les données de ${row.name} (sortie le ${longDay(row.exit_date)}) seront anonymisées le ${day}, ` +
          `${row.months} mois après la sortie. Exportez-les d’ici là si la personne les demande.`,
        template: 'retention-warning',
        context: {
          candidateName: row.name,
          exitDay: longDay(row.exit_date),
          anonymisationDay: day,
          retentionMonths: row.months,
          candidateUrl: `${base}/candidats/${row.id}`,
          exportUrl: `${base}/rgpd/candidats/${row.id}`,
        },
      };
    }
    const contact = rule.subject === 'contact';
    const lastActive = longDay(row.last_active_on);
    const message = contact
      ? `Les données de ${row.name}, contact chez ${row.company_name} (aucune activité depuis le ${lastActive}), seront effacées le ${day}, ` +
        `après ${row.months} mois sans activité. Toute activité avec ce contact d’ici là repousse l’effacement.`
      : `Les données de ${row.name} (aucune activité depuis le ${lastActive}) seront anonymisées le ${day}, ` +
        `après ${row.months} mois sans activité. Toute activité d’ici là (fiche mise à jour, proposition, placement, ` +
        `point de suivi) repousse l’anonymisation ; exportez ses données si la personne les demande.`;
    return {
      message,
      template: 'retention-inactivity-warning',
      context: {
        isContact: contact,
        personName: row.name,
        companyName: row.company_name,
        lastActivityDay: lastActive,
        anonymisationDay: day,
        inactivityMonths: row.months,
        exportUrl: `${base}/rgpd/${contact ? 'contacts' : 'candidats'}/${row.id}`,
      },
    };
  }

  /**
   * The people due, a batch of ids at a time; each in its own transaction, locked and checked
   * again. A failure skips to the next one (and is tried again the next night).
   */
  private async anonymiseDue(rule: RetentionRule, now: Date, options: RetentionScanOptions): Promise<{ anonymised: number; failed: number }> {
    let anonymised = 0;
    let failed = 0;
    let after = FIRST_ID;
    for (;;) {
      const p = this.params(now, after, options);
      const ids = await dueIds(this.dataSource.manager, rule, p, options.structureIds, BATCH);
      for (const id of ids) {
        try {
          if (await this.anonymiseOne(rule, id, now)) anonymised += 1;
        } catch (error) {
          failed += 1;
          this.logger.error(`retention: ${rule.subject} ${id} could not be anonymised: ${String(error)}`);
        }
      }
      if (ids.length < BATCH) break;
      after = ids[ids.length - 1];
    }
    return { anonymised, failed };
  }

  private anonymiseOne(rule: RetentionRule, id: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const p = this.params(now, FIRST_ID, {}, { id });
      if (!(await lockIfDue(manager, rule, p))) return false;
      const context = { kind: 'retention' as const, reason: null, actorId: null, now };
      if (rule.subject === 'candidate') {
        const candidate = await manager.getRepository(Candidate).findOneByOrFail({ id });
        return this.anonymiser.anonymiseCandidate(manager, candidate, context);
      }
      const contact = await manager.getRepository(Contact).findOneByOrFail({ id });
      const done = await this.anonymiser.eraseContact(manager, contact, context);
      // Nobody is to act on the warning any more (a candidate's are closed by the anonymiser).
      await resolveContactAlerts(manager, contact.structureId, id, now);
      return done;
    });
  }
}
