import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { Contact } from '../contacts/contact.entity';
import { AppConfig } from '../config/env';
import { erasedAddressKey, isErasedAddressKey } from '../mail/email-suppression';
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

/** The column's value replaced by the erased text ($3), or left NULL. */
const erasedIfSet = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL ELSE $3 END`;

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
    const placementIds = ((await manager.query(`SELECT id FROM placement WHERE candidate_id = $1 AND structure_id = $2`, [
      id,
      structureId,
    ])) as Array<{ id: string }>).map((row) => row.id);

    // Free text tied to them goes whole (« [effacé le …] »); facts stay. Nothing more is sent about them.
    const erased = erasedText(context.now, this.config.BUSINESS_TIME_ZONE);
    // The card moves their proposals and placements caused quote the job as written for them: those
    // reasons go too (before the titles they quote are erased below).
    await manager.query(
      `UPDATE stage_event e SET reason = $3
        WHERE e.structure_id = $2 AND e.reason IS NOT NULL
          AND (EXISTS (SELECT 1 FROM placement p WHERE p.structure_id = $2 AND p.candidate_id = $1 AND p.company_id = e.company_id
                         AND strpos(e.reason, p.job_title) > 0)
               OR EXISTS (SELECT 1 FROM proposal p JOIN job_lead l ON l.id = p.lead_id
                           WHERE p.structure_id = $2 AND p.candidate_id = $1 AND l.company_id = e.company_id
                             AND strpos(e.reason, l.job_title) > 0
                             AND NOT EXISTS (SELECT 1 FROM proposal o JOIN candidate oc ON oc.id = o.candidate_id
                                              WHERE o.lead_id = l.id AND o.candidate_id <> $1 AND oc.anonymised_at IS NULL)))`,
      [id, structureId, erased],
    );
    await manager.query(
      `UPDATE proposal SET outcome_reason = $3, updated_at = now() WHERE candidate_id = $1 AND structure_id = $2 AND outcome_reason IS NOT NULL`,
      [id, structureId, erased],
    );
    await manager.query(
      `UPDATE placement SET job_title = $3, rupture_reason = CASE WHEN rupture_reason IS NULL THEN NULL ELSE $3 END,
              version = version + 1, updated_at = now()
        WHERE candidate_id = $1 AND structure_id = $2`,
      [id, structureId, erased],
    );
    await manager.query(
      `UPDATE check_in SET going_well = ${erasedIfSet('going_well')}, difficulty_details = ${erasedIfSet('difficulty_details')},
              call_note = ${erasedIfSet('call_note')},
              recipient = CASE WHEN party = 'employee' THEN NULL ELSE recipient END,
              last_error = CASE WHEN party = 'employee' THEN NULL ELSE last_error END,
              status = CASE WHEN status = 'planned' THEN 'cancelled' ELSE status END,
              updated_at = now()
        WHERE placement_id = ANY($1::uuid[]) AND structure_id = $2`,
      [placementIds, structureId, erased],
    );
    await manager.query(
      `UPDATE activity SET text = ${erasedIfSet('text')}, refusal_reason = ${erasedIfSet('refusal_reason')}, updated_at = now()
        WHERE candidate_id = $1 AND structure_id = $2 AND (text IS NOT NULL OR refusal_reason IS NOT NULL)`,
      [id, structureId, erased],
    );
    // The leads they were proposed on: the adaptations describe them; the rest of the lead is theirs
    // too unless someone else still in the records was proposed on it (their names are then found by
    // the structure-wide scrub below, and the lead stays usable for the others).
    await manager.query(
      `UPDATE job_lead l
          SET adaptations = CASE WHEN cardinality(l.adaptations) > 0 THEN ARRAY[$3::text] ELSE l.adaptations END,
              job_title = CASE WHEN shared.others THEN l.job_title ELSE $3 END,
              requirements = CASE WHEN shared.others OR cardinality(l.requirements) = 0 THEN l.requirements ELSE ARRAY[$3::text] END,
              abandon_reason = CASE WHEN shared.others OR l.abandon_reason IS NULL THEN l.abandon_reason ELSE $3 END,
              version = l.version + 1, updated_at = now()
         FROM (SELECT p.lead_id,
                      EXISTS (SELECT 1 FROM proposal o JOIN candidate oc ON oc.id = o.candidate_id
                               WHERE o.lead_id = p.lead_id AND o.candidate_id <> $1 AND oc.anonymised_at IS NULL) AS others
                 FROM proposal p WHERE p.candidate_id = $1 AND p.structure_id = $2 GROUP BY p.lead_id) shared
        WHERE l.id = shared.lead_id AND l.structure_id = $2`,
      [id, structureId, erased],
    );
    // Their alerts: the message and the resolution's note go; open ones are closed (nobody is to act on them now).
    await manager.query(
      `UPDATE staff_alert SET message = $4, resolution_note = CASE WHEN resolution_note IS NULL THEN NULL ELSE $4 END, resolved_at = coalesce(resolved_at, $5), resolved_by = CASE WHEN resolved_at IS NULL THEN $6 ELSE resolved_by END,
              updated_at = now()
        WHERE structure_id = $1 AND (candidate_id = $2 OR placement_id = ANY($3::uuid[]))`,
      [structureId, id, placementIds, erased, context.now, context.actorId],
    );

    await this.scrubStructure(manager, structureId, identity, context, { table: 'candidate', id });
    await this.clearPhone(manager, structureId, identity.phone);

    await manager.query(
      `UPDATE candidate SET first_name = $3, last_name = $4, email = NULL, phone = NULL, referrer_name = NULL,
              wanted_jobs = '[]', strengths = '{}', skills = '{}', reachable_communes = '{}', home_commune = NULL,
              mobility_radius_km = NULL, available_from = NULL, constraints = '{}', notes = NULL,
              anonymised_at = $5, version = version + 1, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
      [id, structureId, ANONYMOUS_FIRST, ANONYMOUS_LAST, context.now],
    );
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
    const addresses = ((await manager.query(`SELECT email FROM email_suppression WHERE structure_id = $1 AND contact_id = $2`, [
      structureId,
      id,
    ])) as Array<{ email: string }>)
      .map((row) => row.email)
      .filter((email) => !isErasedAddressKey(email));
    if (contact.email) addresses.push(contact.email);
    for (const email of new Set(addresses.map((address) => address.trim().toLowerCase()))) {
      await manager.query(
        `INSERT INTO email_suppression (structure_id, email, contact_id)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [structureId, erasedAddressKey(this.config.SUPPRESSION_HASH_SECRET, email), id],
      );
      await manager.query(`DELETE FROM email_suppression WHERE structure_id = $1 AND email = $2`, [structureId, email]);
      await manager.query(`UPDATE check_in SET recipient = NULL WHERE structure_id = $1 AND lower(btrim(recipient)) = $2`, [structureId, email]);
      // The same person entered at another company: kept, but never e-mailed again either.
      await manager.query(
        `UPDATE contact SET email_opt_out = true, email_opt_out_at = coalesce(email_opt_out_at, $4), updated_at = now()
          WHERE structure_id = $1 AND lower(btrim(email)) = $2 AND id <> $3 AND NOT email_opt_out`,
        [structureId, email, id, context.now],
      );
    }

    // Their own answers as the employer's contact go whole, with the alerts they raised.
    const erased = erasedText(context.now, this.config.BUSINESS_TIME_ZONE);
    const answered = ((await manager.query(
      `UPDATE check_in SET going_well = ${erasedIfSet('going_well')}, difficulty_details = ${erasedIfSet('difficulty_details')}, updated_at = now()
        WHERE structure_id = $1 AND party = 'employer'
          AND placement_id IN (SELECT id FROM placement WHERE structure_id = $1 AND employer_contact_id = $2)
        RETURNING id`,
      [structureId, id, erased],
    )) as [Array<{ id: string }>, number])[0].map((row) => row.id);
    await manager.query(
      `UPDATE staff_alert SET message = $3, resolution_note = CASE WHEN resolution_note IS NULL THEN NULL ELSE $3 END, updated_at = now()
        WHERE structure_id = $1 AND check_in_id = ANY($2::uuid[])`,
      [structureId, answered, erased],
    );

    // Nobody is sent to them again: follow-ups fall back to the company, leads lose their contact.
    await manager.query(`UPDATE placement SET employer_contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND employer_contact_id = $2`, [
      structureId,
      id,
    ]);
    await manager.query(`UPDATE job_lead SET contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND contact_id = $2`, [structureId, id]);

    // Activities with them keep their facts (the funnel counts them); what was written goes whole.
    await manager.query(
      `UPDATE activity SET text = ${erasedIfSet('text')}, refusal_reason = ${erasedIfSet('refusal_reason')}, updated_at = now()
        WHERE contact_id = $2 AND structure_id = $1 AND (text IS NOT NULL OR refusal_reason IS NOT NULL)`,
      [structureId, id, erased],
    );
    await this.scrubStructure(manager, structureId, identity, context, { table: 'contact', id });
    await this.clearPhone(manager, structureId, identity.phone);

    await manager.query(
      `UPDATE contact SET first_name = NULL, last_name = $3, job_title = NULL, email = NULL, phone = NULL, preferred_channel = NULL,
              decision_maker = false, notes = NULL, email_opt_out = true, email_opt_out_at = coalesce(email_opt_out_at, $4),
              erased_at = $4, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
      [id, structureId, ANONYMOUS_NAME, context.now],
    );
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
    const same = `right(regexp_replace(phone, '\\D', '', 'g'), 9) = $2`;
    await manager.query(`UPDATE company SET phone = NULL, version = version + 1, updated_at = now() WHERE structure_id = $1 AND ${same}`, [
      structureId,
      digits.slice(-9),
    ]);
    await manager.query(`UPDATE contact SET phone = NULL, updated_at = now() WHERE structure_id = $1 AND ${same}`, [structureId, digits.slice(-9)]);
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
    await redactIdentityMentions(manager, structureId, identity, { mark: erasedText(context.now, this.config.BUSINESS_TIME_ZONE), keep: context.keepMatchIds, exclude: [own] });
    if (identity.email) {
      // Nothing still queued for that address leaves.
      await manager.query(
        `UPDATE mail_outbox SET recipient = $3, status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END
          WHERE structure_id = $1 AND lower(recipient) = lower($2)`,
        [structureId, identity.email.trim(), REMOVED_RECIPIENT],
      );
    }
  }

  private async record(manager: EntityManager, structureId: string, type: 'candidate' | 'contact', id: string, context: AnonymisationContext) {
    await manager.query(
      `INSERT INTO privacy_request (structure_id, subject_type, subject_id, kind, reason, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [structureId, type, id, context.kind, context.reason, context.actorId, context.now],
    );
  }

  /** What managers typed when exporting or erasing their data names them and why: it goes too. */
  private async eraseRequestReasons(manager: EntityManager, structureId: string, type: 'candidate' | 'contact', id: string, erased: string) {
    await manager.query(
      `UPDATE privacy_request SET reason = $4 WHERE structure_id = $1 AND subject_type = $2 AND subject_id = $3 AND reason IS NOT NULL`,
      [structureId, type, id, erased],
    );
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
