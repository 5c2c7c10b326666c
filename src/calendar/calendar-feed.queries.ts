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
  source: 'meeting' | 'call';
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
 * planned meetings with a time (one hour long) and their planned calls (all day), the person in
 * charge being the next action's owner, else the company's.
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
     SELECT 'meeting' AS source, c.id AS "itemId", c.name AS title,
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
     SELECT 'call', c.id, c.name, NULL, NULL, c.next_action_due, NULL, c.next_action_note, '/entreprises/' || c.id
       FROM company c
      WHERE c.structure_id = $1 AND coalesce(c.next_action_owner_id, c.owner_id) = $2
        AND c.next_action_type = 'call'
        AND c.next_action_due BETWEEN $3::date AND $4::date
     ) item
     -- In time order, an all-day item at the start of its day.
     ORDER BY coalesce(item."startsAt", item.day::timestamp AT TIME ZONE $5), item.title`,
    [structureId, userId, from, to, timeZone],
  )) as FeedItemRow[];
}
