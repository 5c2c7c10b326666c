import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { BusinessDay } from '../common/calendar/business-day';
import { ContactPressureService } from '../prospection/contact-pressure.service';
import { addCalendarDays, calendarDayIn, daysBetween } from '../common/calendar/working-days';
import { Clock } from '../common/clock';
import { wallTimeOf } from '../common/calendar/time-zone';
import { rejectNulls } from '../common/validation';
import { Company } from '../companies/company.entity';
import { OutboxMessage } from '../mail/outbox-message.entity';
import { OutboxService } from '../mail/outbox.service';
import { ENCOUNTER, RECORD } from '../refusals/index';
import { because, ConflictRefusal, NotFoundRefusal, UnprocessableRefusal } from '../refusals/refused';
import { Actor } from '../tenancy/actor';
import { lockAtVersion, staleVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import {
  AddParticipantsDto,
  AttendanceDto,
  CreateEncounterDto,
  EncounterListQuery,
  OutcomeDto,
  OutcomeRateQuery,
  UpdateEncounterDto,
} from './dto/encounter.dto';
import { Encounter, EncounterCompany, EncounterKind, EncounterParticipant, ENCOUNTER_KINDS } from './encounter.entity';
import { EncounterInvitations } from './encounter-invitations';
import { assertOutcomeLinks, assertPeople, assertReferences, fieldRefusal } from './encounter-checks';
import { countsAsPositive, DEFAULT_OUTCOME_WINDOW_DAYS, encounterInstants, invitationChanged, outcomeRate, OutcomeRow } from './encounter-rules';
import { EncounterSummaryRow, encounterSummaries, outcomeRows, OutcomeQueryRow, participantRows, placesTaken } from './encounters.queries';
import { encounterView, EncounterView, InvitedView, outcomeReport, OutcomeReport } from './encounter-view';

export function staleEncounter(encounter: Pick<Encounter, 'version'>): ConflictRefusal {
  return staleVersion(because(ENCOUNTER.staleVersion, { version: encounter.version }), 'encounter', encounter.version);
}


/** The list's default span and the outcome report's longest period. */
const LIST_DAYS = 90;
const MAX_PERIOD_DAYS = 366;

@Injectable()
export class EncountersService {
  private readonly encounters: ScopedRepository<Encounter>;

  constructor(
    @InjectRepository(Encounter) repository: Repository<Encounter>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: EncounterInvitations,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly pressure: ContactPressureService,
  ) {
    this.encounters = new ScopedRepository(repository, 'encounter');
  }

  entity(actor: Actor, id: string): Promise<Encounter> {
    return this.encounters.get(actor, id);
  }

  async create(actor: Actor, input: CreateEncounterDto): Promise<EncounterView> {
    const times = this.times(input.day, input.startTime, input.endTime);
    const companyIds = unique([...(input.hostCompanyId ? [input.hostCompanyId] : []), ...(input.companyIds ?? [])]);
    await assertReferences(this.dataSource.manager, actor, { companyIds, hostCompanyId: input.hostCompanyId, organiserId: input.organiserId, leadId: input.leadId });
    if (!input.place && !input.hostCompanyId) throw fieldRefusal('place', 'place is required without a host company', ENCOUNTER.placeRequired);
    const id = await this.dataSource.transaction(async (manager) => {
      const encounters = this.encounters.withManager(manager);
      const encounter = await encounters.save(
        actor,
        encounters.create(actor, {
          kind: input.kind,
          title: input.title,
          ...times,
          place: input.place ?? null,
          hostCompanyId: input.hostCompanyId ?? null,
          capacity: input.capacity ?? null,
          organiserId: input.organiserId === undefined ? actor.userId : input.organiserId,
          leadId: input.leadId ?? null,
          description: input.description ?? null,
          status: 'planned',
          sequence: 0,
          createdBy: actor.userId,
          // The clock's: whether a reminder's time had passed at booking is read from it.
          createdAt: this.clock.now(),
        }),
      );
      await this.setCompanies(manager, actor, encounter.id, companyIds);
      return encounter.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<EncounterView> {
    const encounter = await this.encounters.get(actor, id);
    const manager = this.dataSource.manager;
    const [companies, people, rows] = await Promise.all([
      manager.getRepository(EncounterCompany).find({ where: { encounterId: id, structureId: actor.structureId } }),
      participantRows(manager, actor.structureId, id),
      outcomeRows(manager, actor.structureId, this.periodOf(encounter), { encounterId: id }),
    ]);
    const companyRows = companies.length
      ? await manager.getRepository(Company).find({
          where: { id: In(companies.map((company) => company.companyId)), structureId: actor.structureId },
          select: { id: true, name: true, commune: true, address: true, postcode: true },
          order: { name: 'ASC' },
        })
      : [];
    return encounterView(encounter, companyRows, people, outcomeRate(rows.map(toOutcomeRow), DEFAULT_OUTCOME_WINDOW_DAYS), {
      now: this.clock.now(),
      timeZone: this.businessDay.timeZone,
    });
  }

  async list(actor: Actor, query: EncounterListQuery): Promise<EncounterSummaryRow[]> {
    const from = query.from ?? this.businessDay.today();
    const to = query.to ?? addCalendarDays(from, LIST_DAYS);
    this.assertPeriod(from, to);
    const timeZone = this.businessDay.timeZone;
    const { startsAt: fromInstant } = encounterInstants(timeZone, from, '00:00', '00:01');
    const { startsAt: toInstant } = encounterInstants(timeZone, addCalendarDays(to, 1), '00:00', '00:01');
    return encounterSummaries(this.dataSource.manager, actor.structureId, { from: fromInstant, to: toInstant }, { kind: query.kind, companyId: query.companyId, limit: 500 });
  }

  async update(actor: Actor, id: string, input: UpdateEncounterDto): Promise<EncounterView> {
    const { version, companyIds, ...fields } = input;
    rejectNulls(fields, ['kind', 'title', 'day', 'startTime', 'endTime']);
    const sent = await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, version, staleEncounter);
      this.assertPlanned(encounter);
      const timeZone = this.businessDay.timeZone;
      const current = { day: calendarDayIn(timeZone, encounter.startsAt), startTime: wallTimeOf(timeZone, encounter.startsAt), endTime: wallTimeOf(timeZone, encounter.endsAt) };
      const times = this.times(fields.day ?? current.day, fields.startTime ?? current.startTime, fields.endTime ?? current.endTime);
      const hostCompanyId = fields.hostCompanyId === undefined ? encounter.hostCompanyId : fields.hostCompanyId;
      const place = fields.place === undefined ? encounter.place : fields.place;
      if (!place && !hostCompanyId) throw fieldRefusal('place', 'place is required without a host company', ENCOUNTER.placeRequired);
      const wanted = companyIds === undefined ? undefined : unique([...(hostCompanyId ? [hostCompanyId] : []), ...companyIds]);
      await assertReferences(manager, actor, { companyIds: wanted ?? (hostCompanyId ? [hostCompanyId] : []), hostCompanyId, organiserId: fields.organiserId, leadId: fields.leadId });
      if (fields.capacity !== undefined && fields.capacity !== null) {
        const taken = await placesTaken(manager, actor.structureId, id);
        if (taken > fields.capacity) throw this.full(fields.capacity, 0, 'capacity');
      }
      const after: Encounter = Object.assign(new Encounter(), encounter, {
        kind: fields.kind ?? encounter.kind,
        title: fields.title ?? encounter.title,
        ...times,
        place: place ?? null,
        hostCompanyId: hostCompanyId ?? null,
        capacity: fields.capacity === undefined ? encounter.capacity : fields.capacity,
        organiserId: fields.organiserId === undefined ? encounter.organiserId : fields.organiserId,
        leadId: fields.leadId === undefined ? encounter.leadId : fields.leadId,
        description: fields.description === undefined ? encounter.description : fields.description,
      });
      const changed = invitationChanged(encounter, after);
      if (changed) after.sequence = encounter.sequence + 1;
      after.version = encounter.version + 1;
      await manager.getRepository(Encounter).save(after);
      const messages: OutboxMessage[] = [];
      if (wanted) messages.push(...(await this.replaceCompanies(manager, actor, after, wanted)));
      if (changed) messages.push(...(await this.invitations.send(manager, after, await participantRows(manager, actor.structureId, id), 'update')));
      return messages;
    });
    await this.outbox.dispatch(sent);
    return this.get(actor, id);
  }

  /** Cancels the encounter: every invitee who was sent an invitation gets its cancellation. */
  async cancel(actor: Actor, id: string, version: number): Promise<EncounterView> {
    const sent = await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, version, staleEncounter);
      this.assertPlanned(encounter);
      encounter.status = 'cancelled';
      encounter.cancelledAt = this.clock.now();
      encounter.sequence += 1;
      encounter.version += 1;
      await manager.getRepository(Encounter).save(encounter);
      return this.invitations.send(manager, encounter, await participantRows(manager, actor.structureId, id), 'cancel');
    });
    await this.outbox.dispatch(sent);
    return this.get(actor, id);
  }

  /**
   * Invites people: candidates of the structure, contacts of the encounter's companies, staff.
   * Those already invited are left as they are; candidates beyond the capacity are refused (409)
   * and nobody is added. Each new candidate and contact is e-mailed the invitation.
   */
  async addParticipants(actor: Actor, id: string, input: AddParticipantsDto): Promise<InvitedView> {
    const { sent, warnings } = await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, undefined, staleEncounter);
      this.assertPlanned(encounter);
      const candidateIds = unique(input.candidateIds ?? []);
      const contactIds = unique(input.contactIds ?? []);
      const userIds = unique(input.userIds ?? []);
      await assertPeople(manager, actor, id, { candidateIds, contactIds, userIds });
      const existing = await manager.getRepository(EncounterParticipant).find({ where: { encounterId: id, structureId: actor.structureId } });
      const has = (key: 'candidateId' | 'contactId' | 'userId', value: string) => existing.some((row) => row[key] === value);
      // Inviting a contact e-mails them: not when their company asked never to be contacted.
      const newContacts = contactIds.filter((value) => !has('contactId', value));
      await this.pressure.assertContactsReachable(manager, actor, newContacts);
      // Inviting a contact counts as contacting their company: warn when its monthly cap is reached.
      const warnings = await this.pressure.invitationWarnings(manager, actor, newContacts);
      const newCandidates = candidateIds.filter((value) => !has('candidateId', value));
      if (encounter.capacity !== null && newCandidates.length) {
        const taken = await placesTaken(manager, actor.structureId, id);
        if (taken + newCandidates.length > encounter.capacity) throw this.full(encounter.capacity, Math.max(0, encounter.capacity - taken), 'candidateIds');
      }
      const rows = [
        ...newCandidates.map((candidateId) => ({ party: 'candidate' as const, candidateId })),
        ...newContacts.map((contactId) => ({ party: 'contact' as const, contactId, invitedAt: this.clock.now(), invitedBy: actor.userId })),
        ...userIds.filter((value) => !has('userId', value)).map((userId) => ({ party: 'staff' as const, userId })),
      ].map((row) => manager.getRepository(EncounterParticipant).create({ ...row, encounterId: id, structureId: actor.structureId, status: 'invited' }));
      if (!rows.length) return { sent: [], warnings };
      const saved = await manager.getRepository(EncounterParticipant).save(rows);
      const people = await participantRows(manager, actor.structureId, id, saved.map((row) => row.id));
      return { sent: await this.invitations.send(manager, encounter, people, 'new'), warnings };
    });
    await this.outbox.dispatch(sent);
    return { ...(await this.get(actor, id)), warnings: warnings.map(({ code, message }) => ({ code, message })) };
  }

  /** Takes someone off the list; if they were sent the invitation, they get its cancellation. */
  async removeParticipant(actor: Actor, id: string, participantId: string): Promise<EncounterView> {
    const sent = await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, undefined, staleEncounter);
      const [person] = await participantRows(manager, actor.structureId, id, [participantId]);
      if (!person) throw participantNotFound(participantId);
      const messages = encounter.status === 'planned' ? await this.invitations.send(manager, encounter, [person], 'cancel') : [];
      await manager.delete(EncounterParticipant, { id: participantId, structureId: actor.structureId });
      return messages;
    });
    await this.outbox.dispatch(sent);
    return this.get(actor, id);
  }

  /**
   * Who came, in one go. Present and absent can only be said once the encounter has started;
   * confirmed and excused any time. All entries or none.
   */
  async markAttendance(actor: Actor, id: string, input: AttendanceDto): Promise<EncounterView> {
    await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, undefined, staleEncounter);
      this.assertPlanned(encounter);
      const started = encounter.startsAt.getTime() <= this.clock.now().getTime();
      if (!started && input.entries.some((entry) => entry.status === 'present' || entry.status === 'absent')) {
        throw new UnprocessableRefusal(because(ENCOUNTER.attendanceTooEarly, { encounterId: id }), 'attendance can be marked once the encounter has started', 'entries');
      }
      const ids = unique(input.entries.map((entry) => entry.participantId));
      const found = await manager.getRepository(EncounterParticipant).find({ where: { id: In(ids), encounterId: id, structureId: actor.structureId } });
      const missing = ids.find((participantId) => !found.some((row) => row.id === participantId));
      if (missing) throw participantNotFound(missing);
      for (const entry of input.entries) {
        await manager.update(EncounterParticipant, { id: entry.participantId, structureId: actor.structureId }, { status: entry.status });
      }
      if (started) await manager.update(Encounter, { id, structureId: actor.structureId }, { attendanceMarkedAt: this.clock.now() });
    });
    return this.get(actor, id);
  }

  /** What followed for one candidate who came: an interview, an immersion, a contract, a training, or nothing yet. */
  async setOutcome(actor: Actor, id: string, participantId: string, input: OutcomeDto): Promise<EncounterView> {
    await this.dataSource.transaction(async (manager) => {
      const encounter = await lockAtVersion(this.encounters.withManager(manager), actor, id, undefined, staleEncounter);
      const participant = await manager.getRepository(EncounterParticipant).findOneBy({ id: participantId, encounterId: encounter.id, structureId: actor.structureId });
      if (!participant) throw participantNotFound(participantId);
      if (participant.party !== 'candidate' || !participant.candidateId) {
        throw new UnprocessableRefusal(because(ENCOUNTER.outcomeNotCandidate, { field: 'outcome' }), 'an outcome is recorded for candidates only', 'outcome');
      }
      if (participant.status !== 'present') {
        throw new UnprocessableRefusal(because(ENCOUNTER.outcomeNotPresent, { field: 'outcome' }), 'an outcome is recorded for candidates who came', 'outcome');
      }
      await assertOutcomeLinks(manager, actor, participant.candidateId, input);
      await manager.update(
        EncounterParticipant,
        { id: participantId, structureId: actor.structureId },
        {
          outcome: input.outcome,
          outcomeOn: input.on ?? this.businessDay.today(),
          outcomeProposalId: input.proposalId ?? null,
          outcomePlacementId: input.placementId ?? null,
          outcomeLeadId: input.leadId ?? null,
          outcomeNote: input.note ?? null,
        },
      );
    });
    return this.get(actor, id);
  }

  /** The positive-outcome rate over a period, by kind, with the people behind the numbers. */
  async outcomes(actor: Actor, query: OutcomeRateQuery): Promise<OutcomeReport> {
    this.assertPeriod(query.from, query.to);
    const withinDays = query.withinDays ?? DEFAULT_OUTCOME_WINDOW_DAYS;
    const rows = (await outcomeRows(this.dataSource.manager, actor.structureId, { fromDay: query.from, toDay: query.to, timeZone: this.businessDay.timeZone }, { kind: query.kind })).map(
      (row) => ({ ...toOutcomeRow(row), row }),
    );
    const kinds: EncounterKind[] = query.kind ? [query.kind] : [...ENCOUNTER_KINDS];
    return outcomeReport({
      from: query.from,
      to: query.to,
      withinDays,
      overall: outcomeRate(rows, withinDays),
      byKind: kinds.map((kind) => ({ kind, ...outcomeRate(rows.filter((row) => row.kind === kind), withinDays) })).filter((entry) => entry.present > 0 || query.kind),
      people: rows
        .filter((row) => row.status === 'present')
        .map((row) => ({
          encounterId: row.encounterId,
          title: row.row.title,
          kind: row.kind,
          day: row.encounterDay,
          participantId: row.participantId,
          candidateId: row.row.candidate_id,
          name: `${row.row.first_name} ${row.row.last_name}`,
          outcome: row.outcome,
          outcomeOn: row.outcomeOn,
          positive: countsAsPositive(row, withinDays),
        })),
    });
  }

  // ---------------------------------------------------------------- checks

  private times(day: string, startTime: string, endTime: string): { startsAt: Date; endsAt: Date } {
    const times = encounterInstants(this.businessDay.timeZone, day, startTime, endTime);
    if (times.endsAt.getTime() <= times.startsAt.getTime()) throw fieldRefusal('endTime', 'endTime must be after startTime', ENCOUNTER.endBeforeStart);
    return times;
  }

  private assertPlanned(encounter: Encounter): void {
    if (encounter.status === 'cancelled') {
      throw new ConflictRefusal(because(ENCOUNTER.cancelled, { encounterId: encounter.id }), `encounter ${encounter.id} is cancelled`);
    }
  }

  private assertPeriod(from: string, to: string): void {
    const span = daysBetween(from, to);
    if (span < 0 || span > MAX_PERIOD_DAYS) throw fieldRefusal('to', 'to must be on or after from, within a year', ENCOUNTER.periodInvalid);
  }

  private full(capacity: number, free: number, field: string): ConflictRefusal {
    return new ConflictRefusal(because(ENCOUNTER.full, { capacity, free }), `${field}: the encounter has ${capacity} places, ${free} free`);
  }

  // ---------------------------------------------------------------- companies

  private async setCompanies(manager: EntityManager, actor: Actor, encounterId: string, companyIds: string[]): Promise<void> {
    if (!companyIds.length) return;
    await manager.getRepository(EncounterCompany).insert(companyIds.map((companyId) => ({ encounterId, companyId, structureId: actor.structureId })));
  }

  /** Sets the companies; the contacts of a company taken off leave too, with their invitation cancelled. */
  private async replaceCompanies(manager: EntityManager, actor: Actor, encounter: Encounter, companyIds: string[]): Promise<OutboxMessage[]> {
    const structureId = actor.structureId;
    const current = (await manager.getRepository(EncounterCompany).find({ where: { encounterId: encounter.id, structureId } })).map((row) => row.companyId);
    const removed = current.filter((companyId) => !companyIds.includes(companyId));
    await this.setCompanies(manager, actor, encounter.id, companyIds.filter((companyId) => !current.includes(companyId)));
    if (!removed.length) return [];
    await manager.delete(EncounterCompany, { encounterId: encounter.id, companyId: In(removed), structureId });
    const leaving = (await participantRows(manager, structureId, encounter.id)).filter((person) => person.company_id && removed.includes(person.company_id));
    const messages = await this.invitations.send(manager, encounter, leaving, 'cancel');
    if (leaving.length) await manager.delete(EncounterParticipant, { id: In(leaving.map((person) => person.id)), structureId });
    return messages;
  }

  private periodOf(encounter: Encounter): { fromDay: string; toDay: string; timeZone: string } {
    const timeZone = this.businessDay.timeZone;
    const day = calendarDayIn(timeZone, encounter.startsAt);
    return { fromDay: day, toDay: day, timeZone };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function toOutcomeRow(row: OutcomeQueryRow): OutcomeRow {
  return {
    encounterId: row.encounter_id,
    kind: row.kind,
    encounterDay: row.encounter_day,
    participantId: row.participant_id,
    status: row.status,
    outcome: row.outcome,
    outcomeOn: row.outcome_on,
  };
}

function participantNotFound(participantId: string): NotFoundRefusal {
  return new NotFoundRefusal(because(RECORD.notFound, { record: 'participant' }), `participant ${participantId} is not on this encounter`);
}
