import { formatPhone, parsePhone } from '../common/phone';
import { SmsMessage } from '../sms/sms-message.entity';
import { SmsOutboxService } from '../sms/sms-outbox.service';
import { smsOptedOut } from '../sms/sms-outbox.queries';
import { SmsSettings } from '../sms/sms-settings';
import { checkInText } from './check-in-text';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { Candidate } from '../candidates/candidate.entity';
import { Clock } from '../common/clock';
import { Company } from '../companies/company.entity';
import { AppConfig } from '../config/env';
import { Contact } from '../contacts/contact.entity';
import { MailerService } from '../mail/mailer.service';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { Placement } from '../placements/placement.entity';
import { calendarDayIn } from '../common/calendar/working-days';
import { Structure } from '../structures/structure.entity';
import { User } from '../users/user.entity';
import { stepLabel } from './check-in-plan';
import { signCheckInToken } from './check-in-token';
import { CheckIn } from './check-in.entity';
import { leadContactId, lockedCheckIn, placementIdOfCheckIn, shareLockPlacement } from './check-ins.queries';
import { emailSuppressed } from '../mail/email-suppression';

/** How long an answer link stays valid after the e-mail is sent. */
export const ANSWER_LINK_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SendOutcome =
  /** not_started: the placement is still planned; starting it queues its steps again. */
  | { result: 'sent' | 'skipped' | 'cancelled' | 'call_task' | 'not_started' }
  /** The job ran before the row is due (clock skew, or a re-plan moved it): delay it again. */
  | { result: 'not_due'; dueAt: Date };

interface Recipient {
  email: string | null;
  /** A contact who said texts suit them better. */
  prefersSms: boolean;
  /** Who to call when there is no usable address, for the alert. */
  name: string;
  phone: string | null;
  firstName: string | null;
}

/**
 * Sends one check-in e-mail, once. Same discipline as the outbox: the row is locked, the status
 * checked, the e-mail sent and the SMTP id recorded in one transaction, so a repeated job, a second
 * worker or the reconciler finds the row already sent and does nothing.
 */
