import { Flash } from '../kit/flash';
import { HttpException } from '@nestjs/common';
import { codedProblem, FieldProblem, namedFieldRefusal, ValidationFailedException } from '../../common/validation';
import { RefusalDef } from '../../refusals/define';
import { frenchOf } from '../../refusals/french';
import { LEAD, RefusalCode } from '../../refusals/index';
import { isCodedRefusal } from '../../refusals/refused';
import { CONTRACT_TYPE_LABELS, SHIFT_LABELS, ShiftPattern } from '../../placements/contract-types';
import { OPEN_LEAD_STATUSES, OUTCOME_INPUTS } from '../../leads/dto/lead.dto';
import { LEAD_STATUS_LABELS, LEAD_STATUSES, LeadStatus } from '../../leads/job-lead.entity';
import { LeadView } from '../../leads/lead-view';
import { PROPOSAL_OUTCOME_LABELS } from '../../leads/proposal.entity';
import { ProposalView } from '../../leads/proposals.service';
import { romeLabel } from '../../reference/rome';
import { option, Raw, text, UUID, Values } from '../kit/forms';

/*
 * The lead pages' view models. The refused-form state, the French sentences of refusals, the pager,
 * the notices and the owner/contact options are also the candidate and placement pages' (they import them from here).
 */

/** What a form shows again after a refused post: what was typed, and the French problems. */
export interface FormState {
  values: Values;
  errors: Record<string, string>;
  alert?: string;
}

// ---------------------------------------------------------------- French messages

/**
 * Problems another domain still names without a code (the staff check of `ownerId`): the form's
 * own sentence for the field.
 */
const UNCODED_FIELDS: Record<string, RefusalDef<RefusalCode, { field: string }>> = { ownerId: LEAD.ownerInvalid };

/** The French sentence of one problem the services or the DTOs named, from its code. */
export function fieldMessageFr(problem: FieldProblem): string {
  const fallback = problem.code ? undefined : UNCODED_FIELDS[problem.field];
  return frenchOf(fallback ? { code: fallback.code, params: { field: problem.field } } : codedProblem(problem));
}

/** `wantedJobs[2].romeCode` → `wantedRome2`: the form's inputs for the wanted jobs, by row. */
function wantedJobInput(field: string): string {
  return field.replace(/^wantedJobs\[(\d+)\]\.(label|romeCode)$/, (_, index, part) => (part === 'romeCode' ? `wantedRome${index}` : `wantedLabel${index}`));
}

/**
 * Field problems as `{ inputName: French message }` (first problem per field); `names` renames DTO
 * fields to the form's input names. Problems no input shows go to `others`.
 */
