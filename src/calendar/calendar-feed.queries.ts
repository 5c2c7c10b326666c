import { EntityManager } from 'typeorm';

/** The calendar feeds' SQL: each question takes the structure, or the secret's hash on the identify path. */

/** A live feed found by its secret's hash, with whom it is for. */
export interface FeedOwnerRow {
  structureId: string;
  userId: string;
  firstName: string;
  lastName: string;
}

/**
 * The live feed whose secret hashes to `tokenHash`, for an active account; null otherwise (unknown,
 * revoked or deactivated look the same). Read before any structure is known: one index lookup.
 */
export async function liveFeedByHash(manager: EntityManager, tokenHash: string): Promise<FeedOwnerRow | null> {
  const rows = (await manager.query(
    `SELECT f.structure_id AS "structureId", f.user_id AS "userId", u.first_name AS "firstName", u.last_name AS "lastName"
       FROM calendar_feed f
       JOIN app_user u ON u.id = f.user_id AND u.structure_id = f.structure_id
      WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.active`,
    [tokenHash],
  )) as FeedOwnerRow[];
  return rows[0] ?? null;
}

/** When the user's live feed was created, if they have one. */
export async function liveFeedOf(manager: EntityManager, structureId: string, userId: string): Promise<{ createdAt: Date } | null> {
  const rows = (await manager.query(
    `SELECT created_at AS "createdAt" FROM calendar_feed WHERE structure_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
    [structureId, userId],
  )) as Array<{ createdAt: Date }>;
  return rows[0] ?? null;
}

/**
 * Revokes the user's live feed, if any; returns how many were live (0 or 1). The account's row is
 * locked first, so that two concurrent replacements of a feed wait for each other.
 */
export async function revokeLiveFeed(manager: EntityManager, structureId: string, userId: string, now: Date): Promise<number> {
  await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND structure_id = $2 FOR UPDATE`, [userId, structureId]);
  const [, count]: [unknown, number] = await manager.query(
    `UPDATE calendar_feed SET revoked_at = $3 WHERE structure_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
    [structureId, userId, now],
  );
  return count;
}

/** A new live feed; call revokeLiveFeed first in the same transaction. */
export async function insertFeed(manager: EntityManager, feed: { structureId: string; userId: string; tokenHash: string; now: Date }): Promise<void> {
  await manager.query(`INSERT INTO calendar_feed (structure_id, user_id, token_hash, created_at) VALUES ($1, $2, $3, $4)`, [
    feed.structureId,
    feed.userId,
    feed.tokenHash,
    feed.now,
  ]);
}

/**
 * One thing in a feed. `source` says where it comes from; each source fills the same columns so
 * that more (encounters) join by UNION ALL. Timed items have `startsAt` and `endsAt`; all-day
 * items have `day` (a Paris date) instead.
 */
export interface FeedItemRow {
  source: 'meeting' | 'call' | 'encounter';
  /** An encounter's kind (job_dating, company_visit…); null for the others. */
  kind: string | null;
  itemId: string;
  title: string;
  startsAt: Date | null;
  endsAt: Date | null;
  day: string | null;
  location: string | null;
  note: string | null;
  path: string;
}

/**
 * What the user's calendar shows between the days `from` and `to` (dates in `timeZone`): their
 * planned meetings with a time (one hour long), their planned calls (all day), the person in
 * charge being the next action's owner, else the company's, and the encounters they organise or
 * take part in.
 */
export async function feedItems(
  manager: EntityManager,
  structureId: string,
  userId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<FeedItemRow[]> {
  return (await manager.query(
    `SELECT * FROM (
     SELECT 'meeting' AS source, NULL::text AS kind, c.id AS "itemId", c.name AS title,
            (c.next_action_due + c.next_action_time) AT TIME ZONE $5 AS "startsAt",
            (c.next_action_due + c.next_action_time) AT TIME ZONE $5 + interval '1 hour' AS "endsAt",
            NULL::date AS day,
            nullif(concat_ws(', ', nullif(c.address, ''), nullif(concat_ws(' ', nullif(c.postcode, ''), nullif(c.commune, '')), '')), '') AS location,
            c.next_action_note AS note, '/entreprises/' || c.id AS path
       FROM company c
      WHERE c.structure_id = $1 AND coalesce(c.next_action_owner_id, c.owner_id) = $2
        AND c.next_action_type = 'meeting' AND c.next_action_time IS NOT NULL
        AND c.next_action_due BETWEEN $3::date AND $4::date
     UNION ALL
     SELECT 'call', NULL, c.id, c.name, NULL, NULL, c.next_action_due, NULL, c.next_action_note, '/entreprises/' || c.id
       FROM company c
      WHERE c.structure_id = $1 AND coalesce(c.next_action_owner_id, c.owner_id) = $2
        AND c.next_action_type = 'call'
        AND c.next_action_due BETWEEN $3::date AND $4::date
     UNION ALL
     -- The encounters they organise or take part in as staff, not cancelled.
     SELECT 'encounter', e.kind, e.id, e.title, e.starts_at, e.ends_at, NULL,
            coalesce(e.place, nullif(concat_ws(', ', h.name, nullif(h.address, ''), nullif(concat_ws(' ', nullif(h.postcode, ''), nullif(h.commune, '')), '')), '')),
            e.description, '/rencontres/' || e.id
       FROM encounter e
       LEFT JOIN company h ON h.id = e.host_company_id AND h.structure_id = $1
      WHERE e.structure_id = $1 AND e.status = 'planned'
        AND e.starts_at >= ($3::date)::timestamp AT TIME ZONE $5 AND e.starts_at < (($4::date + 1)::timestamp AT TIME ZONE $5)
        AND (e.organiser_id = $2
             OR EXISTS (SELECT 1 FROM encounter_participant p
                         WHERE p.encounter_id = e.id AND p.structure_id = $1 AND p.user_id = $2))
     ) item
     -- In time order, an all-day item at the start of its day.
     ORDER BY coalesce(item."startsAt", item.day::timestamp AT TIME ZONE $5), item.title`,
    [structureId, userId, from, to, timeZone],
  )) as FeedItemRow[];
}
