import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashToken } from '../auth/auth.service';
import { addCalendarDays, calendarDayIn } from '../common/calendar/working-days';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/env';
import { AUTH } from '../refusals/index';
import { because, NotFoundRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { asSystem, withStructure } from '../tenancy/tenant-scope';
import { feedItems, FeedItemRow, insertFeed, liveFeedByHash, liveFeedOf, revokeLiveFeed } from './calendar-feed.queries';
import { CalendarEvent, feedIcs, uidHost } from './ics';
import { ENCOUNTER_KIND_LABELS, EncounterKind } from '../encounters/encounter.entity';

/** What a feed shows around today: the past month (to look back) and the next six. */
export const FEED_DAYS_BEFORE = 30;
export const FEED_DAYS_AFTER = 180;

/** A secret as `randomBytes(32)` writes it in base64url: anything else is refused without a query. */
const SECRET_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The feed's events from its rows: summaries in French, stable UIDs per company and kind. */
export function feedEvents(rows: FeedItemRow[], appBaseUrl: string, stamp: Date): CalendarEvent[] {
  const host = uidHost(appBaseUrl);
  return rows.map((row) => {
    const common = {
      uid: `${row.source}-${row.itemId}@${host}`,
      sequence: 0,
      location: row.location,
      description: row.note,
      url: `${appBaseUrl}${row.path}`,
      stamp,
    };
    if (row.source === 'call') {
      // An all-day event: its instant only names the day, read back in the feed's time zone.
      const day = new Date(`${row.day}T12:00:00Z`);
      return { ...common, summary: `Appeler ${row.title}`, start: day, end: day, allDay: true };
    }
    if (row.source === 'encounter') {
      const kind = ENCOUNTER_KIND_LABELS[row.kind as EncounterKind] ?? 'Rencontre';
      return { ...common, summary: `${kind} — ${row.title}`, start: row.startsAt!, end: row.endsAt! };
    }
    return { ...common, summary: `Rendez-vous — ${row.title}`, start: row.startsAt!, end: row.endsAt! };
  });
}

/**
 * Each staff member's calendar subscription: a private address (its secret shown once, only its
 * hash stored) that Outlook or a phone reads to show their meetings and planned calls. A new link
 * replaces the old one; revoking it makes the address answer 404, like an unknown one.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** When the reader's live feed was made, if they have one (the address itself is not kept). */
  status(actor: Actor): Promise<{ createdAt: Date } | null> {
    return liveFeedOf(this.dataSource.manager, actor.structureId, actor.userId);
  }

  /** A new subscription address for the reader, replacing any previous one; the only time it is shown. */
  async create(actor: Actor): Promise<{ url: string; createdAt: Date }> {
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const replaced = await revokeLiveFeed(manager, actor.structureId, actor.userId, now);
      await insertFeed(manager, { structureId: actor.structureId, userId: actor.userId, tokenHash: hashToken(secret), now });
      // The trail says a link was made, never the link.
      await this.audit.record(manager, actor, {
        entity: 'user',
        entityId: actor.userId,
        action: 'update',
        extra: { calendarFeed: { to: replaced ? 'nouveau lien' : 'lien créé' } },
      });
    });
    return { url: this.urlOf(secret), createdAt: now };
  }

  /** Revokes the reader's subscription address; true when there was one. */
  async revoke(actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const revoked = (await revokeLiveFeed(manager, actor.structureId, actor.userId, this.clock.now())) > 0;
      if (revoked) {
        await this.audit.record(manager, actor, { entity: 'user', entityId: actor.userId, action: 'update', extra: { calendarFeed: { to: 'révoqué' } } });
      }
      return revoked;
    });
  }

  /**
   * The calendar behind a secret. The secret is the credential: its feed is found before anyone's
   * structure is known, then everything is read in that structure. Unknown, revoked and malformed
   * secrets get the same 404.
   */
  async ics(secret: string): Promise<string> {
    const owner = SECRET_FORMAT.test(secret)
      ? await asSystem('identify', () => liveFeedByHash(this.dataSource.manager, hashToken(secret)))
      : null;
    if (!owner) throw new NotFoundRefusal(because(AUTH.calendarFeedUnknown), 'This calendar address is revoked, replaced or unknown');
    const now = this.clock.now();
    const timeZone = this.config.BUSINESS_TIME_ZONE;
    const today = calendarDayIn(timeZone, now);
    const rows = await withStructure(owner.structureId, () =>
      feedItems(this.dataSource.manager, owner.structureId, owner.userId, addCalendarDays(today, -FEED_DAYS_BEFORE), addCalendarDays(today, FEED_DAYS_AFTER), timeZone),
    );
    return feedIcs(`Tremplin — ${owner.firstName} ${owner.lastName}`, feedEvents(rows, this.config.APP_BASE_URL, now), timeZone);
  }

  private urlOf(secret: string): string {
    return `${this.config.APP_BASE_URL}/agenda/${secret}.ics`;
  }
}