@Injectable()
export class CheckInSenderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly sms: SmsOutboxService,
    private readonly smsSettings: SmsSettings,
  ) {}

  /**
   * The mobile to text instead of e-mailing, if any: SMS is on, the number is a mobile that did
   * not ask for no texts, and the person has no usable address or prefers texts.
   */
  private async textable(manager: EntityManager, structureId: string, recipient: Recipient, noUsableEmail: boolean): Promise<string | null> {
    if (!this.smsSettings.enabled || !(noUsableEmail || recipient.prefersSms)) return null;
    const mobile = parsePhone(recipient.phone);
    if (!mobile?.isMobile) return null;
    return (await smsOptedOut(manager, structureId, mobile.e164)) ? null : mobile.e164;
  }

  /**
   * `finalAttempt`: BullMQ will not retry; an error marks the row `failed`. Rethrows send errors.
   * `ahead`: a staff member sends the step now, before its due time; everything else is the same
   * (the lock, the `planned` check, the one UPDATE), so its job, when its time comes, finds it sent.
   */
  async send(checkInId: string, finalAttempt = false, options: { ahead?: boolean } = {}): Promise<SendOutcome> {
    const alertMails: OutboxMessage[] = [];
    const texts: SmsMessage[] = [];
    const outcome = await this.dataSource.transaction(async (manager): Promise<SendOutcome | { result: 'error'; error: unknown }> => {
      // Lock order placement → check-in, as every placement change takes it (start, edit, end):
      // a placement cannot end or move while one of its steps is being sent, and no deadlock.
      const placementId = await placementIdOfCheckIn(manager, checkInId);
      if (!placementId) return { result: 'skipped' };
      await shareLockPlacement(manager, placementId);
      const row = await lockedCheckIn(manager, checkInId);
      if (!row || row.status !== 'planned') return { result: 'skipped' };
      const placement = await manager.getRepository(Placement).findOneBy({ id: row.placementId, structureId: row.structureId });
      // Nobody has started yet: no one to ask. The row stays planned for the start to re-plan.
      if (placement?.status === 'planned') return { result: 'not_started' };
      if (!placement || this.endedBefore(placement, row)) {
        row.status = 'cancelled';
        await manager.save(row);
        return { result: 'cancelled' };
      }
      const now = this.clock.now();
      if (!options.ahead && row.dueAt.getTime() > now.getTime()) return { result: 'not_due', dueAt: row.dueAt };

      // One connection: queries one after the other.
      const structure = await manager.getRepository(Structure).findOneByOrFail({ id: row.structureId });
      const candidate = await manager.getRepository(Candidate).findOneByOrFail({ id: placement.candidateId });
      const company = await manager.getRepository(Company).findOneByOrFail({ id: placement.companyId });
      const owner = placement.ownerId ? await manager.getRepository(User).findOneBy({ id: placement.ownerId }) : null;
      const recipient =
        row.party === 'employee'
          ? { email: candidate.email, prefersSms: false, name: `${candidate.firstName} ${candidate.lastName}`, phone: candidate.phone, firstName: candidate.firstName }
          : await this.employerContact(manager, placement, company);
      const unreachable = !recipient.email
        ? 'no e-mail address'
        : (await emailSuppressed(manager, this.config.SUPPRESSION_HASH_SECRET, row.structureId, recipient.email))
          ? 'recipient opted out of e-mails'
          : null;
      const bySms = await this.textable(manager, row.structureId, recipient, unreachable !== null);
      if (bySms) {
        const token = signCheckInToken(this.config.SESSION_SECRET, row.id, new Date(now.getTime() + ANSWER_LINK_DAYS * DAY_MS));
        const text = await this.sms.record(manager, {
          structureId: row.structureId,
          recipient: bySms,
          content: checkInText({
            party: row.party,
            firstName: recipient.firstName,
            employeeFirstName: candidate.firstName,
            companyName: company.name,
            structureName: structure.name,
            answerUrl: `${this.config.APP_BASE_URL}/suivi/${token}`,
          }),
          purpose: 'check_in',
          checkInId: row.id,
          placementId: placement.id,
          candidateId: row.party === 'employee' ? candidate.id : null,
          contactId: row.party === 'employer' ? placement.employerContactId : null,
        });
        texts.push(text);
        // Sent when the text leaves: now, or at 08:00 of the next working day.
        await manager.update(CheckIn, { id: row.id }, { status: 'sent', channel: 'sms', sentAt: text.notBefore, recipient: text.recipient, lastError: null, attempts: row.attempts + 1 });
        return { result: 'sent' };
      }
      if (unreachable || !recipient.email) {
        row.status = 'call_task';
        row.recipient = recipient.email;
        row.lastError = unreachable;
        await manager.save(row);
        const who = row.party === 'employee' ? `${recipient.name} (salarié·e chez ${company.name})` : `${recipient.name} (${company.name})`;
        const { mails } = await this.alerts.raise(manager, {
          structureId: row.structureId,
          placementId: placement.id,
          checkInId: row.id,
          kind: 'call_task',
          message: `Appeler ${who}${recipient.phone ? ` au ${formatPhone(recipient.phone)}` : ''} : point de suivi ${stepLabel(row.step)}`,
        });
        alertMails.push(...mails);
        return { result: 'call_task' };
      }

      row.attempts += 1;
      try {
        const token = signCheckInToken(this.config.SESSION_SECRET, row.id, new Date(now.getTime() + ANSWER_LINK_DAYS * DAY_MS));
        const rendered = this.mailer.render(row.party === 'employee' ? 'check-in-employee' : 'check-in-employer', {
          firstName: recipient.firstName,
          employeeFirstName: candidate.firstName,
          companyName: company.name,
          jobTitle: placement.jobTitle,
          stepLabel: stepLabel(row.step),
          structureName: structure.name,
          staffName: owner ? `${owner.firstName} ${owner.lastName}` : null,
          staffPhone: owner?.phone ?? null,
          answerUrl: `${this.config.APP_BASE_URL}/suivi/${token}`,
        });
        row.smtpMessageId = await this.mailer.send(recipient.email, rendered, { 'X-Tremplin-Check-In-Id': row.id });
        // The one window where a crash resends: from the SMTP server's acceptance to the COMMIT
        // below. A crash there rolls back `sent`, and the retried (stalled) job sends again. Nothing
        // but this one UPDATE runs inside it.
        // A plain UPDATE: save() would first re-read the row to compute what changed.
        await manager.update(
          CheckIn,
          { id: row.id },
          { status: 'sent', channel: 'email', sentAt: now, recipient: recipient.email, lastError: null, attempts: row.attempts, smtpMessageId: row.smtpMessageId },
        );
        return { result: 'sent' };
      } catch (error) {
        row.lastError = String(error).slice(0, 500);
        if (finalAttempt) row.status = 'failed';
        await manager.save(row);
        return { result: 'error', error };
      }
    });
    if (outcome.result === 'error') throw outcome.error;
    await this.alerts.dispatch(alertMails);
    await this.sms.dispatch(texts);
    return outcome;
  }

  /** Ended early: nothing more is sent. Ended normally: nothing due after the end day. */
  private endedBefore(placement: Placement, row: CheckIn): boolean {
    if (placement.status !== 'ended') return false;
    if (placement.endKind === 'early' || !placement.endDate) return true;
    return calendarDayIn(this.config.BUSINESS_TIME_ZONE, row.dueAt) > placement.endDate;
  }

  /** The placement's employer contact, else the contact of the lead it fills. */
  private async employerContact(manager: EntityManager, placement: Placement, company: Company): Promise<Recipient> {
    let contactId = placement.employerContactId;
    if (!contactId && placement.leadId) {
      contactId = (await leadContactId(manager, placement.leadId)) ?? null;
    }
    const contact = contactId ? await manager.getRepository(Contact).findOneBy({ id: contactId, structureId: placement.structureId }) : null;
    if (!contact) return { email: null, prefersSms: false, name: 'l’employeur', phone: company.phone ?? null, firstName: null };
    return {
      email: contact.email,
      prefersSms: contact.preferredChannel === 'sms',
      name: [contact.firstName, contact.lastName].filter(Boolean).join(' '),
      phone: contact.phone,
      firstName: contact.firstName,
    };
  }
}
