import { EntityManager } from 'typeorm';

/**
 * The anonymiser's SQL: each statement takes the structure and the person explicitly, and runs on
 * the caller's transaction manager (the caller holds the person's row locked).
 */

/** The column's value replaced by the erased text ($3), or left NULL. */
const erasedIfSet = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL ELSE $3 END`;

export type SubjectType = 'candidate' | 'contact';

/** The candidate's placements. */
export async function placementIdsOfCandidate(manager: EntityManager, structureId: string, candidateId: string): Promise<string[]> {
  return ((await manager.query(`SELECT id FROM placement WHERE candidate_id = $1 AND structure_id = $2`, [
    candidateId,
    structureId,
  ])) as Array<{ id: string }>).map((row) => row.id);
}

/**
 * The card moves their proposals and placements caused quote the job as written for them: those
 * reasons go (before the titles they quote are erased).
 */
export async function eraseCandidateStageReasons(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
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
    [candidateId, structureId, erased],
  );
}

export async function eraseCandidateProposalReasons(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE proposal SET outcome_reason = $3, updated_at = now() WHERE candidate_id = $1 AND structure_id = $2 AND outcome_reason IS NOT NULL`,
    [candidateId, structureId, erased],
  );
}

/** The notes on what followed an encounter for the person. */
export async function eraseCandidateEncounterNotes(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE encounter_participant SET outcome_note = $3, updated_at = now()
      WHERE candidate_id = $1 AND structure_id = $2 AND outcome_note IS NOT NULL`,
    [candidateId, structureId, erased],
  );
}

export async function eraseCandidatePlacementTexts(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE placement SET job_title = $3, rupture_reason = CASE WHEN rupture_reason IS NULL THEN NULL ELSE $3 END,
              version = version + 1, updated_at = now()
        WHERE candidate_id = $1 AND structure_id = $2`,
    [candidateId, structureId, erased],
  );
}

/** The employee's answers go, their address too; planned check-ins are cancelled. */
export async function eraseCandidateCheckIns(manager: EntityManager, structureId: string, placementIds: string[], erased: string): Promise<void> {
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
}

