import { CONSTRAINT_CATEGORIES, ConstraintCategory, REFERRER_LABELS, REFERRERS } from '../../candidates/candidate.entity';
import { CANDIDATE_STATUS_LABELS } from '../../candidates/dto/candidate-view.dto';
import { CONTRACT_TYPE_LABELS, ContractType, SHIFT_LABELS, SHIFT_PATTERNS } from '../../placements/contract-types';
import { LEAD_STATUS_LABELS, LeadStatus } from '../../leads/job-lead.entity';
import { romeLabel } from '../../reference/rome';
import { option, Raw, text, Values } from '../kit/forms';
import { FormState } from '../leads/lead.view';
import { WANTED_ROWS } from './candidate.form';

export const CONSTRAINT_LABELS: Record<ConstraintCategory, string> = {
  mobility: 'Mobilité',
  childcare: 'Garde d’enfants',
  housing: 'Logement',
  health: 'Santé',
  language: 'Langue',
  administrative: 'Administratif',
};

export type CandidateStatus = keyof typeof CANDIDATE_STATUS_LABELS;

/** The list's filter: `?q=` (100 characters at most) and `?statut=` when it is a status. */
export function candidateFilterOf(raw: Raw): { q: string; status: CandidateStatus | undefined } {
  const statusValue = text(raw.statut);
  return {
    q: text(raw.q).slice(0, 100),
    status: (Object.keys(CANDIDATE_STATUS_LABELS) as CandidateStatus[]).find((value) => value === statusValue),
  };
}

export function statusOptions(status: CandidateStatus | undefined) {
  return [option('', 'Tous', status ?? ''), ...Object.entries(CANDIDATE_STATUS_LABELS).map(([value, label]) => option(value, label, status ?? ''))];
}

/** The wanted jobs rows of the new candidate form, with their problems. */
export function wantedRows(form: FormState) {
  return Array.from({ length: WANTED_ROWS }, (_, index) => ({
    index,
    number: index + 1,
    label: form.values[`wantedLabel${index}`],
    rome: form.values[`wantedRome${index}`],
    labelError: form.errors[`wantedLabel${index}`],
    romeError: form.errors[`wantedRome${index}`],
  }));
}

/** The new candidate form's choices besides the owner: referrers, shifts (checked as posted), constraints, checkboxes. */
export function candidateFormChoices(form: FormState, shifts: string[]) {
  const values: Values = form.values;
  return {
    wantedRows: wantedRows(form),
    referrers: REFERRERS.map((referrer) => option(referrer, REFERRER_LABELS[referrer], values.referrer)),
    shifts: SHIFT_PATTERNS.map((shift) => ({ value: shift, label: SHIFT_LABELS[shift], checked: shifts.includes(shift) })),
    constraints: CONSTRAINT_CATEGORIES.map((category) => ({
      name: `constraint_${category}`,
      label: CONSTRAINT_LABELS[category],
      value: values[`constraint_${category}`],
      error: form.errors[`constraint_${category}`],
    })),
    checks: { drivingLicence: values.drivingLicence === 'true', hasVehicle: values.hasVehicle === 'true' },
  };
}

/** The constraints the person has, labelled (the others left out). */
export function constraintsShown(constraints: Partial<Record<ConstraintCategory, string | null>>) {
  return CONSTRAINT_CATEGORIES.filter((category) => constraints[category]).map((category) => ({
    label: CONSTRAINT_LABELS[category],
    text: constraints[category],
  }));
}

/** A lead fitting the person, as the candidate's page lists it. */
export function fittingRow<L extends { contractType: string; romeCode?: string | null; status: string }>(lead: L, reasons: string[], proposed: boolean) {
  return {
    ...lead,
    contractTypeLabel: CONTRACT_TYPE_LABELS[lead.contractType as ContractType] ?? lead.contractType,
    romeLabel: lead.romeCode ? (romeLabel(lead.romeCode) ?? null) : null,
    statusLabel: LEAD_STATUS_LABELS[lead.status as LeadStatus],
    reasons,
    proposed,
  };
}