export function problemsFr(problems: FieldProblem[], shown: readonly string[], names: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const input = names[problem.field] ?? wantedJobInput(problem.field);
    const message = fieldMessageFr(problem);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

/** The French sentence of a 409 or 422 from the lead, proposal and placement services, from its code. */
export function conflictMessageFr(error: HttpException): string {
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  if (namedFieldRefusal(error) && error.problems.length) return fieldMessageFr(error.problems[0]);
  return 'L’opération n’a pas pu être enregistrée : rechargez la page et réessayez.';
}

/** A refused post as a form state: French messages next to the fields, or one alert. */
export function refusal(error: HttpException, values: Values, shown: readonly string[], names: Record<string, string> = {}): FormState {
  if (error instanceof ValidationFailedException) {
    const { errors, others } = problemsFr(error.problems, shown, names);
    return {
      values,
      errors,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }
  return { values, errors: {}, alert: conflictMessageFr(error) };
}

// ---------------------------------------------------------------- lists (also the candidate and placement pages)

export const PAGE_SIZE = 25;
export const STYLES = ['/static/company.css', '/static/leads.css'];

/** What `?ok=` says after a post, on the lead, candidate and placement pages. */
export const NOTICES = new Flash({
  creee: 'La piste a été créée.',
  statut: 'Le statut de la piste a été changé.',
  propose: 'La personne a été proposée : la mise en relation est enregistrée.',
  issue: 'L’issue de la mise en relation a été enregistrée.',
  retiree: 'La mise en relation a été retirée : elle reste dans l’historique mais ne compte plus, et la personne peut être proposée de nouveau.',
  candidat: 'La fiche de la personne a été créée.',
  placement: 'Le placement a été créé.',
  demarre: 'Le placement a démarré.',
  termine: 'Le placement est terminé.',
  annule: 'Le placement prévu a été annulé.',
});

/** `?page=`, from 1 to 100 000; 1 otherwise. */
export function pageNumberOf(raw: Raw): number {
  const requested = Number(text(raw.page));
  return Number.isInteger(requested) && requested >= 1 && requested <= 100000 ? requested : 1;
}

export function pager(base: string, params: URLSearchParams, pageNumber: number, total: number) {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (n: number) => {
    const query = new URLSearchParams(params);
    if (n > 1) query.set('page', String(n));
    const string = query.toString();
    return `${base}${string ? `?${string}` : ''}`;
  };
  return {
    pageNumber,
    pageCount,
    several: pageCount > 1,
    previousHref: pageNumber > 1 ? href(pageNumber - 1) : null,
    nextHref: pageNumber < pageCount ? href(pageNumber + 1) : null,
  };
}

export function fullName(person: { firstName: string; lastName: string } | null | undefined): string {
  return person ? `${person.firstName} ${person.lastName}` : '—';
}

export function shiftsText(shifts: ShiftPattern[]): string {
  return shifts.map((shift) => SHIFT_LABELS[shift] ?? shift).join(', ');
}

export function wantedJobsView(jobs: Array<{ label: string; romeCode?: string | null }>) {
  return jobs.map((job) => ({
    label: job.label,
    romeCode: job.romeCode ?? null,
    romeLabel: job.romeCode ? (romeLabel(job.romeCode) ?? null) : null,
  }));
}

/** The owner select: nobody, then the active team (the current owner kept even when inactive). */
export function ownerOptions(team: Array<{ id: string; firstName: string; lastName: string; active: boolean }>, selected: string) {
  return [
    option('', 'Personne', selected),
    ...team.filter((user) => user.active || user.id === selected).map((user) => option(user.id, fullName(user), selected)),
  ];
}

/** A contact select's options after the empty one. */
export function contactOptions(contacts: Array<{ id: string; firstName?: string | null; lastName?: string | null }>, selected: string) {
  return contacts.map((contact) => option(contact.id, [contact.firstName, contact.lastName].filter(Boolean).join(' '), selected));
}

// ---------------------------------------------------------------- leads

/** The status tabs of the leads list: open ones by default, all, overdue, then each status. */
export const LEAD_TABS: Array<{ value: string; label: string }> = [
  { value: 'ouvertes', label: 'Ouvertes' },
  { value: 'en-retard', label: 'En retard' },
  ...LEAD_STATUSES.map((status) => ({ value: status, label: LEAD_STATUS_LABELS[status] })),
  { value: 'toutes', label: 'Toutes' },
];

/** `?statut=` as one of the tabs; the open leads otherwise. */
export function leadTabOf(raw: Raw): string {
  return LEAD_TABS.some((entry) => entry.value === text(raw.statut)) ? text(raw.statut) : 'ouvertes';
}

/** The leads service filter of a tab. */
export function leadFilterOf(tab: string): { status?: LeadStatus[]; overdue?: boolean } {
  if (tab === 'toutes') return {};
  if (tab === 'ouvertes') return { status: [...OPEN_LEAD_STATUSES] };
  if (tab === 'en-retard') return { overdue: true };
  return { status: [tab as LeadStatus] };
}

export function leadTabs(tab: string) {
  return LEAD_TABS.map((entry) => ({
    ...entry,
    href: entry.value === 'ouvertes' ? '/pistes' : `/pistes?statut=${entry.value}`,
    current: entry.value === tab,
  }));
}

export function leadRow(lead: LeadView, names: Map<string, string>) {
  return {
    ...lead,
    contractTypeLabel: CONTRACT_TYPE_LABELS[lead.contractType],
    shiftLabel: SHIFT_LABELS[lead.shiftPattern],
    ownerName: lead.ownerId ? (names.get(lead.ownerId) ?? null) : null,
    open: (OPEN_LEAD_STATUSES as readonly string[]).includes(lead.status),
  };
}

/** Where a proposal goes back to: the candidate's page when asked (`retour=candidat`), the lead's otherwise. */
export function proposalBack(leadId: string, values: Values): string {
  return values.retour === 'candidat' && UUID.test(values.candidateId) ? `/candidats/${values.candidateId}` : `/pistes/${leadId}`;
}

/** What withdrawing a proposal does, asked in the dialog and on the confirmation page. */
export const WITHDRAW_SENTENCE =
  'À faire pour une proposition faite par erreur : elle restera visible, barrée, dans l’historique de la piste, mais ne comptera plus nulle part, et la personne pourra être proposée de nouveau.';

export function proposalRow(proposal: ProposalView, leadId: string, form: FormState | undefined) {
  const settled = ['hired', 'declined_by_employer', 'declined_by_candidate', 'withdrawn'].includes(proposal.outcome);
  const values = form?.values ?? { outcome: '', reason: '' };
  const candidateId = proposal.candidate?.id ?? '';
  return {
    ...proposal,
    candidateName: fullName(proposal.candidate),
    settled,
    hired: proposal.outcome === 'hired',
    withdrawable: proposal.outcome === 'pending',
    withdrawn: proposal.outcome === 'withdrawn',
    withdrawConfirm: `Retirer la proposition de ${fullName(proposal.candidate)} ? ${WITHDRAW_SENTENCE}`,
    placementHref: `/placements/nouveau?proposition=${proposal.id}`,
    outcomeForm: settled
      ? null
      : {
          ...(form ?? { values, errors: {} }),
          open: Boolean(form),
          options: [
            option('', '— Choisir —', values.outcome),
            ...OUTCOME_INPUTS.map((outcome) => option(outcome, PROPOSAL_OUTCOME_LABELS[outcome], values.outcome)),
          ],
        },
    candidateHref: candidateId ? `/candidats/${candidateId}` : null,
    formPrefix: `issue-${proposal.id}`,
    leadId,
  };
}

/** The status form: the transitions the lead allows (« candidate proposed » once someone is). */
export function statusFormModel(transitions: readonly LeadStatus[], form: FormState | undefined) {
  const statusForm = form ?? { values: { status: '', abandonReason: '' }, errors: {} };
  return {
    ...statusForm,
    options: [option('', '— Choisir —', statusForm.values.status), ...transitions.map((next) => option(next, LEAD_STATUS_LABELS[next], statusForm.values.status))],
    open: Boolean(form),
  };
}