export async function eraseCandidateActivityTexts(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE activity SET text = ${erasedIfSet('text')}, refusal_reason = ${erasedIfSet('refusal_reason')}, updated_at = now()
        WHERE candidate_id = $1 AND structure_id = $2 AND (text IS NOT NULL OR refusal_reason IS NOT NULL)`,
    [candidateId, structureId, erased],
  );
}

/**
 * The leads they were proposed on: the adaptations describe them; the rest of the lead is theirs
 * too unless someone else still in the records was proposed on it.
 */
export async function eraseCandidateLeadTexts(manager: EntityManager, structureId: string, candidateId: string, erased: string): Promise<void> {
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
    [candidateId, structureId, erased],
  );
}

/** Their alerts: the message and the resolution's note go; open ones are closed by `actorId` at `now`. */
export async function eraseCandidateAlerts(
  manager: EntityManager,
  structureId: string,
  candidateId: string,
  placementIds: string[],
  erased: string,
  now: Date,
  actorId: string | null,
): Promise<void> {
  await manager.query(
    `UPDATE staff_alert SET message = $4, resolution_note = CASE WHEN resolution_note IS NULL THEN NULL ELSE $4 END, resolved_at = coalesce(resolved_at, $5), resolved_by = CASE WHEN resolved_at IS NULL THEN $6 ELSE resolved_by END,
              updated_at = now()
        WHERE structure_id = $1 AND (candidate_id = $2 OR placement_id = ANY($3::uuid[]))`,
    [structureId, candidateId, placementIds, erased, now, actorId],
  );
}

/** The candidate's own row, emptied of identity and marked anonymised at `now`. */
export async function anonymiseCandidateRow(
  manager: EntityManager,
  structureId: string,
  candidateId: string,
  name: { first: string; last: string },
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE candidate SET first_name = $3, last_name = $4, email = NULL, phone = NULL, referrer_name = NULL,
              wanted_jobs = '[]', strengths = '{}', skills = '{}', reachable_communes = '{}', home_commune = NULL,
              mobility_radius_km = NULL, available_from = NULL, constraints = '{}', notes = NULL,
              anonymised_at = $5, version = version + 1, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
    [candidateId, structureId, name.first, name.last, now],
  );
}

/** Every address a contact was suppressed under. */
export async function suppressedAddressesOfContact(manager: EntityManager, structureId: string, contactId: string): Promise<string[]> {
  return ((await manager.query(`SELECT email FROM email_suppression WHERE structure_id = $1 AND contact_id = $2`, [
    structureId,
    contactId,
  ])) as Array<{ email: string }>).map((row) => row.email);
}

/**
 * The address `email` kept only as its keyed hash `key` in the suppression list; no check-in goes
 * to it any more, and the same person entered at another company is never e-mailed again either.
 */
export async function replaceAddressByKey(
  manager: EntityManager,
  structureId: string,
  contactId: string,
  email: string,
  key: string,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO email_suppression (structure_id, email, contact_id)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [structureId, key, contactId],
  );
  await manager.query(`DELETE FROM email_suppression WHERE structure_id = $1 AND email = $2`, [structureId, email]);
  await manager.query(`UPDATE check_in SET recipient = NULL WHERE structure_id = $1 AND lower(btrim(recipient)) = $2`, [structureId, email]);
  await manager.query(
    `UPDATE contact SET email_opt_out = true, email_opt_out_at = coalesce(email_opt_out_at, $4), updated_at = now()
          WHERE structure_id = $1 AND lower(btrim(email)) = $2 AND id <> $3 AND NOT email_opt_out`,
    [structureId, email, contactId, now],
  );
}

/** The contact's own answers as the employer's contact go whole; returns the check-ins erased. */
export async function eraseContactAnswers(manager: EntityManager, structureId: string, contactId: string, erased: string): Promise<string[]> {
  return ((await manager.query(
    `UPDATE check_in SET going_well = ${erasedIfSet('going_well')}, difficulty_details = ${erasedIfSet('difficulty_details')}, updated_at = now()
        WHERE structure_id = $1 AND party = 'employer'
          AND placement_id IN (SELECT id FROM placement WHERE structure_id = $1 AND employer_contact_id = $2)
        RETURNING id`,
    [structureId, contactId, erased],
  )) as [Array<{ id: string }>, number])[0].map((row) => row.id);
}

/** The alerts raised by those answers. */
export async function eraseAlertsOfCheckIns(manager: EntityManager, structureId: string, checkInIds: string[], erased: string): Promise<void> {
  await manager.query(
    `UPDATE staff_alert SET message = $3, resolution_note = CASE WHEN resolution_note IS NULL THEN NULL ELSE $3 END, updated_at = now()
        WHERE structure_id = $1 AND check_in_id = ANY($2::uuid[])`,
    [structureId, checkInIds, erased],
  );
}

/**
 * Nobody is sent to the contact again: follow-ups fall back to the company, leads lose their
 * contact, a planned meeting is with nobody in particular and its invitations (with the address
 * they went to) go.
 */
export async function detachContact(manager: EntityManager, structureId: string, contactId: string): Promise<void> {
  await manager.query(`UPDATE placement SET employer_contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND employer_contact_id = $2`, [
    structureId,
    contactId,
  ]);
  await manager.query(`UPDATE job_lead SET contact_id = NULL, updated_at = now() WHERE structure_id = $1 AND contact_id = $2`, [structureId, contactId]);
  await manager.query(
    `UPDATE company SET next_action_contact_id = NULL, version = version + 1, updated_at = now() WHERE structure_id = $1 AND next_action_contact_id = $2`,
    [structureId, contactId],
  );
  await manager.query(`DELETE FROM meeting_invitation WHERE structure_id = $1 AND contact_id = $2`, [structureId, contactId]);
}

export async function eraseContactActivityTexts(manager: EntityManager, structureId: string, contactId: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE activity SET text = ${erasedIfSet('text')}, refusal_reason = ${erasedIfSet('refusal_reason')}, updated_at = now()
        WHERE contact_id = $2 AND structure_id = $1 AND (text IS NOT NULL OR refusal_reason IS NOT NULL)`,
    [structureId, contactId, erased],
  );
}

