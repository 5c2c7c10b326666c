import { daysBetween, workingDaysBefore } from '../common/calendar/working-days';
import { wallTimeToInstant } from '../common/calendar/time-zone';
import { AttendanceStatus, EncounterKind, EncounterOutcome } from './encounter.entity';

/** The outcomes funders count as « retours positifs »: a job, an immersion, a training. */
export const POSITIVE_OUTCOMES: readonly EncounterOutcome[] = ['contract', 'pmsmp', 'training'];

export function isPositive(outcome: EncounterOutcome | null): boolean {
  return outcome !== null && POSITIVE_OUTCOMES.includes(outcome);
}

/** Default window after an encounter within which a positive outcome counts. */
export const DEFAULT_OUTCOME_WINDOW_DAYS = 90;

/** The instants of an encounter held on `day` from `startTime` to `endTime` (HH:MM, wall clock of `timeZone`). */
export function encounterInstants(timeZone: string, day: string, startTime: string, endTime: string): { startsAt: Date; endsAt: Date } {
  const at = (time: string) => {
    const [hours, minutes] = time.split(':').map(Number);
    return wallTimeToInstant(timeZone, day, hours, minutes);
  };
  return { startsAt: at(startTime), endsAt: at(endTime) };
}

/** Whether a change is one the invitees must see in their calendar (a new SEQUENCE is sent). */
export function invitationChanged(
  before: { startsAt: Date; endsAt: Date; title: string; place: string | null; hostCompanyId: string | null; description: string | null },
  after: { startsAt: Date; endsAt: Date; title: string; place: string | null; hostCompanyId: string | null; description: string | null },
): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.title !== after.title ||
    before.place !== after.place ||
    before.hostCompanyId !== after.hostCompanyId ||
    before.description !== after.description
  );
}

/**
 * When the two reminders are due: at 09:00 (Paris) two working days before the encounter's day,
 * and two hours before its start. An encounter booked after a reminder's time gets no late copy of it.
 */
export function reminderInstants(timeZone: string, encounterDay: string, startsAt: Date): { early: Date; late: Date } {
  return {
    early: wallTimeToInstant(timeZone, workingDaysBefore(encounterDay, 2), 9, 0),
    late: new Date(startsAt.getTime() - 2 * 3_600_000),
  };
}

/** Statuses that hold a candidate's place: an excused person frees theirs. */
export function holdsPlace(status: AttendanceStatus): boolean {
  return status !== 'excused';
}

export interface OutcomeRow {
  encounterId: string;
  kind: EncounterKind;
  /** The encounter's Paris day. */
  encounterDay: string;
  participantId: string;
  status: AttendanceStatus;
  outcome: EncounterOutcome | null;
  outcomeOn: string | null;
}

export interface OutcomeRate {
  present: number;
  positive: number;
  /** positive / present, 0 when nobody came. */
  rate: number;
}

/**
 * The positive-outcome rate: of the candidates present, those whose recorded outcome is a job, an
 * immersion or a training dated within `withinDays` calendar days of the encounter. A person present
 * at two encounters counts at each.
 */
export function outcomeRate(rows: readonly OutcomeRow[], withinDays: number): OutcomeRate {
  const present = rows.filter((row) => row.status === 'present');
  const positive = present.filter((row) => countsAsPositive(row, withinDays));
  return { present: present.length, positive: positive.length, rate: present.length ? positive.length / present.length : 0 };
}

export function countsAsPositive(row: OutcomeRow, withinDays: number): boolean {
  if (row.status !== 'present' || !isPositive(row.outcome) || !row.outcomeOn) return false;
  const after = daysBetween(row.encounterDay, row.outcomeOn);
  return after >= 0 && after <= withinDays;
}
