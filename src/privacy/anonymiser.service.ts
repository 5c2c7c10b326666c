import { parsePhone } from '../common/phone';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { Contact } from '../contacts/contact.entity';
import { AppConfig } from '../config/env';
import { erasedAddressKey, isErasedAddressKey } from '../mail/email-suppression';
import {
  anonymiseCandidateRow,
  clearPhoneNumber,
  detachContact,
  eraseAlertsOfCheckIns,
  eraseCandidateActivityTexts,
  eraseCandidateAlerts,
  eraseCandidateCheckIns,
  eraseCandidateLeadTexts,
  eraseCandidatePlacementTexts,
  eraseCandidateProposalReasons,
  eraseCandidateEncounterNotes,
  eraseCandidateStageReasons,
  eraseContactActivityTexts,
  eraseContactAnswers,
  eraseContactRow,
  erasePrivacyRequestReasons,
  insertPrivacyRequest,
  placementIdsOfCandidate,
  replaceAddressByKey,
  suppressedAddressesOfContact,
  suppressQueuedMailTo,
  eraseTextsTo,
} from './anonymisation.queries';
import { erasedText } from './erased-text';
import { redactIdentityMentions, RowRef } from './identity-search.queries';
import { AnonymisedSubject, PrivacyHooks } from './privacy-hooks';
import { ANONYMOUS_NAME, Identity } from './scrub';

export type AnonymisationKind = 'retention' | 'erasure';

export interface AnonymisationContext {
  kind: AnonymisationKind;
  /** Why (an erasure request); null for retention. */
  reason: string | null;
  actorId: string | null;
  now: Date;
  /**
   * Mentions of the person elsewhere in the structure's free text that the manager chose to keep
   * (ids from `findIdentityMentions`); every other mention is redacted. Retention keeps none.
   */
  keepMatchIds?: ReadonlySet<string>;
}

const ANONYMOUS_FIRST = ANONYMOUS_NAME.split(' ')[0];
const ANONYMOUS_LAST = ANONYMOUS_NAME.split(' ').slice(1).join(' ');

/**
 * Removes a person's identity and keeps the facts funder reports count (docs/reports.md): exit
 * category and date, placements with their dates, contract types and end kinds, check-ins with
 * their times, ratings and difficulty categories, alerts with their kinds and times, structure
 * contract dates. The caller holds the person's row locked, in its transaction.
 */
@Injectable()
export class AnonymiserService {
  constructor(
    private readonly hooks: PrivacyHooks,
    private readonly config: AppConfig,
  ) {}

  /** Anonymises a locked candidate row; false (nothing done) when it already was. */
  async anonymiseCandidate(manager: EntityManager, candidate: Candidate, context: AnonymisationContext): Promise<boolean> {
    if (candidate.anonymisedAt) return false;
    const { id, structureId } = candidate;
    const identity: Identity = {
      firstName: candidate.firstName,
      lastName: candidate.lastName,
      email: candidate.email,
      phone: candidate.phone,
    };
    const placementIds = await placementIdsOfCandidate(manager, structureId, id);

    // Free text tied to them goes whole (« [effacé le …] »); facts stay. Nothing more is sent about them.
    const erased = erasedText(context.now, this.config.BUSINESS_TIME_ZONE);
    // The card moves their proposals and placements caused quote the job as written for them: those
    // reasons go too (before the titles they quote are erased below).
    await eraseCandidateStageReasons(manager, structureId, id, erased);
    await eraseCandidateProposalReasons(manager, structureId, id, erased);
    await eraseCandidateEncounterNotes(manager, structureId, id, erased);
    await eraseCandidatePlacementTexts(manager, structureId, id, erased);
    await eraseCandidateCheckIns(manager, structureId, placementIds, erased);
    await eraseCandidateActivityTexts(manager, structureId, id, erased);
    // The leads they were proposed on: the adaptations describe them; the rest of the lead is theirs
    // too unless someone else still in the records was proposed on it (their names are then found by
    // the structure-wide scrub below, and the lead stays usable for the others).
    await eraseCandidateLeadTexts(manager, structureId, id, erased);
    // Their alerts: the message and the resolution's note go; open ones are closed (nobody is to act on them now).
    await eraseCandidateAlerts(manager, structureId, id, placementIds, erased, context.now, context.actorId);

    await this.scrubStructure(manager, structureId, identity, context, { table: 'candidate', id });
    await this.clearPhone(manager, structureId, identity.phone);

    await anonymiseCandidateRow(manager, structureId, id, { first: ANONYMOUS_FIRST, last: ANONYMOUS_LAST }, context.now);
    await this.record(manager, structureId, 'candidate', id, context);
    await this.eraseRequestReasons(manager, structureId, 'candidate', id, erased);
    await this.hooks.run(manager, this.subject('candidate', id, structureId, identity, context));
    return true;
  }

