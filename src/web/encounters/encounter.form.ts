import { AddParticipantsDto, AttendanceDto, CreateEncounterDto, OutcomeDto, UpdateEncounterDto } from '../../encounters/dto/encounter.dto';
import { EncounterView } from '../../encounters/encounter-view';
import { FormSpec } from '../kit/form-body.pipe';
import { Raw, text, Values } from '../kit/forms';
import { many, optional, version, wholeNumber } from '../leads/lead.form';

/** The encounter form's inputs (the other companies are pickers of their own: `autreEntreprise0`, `autreEntreprise1`…). */
export const ENCOUNTER_FIELDS = ['kind', 'title', 'day', 'startTime', 'endTime', 'hostCompanyId', 'place', 'capacity', 'organiserId', 'leadId', 'description'] as const;

/** Where the refusals of the DTO's fields show: the other companies' problems above their pickers. */
export const ENCOUNTER_SHOWN = [...ENCOUNTER_FIELDS, 'companyIds'];

const OTHER_COMPANY = /^autreEntreprise(\d{1,2})$/;
/** Pickers for other companies the form shows at least (one more than those chosen). */
const MIN_OTHER_COMPANIES = 2;

/** The other companies' picker names, in order: those posted or held, and one empty more. */
export function otherCompanySlots(values: Values): string[] {
  const used = Object.keys(values)
    .map((key) => OTHER_COMPANY.exec(key))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]));
  const count = Math.max(MIN_OTHER_COMPANIES, used.length ? Math.max(...used) + 2 : 0);
  return Array.from({ length: Math.min(count, 50) }, (_, index) => `autreEntreprise${index}`);
}

export function readEncounterForm(raw: Raw): Values {
  const values: Values = Object.fromEntries(ENCOUNTER_FIELDS.map((field) => [field, typeof raw[field] === 'string' ? (raw[field] as string) : '']));
  for (const key of Object.keys(raw)) {
    if (OTHER_COMPANY.test(key) && typeof raw[key] === 'string') values[key] = raw[key] as string;
  }
  if (typeof raw.version === 'string') values.version = raw.version;
  return values;
}

/** The form as the API's DTO; an emptied field clears it (null), so that an edit can take a place or a limit off. */
export function encounterInput(values: Values): Record<string, unknown> {
  const orNull = (value: string | undefined) => optional(value) ?? null;
  const companyIds = [
    ...new Set(
      Object.keys(values)
        .filter((key) => OTHER_COMPANY.test(key))
        .sort((a, b) => Number(OTHER_COMPANY.exec(a)![1]) - Number(OTHER_COMPANY.exec(b)![1]))
        .map((key) => values[key].trim())
        .filter(Boolean),
    ),
  ];
  return {
    kind: values.kind,
    title: values.title,
    day: values.day,
    startTime: values.startTime,
    endTime: values.endTime,
    hostCompanyId: orNull(values.hostCompanyId),
    place: orNull(values.place),
    capacity: values.capacity?.trim() ? wholeNumber(values.capacity) : null,
    organiserId: orNull(values.organiserId),
    leadId: orNull(values.leadId),
    companyIds,
    description: orNull(values.description),
  };
}

export const NEW_ENCOUNTER_FORM: FormSpec<CreateEncounterDto, Values> = {
  dto: CreateEncounterDto,
  read: readEncounterForm,
  toInput: (values) => encounterInput(values),
};

export const EDIT_ENCOUNTER_FORM: FormSpec<UpdateEncounterDto, Values> = {
  dto: UpdateEncounterDto,
  read: readEncounterForm,
  toInput: (values) => ({ ...encounterInput(values), version: version(values.version) }),
};

/** The new encounter form's first values: a job dating, organised by the actor, the lead or company of the link. */
export function newEncounterValues(organiserId: string, prefill: { companyId?: string | null; leadId?: string | null }): Values {
  const values: Values = Object.fromEntries(ENCOUNTER_FIELDS.map((field) => [field, '']));
  values.kind = 'job_dating';
  values.organiserId = organiserId;
  if (prefill.companyId) values.hostCompanyId = prefill.companyId;
  if (prefill.leadId) values.leadId = prefill.leadId;
  return values;
}

/** The edit form's values: the encounter as it is, its other companies each in a picker. */
export function editEncounterValues(encounter: EncounterView): Values {
  const values: Values = {
    kind: encounter.kind,
    title: encounter.title,
    day: encounter.day,
    startTime: encounter.startTime,
    endTime: encounter.endTime,
    hostCompanyId: encounter.hostCompanyId ?? '',
    place: encounter.place ?? '',
    capacity: encounter.capacity === null ? '' : String(encounter.capacity),
    organiserId: encounter.organiserId ?? '',
    leadId: encounter.leadId ?? '',
    description: encounter.description ?? '',
    version: String(encounter.version),
  };
  encounter.companies
    .filter((company) => company.id !== encounter.hostCompanyId)
    .forEach((company, index) => (values[`autreEntreprise${index}`] = company.id));
  return values;
}

// ---------------------------------------------------------------- invitations

/** Candidate pickers of the invite form: several people at once. */
export const CANDIDATE_SLOTS = ['candidat0', 'candidat1', 'candidat2'] as const;

export const INVITE_FORM: FormSpec<AddParticipantsDto, Values> = {
  dto: AddParticipantsDto,
  read: (raw) => Object.fromEntries(CANDIDATE_SLOTS.map((slot) => [slot, text(raw[slot])])),
  toInput: (values, raw) => ({
    candidateIds: [...new Set(CANDIDATE_SLOTS.map((slot) => values[slot]).filter(Boolean))],
    contactIds: many(raw.contactIds),
    userIds: many(raw.userIds),
  }),
};

// ---------------------------------------------------------------- attendance and outcomes

const PRESENCE = /^presence-([0-9a-f-]{36})$/i;

/** The attendance form: one `presence-<participantId>` radio group per person; a person left unmarked is left as they are. */
export const ATTENDANCE_FORM: FormSpec<AttendanceDto, Values> = {
  dto: AttendanceDto,
  read: (raw) => Object.fromEntries(Object.keys(raw).filter((key) => PRESENCE.test(key)).map((key) => [key, text(raw[key])])),
  toInput: (values) => ({
    entries: Object.entries(values)
      .filter(([, status]) => status !== '')
      .map(([key, status]) => ({ participantId: PRESENCE.exec(key)![1], status })),
  }),
};

export const OUTCOME_FIELDS = ['outcome', 'on', 'link', 'note'] as const;

/** The outcome form; its one link menu holds the candidate's proposals (`proposal:<id>`) and placements (`placement:<id>`). */
export const OUTCOME_FORM: FormSpec<OutcomeDto> = {
  fields: OUTCOME_FIELDS,
  dto: OutcomeDto,
  toInput: (values) => {
    const [kind, id] = (values.link ?? '').split(':');
    return {
      outcome: values.outcome,
      on: optional(values.on),
      proposalId: kind === 'proposal' ? id : undefined,
      placementId: kind === 'placement' ? id : undefined,
      note: optional(values.note),
    };
  },
};