/** The contact's own row, emptied, opted out and marked erased at `now`. */
export async function eraseContactRow(manager: EntityManager, structureId: string, contactId: string, name: string, now: Date): Promise<void> {
  await manager.query(
    `UPDATE contact SET first_name = NULL, last_name = $3, job_title = NULL, email = NULL, phone = NULL, preferred_channel = NULL,
              decision_maker = false, notes = NULL, email_opt_out = true, email_opt_out_at = coalesce(email_opt_out_at, $4),
              erased_at = $4, updated_at = now()
        WHERE id = $1 AND structure_id = $2`,
    [contactId, structureId, name, now],
  );
}

/** A number (its last 9 digits) entered as a company's switchboard or a contact's line is cleared. */
export async function clearPhoneNumber(manager: EntityManager, structureId: string, lastDigits: string): Promise<void> {
  const same = `right(regexp_replace(phone, '\\D', '', 'g'), 9) = $2`;
  await manager.query(`UPDATE company SET phone = NULL, version = version + 1, updated_at = now() WHERE structure_id = $1 AND ${same}`, [
    structureId,
    lastDigits,
  ]);
  await manager.query(`UPDATE contact SET phone = NULL, updated_at = now() WHERE structure_id = $1 AND ${same}`, [structureId, lastDigits]);
}

/**
 * The texts sent to the person, or to their number: nothing of what they said is kept, nothing
 * still pending leaves. (A « STOP » stays in `sms_opt_out`: it is their refusal, kept as consent.)
 */
export async function eraseTextsTo(
  manager: EntityManager,
  structureId: string,
  person: { candidateId?: string; contactId?: string; phone: string | null },
  erased: string,
): Promise<void> {
  await manager.query(
    `UPDATE sms_message SET content = $5, recipient = '', last_error = NULL,
            status = CASE WHEN status = 'pending' THEN 'suppressed' ELSE status END
      WHERE structure_id = $1 AND (candidate_id = $2 OR contact_id = $3 OR recipient = $4)`,
    [structureId, person.candidateId ?? null, person.contactId ?? null, person.phone, erased],
  );
}

/**
 * Nothing still queued (or failed, to be retried) for that address leaves; the outbox row keeps
 * `replacement` as recipient and nothing of what it said: an e-mail to the person is about them
 * through and through (an invitation's calendar part names them and carries their address, in
 * folded lines no text search can be trusted to find).
 */
export async function suppressQueuedMailTo(manager: EntityManager, structureId: string, email: string, replacement: string): Promise<void> {
  await manager.query(
    `UPDATE mail_outbox SET recipient = $3, context = '{}'::jsonb, last_error = NULL,
            status = CASE WHEN status IN ('pending', 'failed') THEN 'suppressed' ELSE status END
          WHERE structure_id = $1 AND lower(recipient) = lower($2)`,
    [structureId, email, replacement],
  );
}

export async function insertPrivacyRequest(
  manager: EntityManager,
  request: { structureId: string; type: SubjectType; id: string; kind: string; reason: string | null; actorId: string | null; at: Date },
): Promise<void> {
  await manager.query(
    `INSERT INTO privacy_request (structure_id, subject_type, subject_id, kind, reason, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [request.structureId, request.type, request.id, request.kind, request.reason, request.actorId, request.at],
  );
}

/** What managers typed when exporting or erasing a person's data names them and why: it goes too. */
export async function erasePrivacyRequestReasons(manager: EntityManager, structureId: string, type: SubjectType, id: string, erased: string): Promise<void> {
  await manager.query(
    `UPDATE privacy_request SET reason = $4 WHERE structure_id = $1 AND subject_type = $2 AND subject_id = $3 AND reason IS NOT NULL`,
    [structureId, type, id, erased],
  );
}
