import { addCalendarDays, calendarDayIn, daysBetween } from '../common/calendar/working-days';
import type { LeadStatus } from './job-lead.entity';

/**
 * Status changes staff may make by hand (POST /api/leads/:id/status). Proposals and their outcomes
 * move the lead too (to candidate_proposed, interview, filled) without going through this table.
 * - candidate_proposed needs a proposal: it is reached only by proposing a candidate;
 * - candidate_proposed / interview → qualified / candidate_proposed: the candidate fell through, search again;
 * - filled is final; abandoned can only be reopened (→ spotted).
 */
export const LEAD_TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  spotted: ['qualified', 'abandoned'],
  qualified: ['spotted', 'abandoned'],
  candidate_proposed: ['qualified', 'interview', 'filled', 'abandoned'],
  interview: ['candidate_proposed', 'filled', 'abandoned'],
  filled: [],
  abandoned: ['spotted'],
};

export function canMoveLead(from: LeadStatus, to: LeadStatus): boolean {
  return LEAD_TRANSITIONS[from].includes(to);
}

export interface LeadTiming {
  /** Last calendar day (Europe/Paris) for a first proposal. */
  proposalDueBy: string;
  /** Calendar days from spotted to the first proposal; null until one. */
  daysToFirstProposal: number | null;
  /** Open, no proposal yet, and today is past proposalDueBy. */
  overdue: boolean;
  /** The first proposal came after proposalDueBy. */
  late: boolean;
}

/**
 * The SEVE promise is counted in calendar days: "within 48 hours to a week" is what the employer is
 * told and what they live by; a need spotted on Friday is still waiting on Monday.
 */
export function leadTiming(
  lead: { spottedAt: Date; firstProposedAt: Date | null; status: LeadStatus },
  targetDays: number,
  today: string,
  timeZone: string,
): LeadTiming {
  const spottedDay = calendarDayIn(timeZone, lead.spottedAt);
  const proposalDueBy = addCalendarDays(spottedDay, targetDays);
  if (lead.firstProposedAt) {
    const proposedDay = calendarDayIn(timeZone, lead.firstProposedAt);
    return {
      proposalDueBy,
      daysToFirstProposal: daysBetween(spottedDay, proposedDay),
      overdue: false,
      late: proposedDay > proposalDueBy,
    };
  }
  const open = lead.status !== 'filled' && lead.status !== 'abandoned';
  return { proposalDueBy, daysToFirstProposal: null, overdue: open && today > proposalDueBy, late: false };
}
