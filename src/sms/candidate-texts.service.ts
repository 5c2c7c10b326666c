import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CandidatesService } from '../candidates/candidates.service';
import { Clock } from '../common/clock';
import { parsePhone } from '../common/phone';
import { SMS } from '../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { SmsMessage } from './sms-message.entity';
import { optOutOf, SmsOptOutRow, textsToCandidate } from './sms-history.queries';
import { addSmsOptOut, removeSmsOptOut, smsOptedOut } from './sms-outbox.queries';
import { SmsOutboxService, TextNotSendable } from './sms-outbox.service';
import { SmsSettings } from './sms-settings';
import { fitsInTwoSegments, MAX_SEGMENTS, toGsmFriendly } from './sms-text';

/** The most GSM-7 characters two parts hold: what the « too long » sentence quotes. */
export const MAX_TEXT_CHARACTERS = 153 * MAX_SEGMENTS;

/** What the candidate's page knows about texting the person. */
export interface CandidateSmsState {
  enabled: boolean;
  /** E.164, when the person has a valid mobile number. */
  mobile: string | null;
  optOut: SmsOptOutRow | null;
}

/**
 * Texts to a candidate from the candidate's page or the API: a one-off text written by staff, sent
 * through the outbox (sending hours, opt-out and monthly cap checked again at sending), and the
 * opt-out staff set at the person's request. Each one-off text is logged in the person's journal
 * (« SMS envoyé », by whom and when) in the same transaction as its outbox row; its words stay in
 * the text's row, erased with the person. Activities belong to a company, a text to a person.
 */
@Injectable()
export class CandidateTextsService {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly outbox: SmsOutboxService,
    private readonly settings: SmsSettings,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async texts(actor: Actor, candidateId: string): Promise<SmsMessage[]> {
    await this.candidates.get(actor, candidateId);
    return textsToCandidate(this.dataSource.manager, actor.structureId, candidateId);
  }

  async state(actor: Actor, candidateId: string): Promise<CandidateSmsState> {
    const candidate = await this.candidates.get(actor, candidateId);
    const phone = parsePhone(candidate.phone);
    const mobile = phone?.isMobile ? phone.e164 : null;
    return {
      enabled: this.settings.enabled,
      mobile,
      optOut: mobile ? await optOutOf(this.dataSource.manager, actor.structureId, mobile) : null,
    };
  }

  /** Writes the text in the outbox (sent now, or at 08:00 on the next working day). */
  async send(actor: Actor, candidateId: string, text: string): Promise<SmsMessage> {
    const candidate = await this.candidates.get(actor, candidateId);
    if (!this.settings.enabled) throw new ConflictRefusal(because(SMS.disabled), 'SMS is off on this installation');
    const content = toGsmFriendly(text.trim());
    if (!fitsInTwoSegments(content)) {
      throw new UnprocessableRefusal(because(SMS.tooLong, { field: 'text', max: MAX_TEXT_CHARACTERS }), 'text must fit in two SMS parts', 'text');
    }
    const mobile = this.mobileOf(candidate.phone);
    const row = await this.dataSource.transaction(async (manager) => {
      if (await smsOptedOut(manager, actor.structureId, mobile)) throw new ConflictRefusal(because(SMS.optedOut), 'the number asked for no texts');
      try {
        const recorded = await this.outbox.record(manager, {
          structureId: actor.structureId,
          recipient: mobile,
          content,
          purpose: 'one_off',
          candidateId,
          sentBy: actor.userId,
        });
        await this.audit.record(manager, actor, { entity: 'candidate', entityId: candidateId, action: 'text' });
        return recorded;
      } catch (error) {
        if (!(error instanceof TextNotSendable)) throw error;
        if (error.reason === 'not_mobile') throw this.noMobile();
        throw new UnprocessableRefusal(because(SMS.tooLong, { field: 'text', max: MAX_TEXT_CHARACTERS }), 'text must fit in two SMS parts', 'text');
      }
    });
    await this.outbox.dispatch([row]);
    return row;
  }

  /** « Ne plus envoyer de SMS à ce numéro », at the person's request. */
  async optOut(actor: Actor, candidateId: string): Promise<void> {
    const candidate = await this.candidates.get(actor, candidateId);
    const mobile = this.mobileOf(candidate.phone);
    await addSmsOptOut(this.dataSource.manager, { structureId: actor.structureId, phone: mobile, source: 'staff', createdBy: actor.userId, at: this.clock.now() });
  }

  /** Lifts the opt-out (staff's or a « STOP »), when the person asks for texts again. */
  async allowAgain(actor: Actor, candidateId: string): Promise<void> {
    const candidate = await this.candidates.get(actor, candidateId);
    await removeSmsOptOut(this.dataSource.manager, actor.structureId, this.mobileOf(candidate.phone));
  }

  private mobileOf(phone: string | null): string {
    const parsed = parsePhone(phone);
    if (!parsed?.isMobile) throw this.noMobile();
    return parsed.e164;
  }

  private noMobile() {
    return new UnprocessableRefusal(because(SMS.noMobile), 'the candidate has no mobile number');
  }
}