  /**
   * Erases a locked contact row; false when it already was. The address stays only as a hash in
   * the suppression list, so the person is never e-mailed again, even if someone enters it anew.
   */
  async eraseContact(manager: EntityManager, contact: Contact, context: AnonymisationContext): Promise<boolean> {
    if (contact.erasedAt) return false;
    const { id, structureId } = contact;
    const identity: Identity = { firstName: contact.firstName, lastName: contact.lastName, email: contact.email, phone: contact.phone };

    // Every address this contact was suppressed under, and the current one, become keyed hashes.
    const addresses = (await suppressedAddressesOfContact(manager, structureId, id))
      .filter((email) => !isErasedAddressKey(email));
    if (contact.email) addresses.push(contact.email);
    for (const email of new Set(addresses.map((address) => address.trim().toLowerCase()))) {
      await replaceAddressByKey(manager, structureId, id, email, erasedAddressKey(this.config.SUPPRESSION_HASH_SECRET, email), context.now);
    }

    // Their own answers as the employer's contact go whole, with the alerts they raised.
    const erased = erasedText(context.now, this.config.BUSINESS_TIME_ZONE);
    const answered = await eraseContactAnswers(manager, structureId, id, erased);
    await eraseAlertsOfCheckIns(manager, structureId, answered, erased);

    // Nobody is sent to them again: follow-ups fall back to the company, leads lose their contact.
    await detachContact(manager, structureId, id);

    // Activities with them keep their facts (the funnel counts them); what was written goes whole.
    await eraseContactActivityTexts(manager, structureId, id, erased);
    await this.scrubStructure(manager, structureId, identity, context, { table: 'contact', id });
    await this.clearPhone(manager, structureId, identity.phone);

    await eraseContactRow(manager, structureId, id, ANONYMOUS_NAME, context.now);
    await this.record(manager, structureId, 'contact', id, context);
    await this.eraseRequestReasons(manager, structureId, 'contact', id, erased);
    await this.hooks.run(manager, this.subject('contact', id, structureId, identity, context));
    return true;
  }

  /**
   * Their number entered elsewhere as a company's switchboard or another contact's line (an import
   * that put a direct line in the wrong column): it is theirs, so it goes. Numbers are compared by
   * their last 9 digits (06…, +33 6…).
   */
  private async clearPhone(manager: EntityManager, structureId: string, phone: string | null): Promise<void> {
    const digits = (phone ?? '').replace(/\D/g, '');
    if (digits.length < 9) return;
    await clearPhoneNumber(manager, structureId, digits.slice(-9));
  }

  /**
   * The person's name, address and number wherever free text of the structure mentions them, in
   * their usual variants (src/privacy/identity-search.ts), replaced by « [effacé le JJ/MM/AAAA] »
   * but the mentions the manager kept; their own row (`own`) is cleared by the caller.
   */
  private async scrubStructure(
    manager: EntityManager,
    structureId: string,
    identity: Identity,
    context: AnonymisationContext,
    own: RowRef,
  ): Promise<void> {
    const mark = erasedText(context.now, this.config.BUSINESS_TIME_ZONE);
    await redactIdentityMentions(manager, structureId, identity, { mark, keep: context.keepMatchIds, exclude: [own] });
    await eraseTextsTo(
      manager,
      structureId,
      { [own.table === 'candidate' ? 'candidateId' : 'contactId']: own.id, phone: parsePhone(identity.phone)?.e164 ?? null },
      mark,
    );
    if (identity.email) {
      // Nothing still queued for that address leaves.
      await suppressQueuedMailTo(manager, structureId, identity.email.trim(), REMOVED_RECIPIENT);
    }
  }

  private async record(manager: EntityManager, structureId: string, type: 'candidate' | 'contact', id: string, context: AnonymisationContext) {
    await insertPrivacyRequest(manager, { structureId, type, id, kind: context.kind, reason: context.reason, actorId: context.actorId, at: context.now });
  }

  /** What managers typed when exporting or erasing their data names them and why: it goes too. */
  private async eraseRequestReasons(manager: EntityManager, structureId: string, type: 'candidate' | 'contact', id: string, erased: string) {
    await erasePrivacyRequestReasons(manager, structureId, type, id, erased);
  }

  private subject(
    type: 'candidate' | 'contact',
    id: string,
    structureId: string,
    identity: Identity,
    context: AnonymisationContext,
  ): AnonymisedSubject {
    return { type, id, structureId, identity, kind: context.kind, actorId: context.actorId, at: context.now };
  }
}

/** What an outbox row addressed to an anonymised person is left with (the column is required). */
const REMOVED_RECIPIENT = 'adresse-supprimee.invalid';
