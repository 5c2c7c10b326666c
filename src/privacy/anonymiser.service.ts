import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { Contact } from '../contacts/contact.entity';
import { AppConfig } from '../config/env';
import { erasedAddressKey, isErasedAddressKey } from '../mail/email-suppression';
import { AnonymisedSubject, PrivacyHooks } from './privacy-hooks';
import { ANONYMOUS_NAME, Identity, identityReplacements, nameWordReplacements, Replacement, replacementSql } from './scrub';

export type AnonymisationKind = 'retention' | 'erasure';

export interface AnonymisationContext {
  kind: AnonymisationKind;
  /** Why (an erasure request); null for retention. */
  reason: string | null;
  actorId: string | null;
  now: Date;
}

/** Free text of the structure where anyone may have written a person's name, address or number. */
const TEXT_COLUMNS: Array<[table: string, column: string]> = [
  ['activity', 'text'],
  ['activity', 'refusal_reason'],
  ['company', 'notes'],
  ['company', 'next_action_note'],
  ['contact', 'notes'],
  ['job_lead', 'abandon_reason'],
  ['stage_event', 'reason'],
  ['proposal', 'outcome_reason'],
  ['placement', 'rupture_reason'],
  ['staff_alert', 'message'],
  ['check_in', 'going_well'],
  ['check_in', 'difficulty_details'],
  ['check_in', 'last_error'],
  ['mail_outbox', 'last_error'],
];

/**
 * Tables edited with optimistic concurrency: a scrubbed row gets a new version, so a form still
 * open on the old text is refused (409) rather than writing the name back.
 */
