import { calendarDayIn } from '../common/calendar/working-days';
import { wallTimeOf } from '../common/calendar/time-zone';
import { Company } from '../companies/company.entity';
import {
  AttendanceStatus,
  Encounter,
  EncounterKind,
  EncounterOutcome,
  EncounterStatus,
  InvitationSkip,
  Party,
} from './encounter.entity';
import { OutcomeRate } from './encounter-rules';
import { ParticipantRow } from './encounters.queries';

export interface ParticipantView {
  id: string;
  party: Party;
  /** The candidate, contact or user it is. */
  personId: string;
  firstName: string | null;
  lastName: string;
  email: string | null;
  companyId: string | null;
  companyName: string | null;
  status: AttendanceStatus;
  /** Whether an invitation e-mail went out (at which SEQUENCE). */
  invitedSequence: number | null;
  invitationSkipped: InvitationSkip | null;
  outcome: EncounterOutcome | null;
  outcomeOn: string | null;
  outcomeProposalId: string | null;
  outcomePlacementId: string | null;
  outcomeLeadId: string | null;
  outcomeNote: string | null;
}

export interface EncounterView {
  id: string;
  kind: EncounterKind;
  title: string;
  /** Paris day and wall times. */
  day: string;
  startTime: string;
  endTime: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  hostCompanyId: string | null;
  capacity: number | null;
  organiserId: string | null;
  leadId: string | null;
  description: string | null;
  status: EncounterStatus;
  sequence: number;
  version: number;
  started: boolean;
  attendanceMarkedAt: string | null;
  companies: Array<Pick<Company, 'id' | 'name' | 'commune'>>;
  participants: ParticipantView[];
  /** Candidates holding a place (all but excused). */
  placesTaken: number;
  outcomes: OutcomeRate;
}

export function encounterView(
  encounter: Encounter,
  companies: Array<Pick<Company, 'id' | 'name' | 'commune'>>,
  people: ParticipantRow[],
  outcomes: OutcomeRate,
  at: { now: Date; timeZone: string },
): EncounterView {
  const participants = people.map(
    (person): ParticipantView => ({
      id: person.id,
      party: person.party,
      personId: (person.candidate_id ?? person.contact_id ?? person.user_id) as string,
      firstName: person.first_name,
      lastName: person.last_name,
      email: person.email,
      companyId: person.company_id,
      companyName: person.company_name,
      status: person.status,
      invitedSequence: person.invited_sequence,
      invitationSkipped: person.invitation_skipped,
      outcome: person.outcome,
      outcomeOn: person.outcome_on,
      outcomeProposalId: person.outcome_proposal_id,
      outcomePlacementId: person.outcome_placement_id,
      outcomeLeadId: person.outcome_lead_id,
      outcomeNote: person.outcome_note,
    }),
  );
  return {
    id: encounter.id,
    kind: encounter.kind,
    title: encounter.title,
    day: calendarDayIn(at.timeZone, encounter.startsAt),
    startTime: wallTimeOf(at.timeZone, encounter.startsAt),
    endTime: wallTimeOf(at.timeZone, encounter.endsAt),
    startsAt: encounter.startsAt.toISOString(),
    endsAt: encounter.endsAt.toISOString(),
    place: encounter.place,
    hostCompanyId: encounter.hostCompanyId,
    capacity: encounter.capacity,
    organiserId: encounter.organiserId,
    leadId: encounter.leadId,
    description: encounter.description,
    status: encounter.status,
    sequence: encounter.sequence,
    version: encounter.version,
    started: encounter.startsAt.getTime() <= at.now.getTime(),
    attendanceMarkedAt: encounter.attendanceMarkedAt ? encounter.attendanceMarkedAt.toISOString() : null,
    companies,
    participants,
    placesTaken: participants.filter((person) => person.party === 'candidate' && person.status !== 'excused').length,
    outcomes,
  };
}

/** What inviting answers: the encounter, and the contact cap's warnings the invitations went ahead despite. */
export interface InvitedView extends EncounterView {
  warnings: Array<{ code: string; message: string }>;
}

export interface OutcomePerson {
  encounterId: string;
  title: string;
  kind: EncounterKind;
  day: string;
  participantId: string;
  candidateId: string;
  name: string;
  outcome: EncounterOutcome | null;
  outcomeOn: string | null;
  positive: boolean;
}

export interface OutcomeReport extends OutcomeRate {
  from: string;
  to: string;
  withinDays: number;
  byKind: Array<{ kind: EncounterKind } & OutcomeRate>;
  /** The candidates present, each with what followed: the list behind the number. */
  people: OutcomePerson[];
}

export function outcomeReport(input: {
  from: string;
  to: string;
  withinDays: number;
  overall: OutcomeRate;
  byKind: Array<{ kind: EncounterKind } & OutcomeRate>;
  people: OutcomePerson[];
}): OutcomeReport {
  return { from: input.from, to: input.to, withinDays: input.withinDays, ...input.overall, byKind: input.byKind, people: input.people };
}
