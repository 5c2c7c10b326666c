import { CONSTRAINT_CATEGORIES } from '../../candidates/candidate.entity';
import { CreateCandidateDto } from '../../candidates/dto/candidate.dto';
import { FormSpec } from '../kit/form-body.pipe';
import { Raw, Values } from '../kit/forms';
import { lines, listOf, many, optional, wholeNumber } from '../leads/lead.form';

/** How many wanted jobs the new candidate form offers. */
export const WANTED_ROWS = 3;

export const CANDIDATE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'referrer',
  'referrerName',
  'entryDate',
  ...Array.from({ length: WANTED_ROWS }, (_, index) => [`wantedLabel${index}`, `wantedRome${index}`]).flat(),
  'strengths',
  'skills',
  'drivingLicence',
  'hasVehicle',
  'homeCommune',
  'reachableCommunes',
  'mobilityRadiusKm',
  'hoursPerWeek',
  'availableFrom',
  'ownerId',
  ...CONSTRAINT_CATEGORIES.map((category) => `constraint_${category}`),
  'notes',
  'shifts',
];

/** Constraint problems (`constraints.health`) next to their textarea. */
export const CONSTRAINT_NAMES = Object.fromEntries(CONSTRAINT_CATEGORIES.map((category) => [`constraints.${category}`, `constraint_${category}`]));

/** The new candidate form's first values: the actor as owner, sent by France Travail. */
export function newCandidateValues(ownerId: string): Values {
  const values: Values = Object.fromEntries(CANDIDATE_FIELDS.map((field) => [field, '']));
  values.ownerId = ownerId;
  values.referrer = 'france_travail';
  return values;
}

/** The wanted jobs typed in the form's rows (empty rows dropped). */
export function wantedJobsOf(values: Values) {
  return Array.from({ length: WANTED_ROWS }, (_, index) => ({
    label: values[`wantedLabel${index}`].trim(),
    romeCode: values[`wantedRome${index}`].trim() || null,
  })).filter((job) => job.label || job.romeCode);
}

/** The constraints typed, by category (empty ones dropped). */
export function constraintsOf(values: Values): Record<string, string> {
  return Object.fromEntries(
    CONSTRAINT_CATEGORIES.map((category) => [category, optional(values[`constraint_${category}`])]).filter(([, value]) => value),
  );
}

/** The new candidate form as the API's DTO (the shifts are checkboxes: read from the post). */
export function candidateInput(values: Values, raw: Raw): Record<string, unknown> {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    email: optional(values.email),
    phone: optional(values.phone),
    referrer: optional(values.referrer),
    referrerName: optional(values.referrerName),
    entryDate: optional(values.entryDate),
    wantedJobs: wantedJobsOf(values),
    strengths: lines(values.strengths),
    skills: lines(values.skills),
    drivingLicence: values.drivingLicence === 'true',
    hasVehicle: values.hasVehicle === 'true',
    homeCommune: optional(values.homeCommune),
    reachableCommunes: listOf(values.reachableCommunes),
    mobilityRadiusKm: wholeNumber(values.mobilityRadiusKm),
    hoursPerWeek: wholeNumber(values.hoursPerWeek),
    shifts: many(raw.shifts),
    availableFrom: optional(values.availableFrom),
    constraints: constraintsOf(values),
    notes: optional(values.notes),
    ownerId: values.ownerId ? values.ownerId : null,
  };
}

export const NEW_CANDIDATE_FORM: FormSpec<CreateCandidateDto> = { fields: CANDIDATE_FIELDS, dto: CreateCandidateDto, toInput: candidateInput };