const VERSIONED = new Set(['company', 'job_lead', 'placement']);
/** Tables without `updated_at`. */
const UNTIMED = new Set(['mail_outbox']);

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

    // Their own rows: free text goes entirely, facts stay. Nothing more is sent about them.
    await manager.query(
      `UPDATE proposal SET outcome_reason = NULL, updated_at = now() WHERE candidate_id = $1 AND structure_id = $2 AND outcome_reason IS NOT NULL`,
      [id, structureId],
    );
    await manager.query(
      `UPDATE placement SET rupture_reason = NULL, version = version + 1, updated_at = now()
        WHERE candidate_id = $1 AND structure_id = $2 AND rupture_reason IS NOT NULL`,
      [id, structureId],
    );
    await manager.query(
      `UPDATE check_in SET going_well = NULL, difficulty_details = NULL,
              recipient = CASE WHEN party = 'employee' THEN NULL ELSE recipient END,
              last_error = CASE WHEN party = 'employee' THEN NULL ELSE last_error END,
              status = CASE WHEN status = 'planned' THEN 'cancelled' ELSE status END,
              updated_at = now()
        WHERE placement_id = ANY($1::uuid[]) AND structure_id = $2`,
      [placementIds, structureId],
    );
    // Their alerts: the message loses the names; open ones are closed (nobody is to act on them now).
    const aboutThem = [...identityReplacements(identity), ...nameWordReplacements(identity)];
    await this.replaceIn(manager, structureId, 'staff_alert', 'message', aboutThem, 'AND (candidate_id = $2 OR placement_id = ANY($3::uuid[]))', [
      id,
      placementIds,
    ]);
    await manager.query(
      `UPDATE staff_alert SET resolved_at = $4, resolved_by = $5, updated_at = now()
        WHERE structure_id = $1 AND resolved_at IS NULL AND (candidate_id = $2 OR placement_id = ANY($3::uuid[]))`,
      [structureId, id, placementIds, context.now, context.actorId],
    );

    await this.scrubStructure(manager, structureId, identity);

    await manager.query(
      `UPDATE candidate SET first_name = $3, last_name = $4, email = NULL, phone = NULL, referrer_name = NULL,
              wanted_jobs = '[]', strengths = '{}', skills = '{}', reachable_communes = '{}', home_commune = NULL,
              mobility_radius_km = NULL, available_from = NULL, constraints = '{}', notes = NULL,
              anonymised_at = $5, version = version + 1, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
      [id, structureId, ANONYMOUS_FIRST, ANONYMOUS_LAST, context.now],
    );
    await this.record(manager, structureId, 'candidate', id, context);
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

    // Nobody is sent to them again: follow-ups fall back to the company, leads lose their contact.
    await manager.query(`UPDATE placement SET employer_contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND employer_contact_id = $2`, [
      structureId,
      id,
    ]);
    await manager.query(`UPDATE job_lead SET contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND contact_id = $2`, [structureId, id]);

    // Activities with them keep their facts (the funnel counts them); their text loses the names.
    const aboutThem = [...identityReplacements(identity), ...nameWordReplacements(identity)];
    await this.replaceIn(manager, structureId, 'activity', 'text', aboutThem, 'AND contact_id = $2', [id]);
    await this.replaceIn(manager, structureId, 'activity', 'refusal_reason', aboutThem, 'AND contact_id = $2', [id]);
    await this.scrubStructure(manager, structureId, identity);

    await manager.query(
      `UPDATE contact SET first_name = NULL, last_name = $3, job_title = NULL, email = NULL, phone = NULL, preferred_channel = NULL,
              decision_maker = false, notes = NULL, email_opt_out = true, email_opt_out_at = coalesce(email_opt_out_at, $4),
              erased_at = $4, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
      [id, structureId, ANONYMOUS_NAME, context.now],
    );
    await this.record(manager, structureId, 'contact', id, context);
    await this.hooks.run(manager, this.subject('contact', id, structureId, identity, context));
    return true;
  }

  /** The full name, address and number wherever free text of the structure holds them. */
  private async scrubStructure(manager: EntityManager, structureId: string, identity: Identity): Promise<void> {
    const replacements = identityReplacements(identity);
    if (!replacements.length) return;
    for (const [table, column] of TEXT_COLUMNS) await this.replaceIn(manager, structureId, table, column, replacements);
    // E-mails already recorded (alerts, digests) keep their shape: only the matching text changes.
    const json = identityReplacements(identity, true);
    if (json.length) {
      const { expression, condition, params } = replacementSql('context::text', json, 2);
      await manager.query(`UPDATE mail_outbox SET context = (${expression})::jsonb WHERE structure_id = $1 AND ${condition}`, [
        structureId,
        ...params,
      ]);
    }
    if (identity.email) {
      // Nothing still queued for that address leaves.
      await manager.query(
        `UPDATE mail_outbox SET recipient = $3, status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END
          WHERE structure_id = $1 AND lower(recipient) = lower($2)`,
        [structureId, identity.email.trim(), REMOVED_RECIPIENT],
      );
    }
  }

  /** Applies the replacements to one column of the structure's rows (narrowed by `extraWhere`). */
  private async replaceIn(
    manager: EntityManager,
    structureId: string,
    table: string,
    column: string,
    replacements: Replacement[],
    extraWhere = '',
    extraParams: unknown[] = [],
  ): Promise<void> {
    if (!replacements.length) return;
    const { expression, condition, params } = replacementSql(column, replacements, 2 + extraParams.length);
    const also = `${VERSIONED.has(table) ? ', version = version + 1' : ''}${UNTIMED.has(table) ? '' : ', updated_at = now()'}`;
    await manager.query(`UPDATE ${table} SET ${column} = ${expression}${also} WHERE structure_id = $1 ${extraWhere} AND ${condition}`, [
      structureId,
      ...extraParams,
      ...params,
    ]);
  }

  private async record(manager: EntityManager, structureId: string, type: 'candidate' | 'contact', id: string, context: AnonymisationContext) {
    await manager.query(
      `INSERT INTO privacy_request (structure_id, subject_type, subject_id, kind, reason, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [structureId, type, id, context.kind, context.reason, context.actorId, context.now],
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
