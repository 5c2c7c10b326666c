import { wallTimeToInstant } from '../common/calendar/time-zone';
import type { NextActionType } from '../prospection/cadence';

/** A meeting lasts an hour in the invitation: the next action records only when it starts. */
export const MEETING_DURATION_MS = 60 * 60 * 1000;

/** Whether the contact can be e-mailed: 'ok', no address (or erased), opted out or suppressed. */
export type ContactReach = 'ok' | 'no_email' | 'opted_out';

/** What the next action view says of the meeting's invitation. */
export type InvitationState = 'sent' | 'no_email' | 'opted_out';

/** The meeting a company's next action plans, when it is one with a day, a time and a contact. */
export interface PlannedMeeting {
  contactId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface NextActionFields {
  nextActionType: NextActionType | null;
  nextActionDue: string | null;
  nextActionTime: string | null;
  nextActionContactId: string | null;
}

/** The meeting the next action plans (Paris wall time → instant), or none. */
export function plannedMeeting(company: NextActionFields, timeZone: string): PlannedMeeting | null {
  if (company.nextActionType !== 'meeting' || !company.nextActionDue || !company.nextActionTime || !company.nextActionContactId) return null;
  const [hours, minutes] = company.nextActionTime.split(':').map(Number);
  const startsAt = wallTimeToInstant(timeZone, company.nextActionDue, hours, minutes);
  return { contactId: company.nextActionContactId, startsAt, endsAt: new Date(startsAt.getTime() + MEETING_DURATION_MS) };
}

export interface LiveInvitation {
  contactId: string;
  startsAt: Date;
}

export type InvitationStep = 'invite' | 'move' | 'cancel';

/**
 * What to send when the next action changed, from the live invitation (if any) and the meeting
 * now planned (if any) with whether its contact can be e-mailed:
 * - nothing live, a meeting with a reachable contact: invite;
 * - the same contact, the same start: nothing (a note or an owner changed);
 * - the same contact, another start: move it, unless they can no longer be e-mailed (then cancel);
 * - no meeting any more, or another contact: cancel, and invite the new one if reachable.
 */
export function invitationSteps(live: LiveInvitation | null, meeting: PlannedMeeting | null, reach: ContactReach | null): InvitationStep[] {
  const reachable = meeting !== null && reach === 'ok';
  if (!live) return reachable ? ['invite'] : [];
  if (meeting && meeting.contactId === live.contactId) {
    if (meeting.startsAt.getTime() === live.startsAt.getTime()) return [];
    return reachable ? ['move'] : ['cancel'];
  }
  return reachable ? ['cancel', 'invite'] : ['cancel'];
}

/**
 * What the company page says of a planned meeting's invitation: sent while one is live, else why
 * none could be (no address, opted out); nothing when there is no meeting with a contact or the
 * contact could be reached but the meeting has not changed since (an address added later).
 */
export function invitationState(live: boolean, meeting: PlannedMeeting | null, reach: ContactReach | null): InvitationState | null {
  if (live) return 'sent';
  if (!meeting || reach === null || reach === 'ok') return null;
  return reach;
}

/**
 * The contact a new next action is with: the one given (null for none); when none is given, the
 * current one while the next action was and stays a meeting (moving a meeting keeps its contact),
 * else none (a call planned instead of the meeting is with nobody in particular).
 */
export function nextContactOf(
  company: Pick<NextActionFields, 'nextActionType' | 'nextActionContactId'>,
  type: NextActionType,
  contactId: string | null | undefined,
): string | null {
  if (contactId !== undefined) return contactId;
  return company.nextActionType === 'meeting' && type === 'meeting' ? company.nextActionContactId : null;
}
