import { NotFoundException } from '@nestjs/common';
import { BULK_MAX, BulkAction, BULK_ACTIONS } from '../../prospection/dto/bulk.dto';
import { frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { isFormRefusal, Raw, text } from '../kit/forms';
import { many, refusal } from './company.form';

/** What the bulk form of the companies list posted: the ticked companies and the one change asked. */
export interface BulkFormValues {
  ids: string[];
  action: string;
  ownerId: string;
  tag: string;
  stageId: string;
  reason: string;
}

/** The bulk form as the list shows it: after a refusal, what was asked and why not; after a change, how many. */
export interface BulkState {
  form?: BulkFormValues;
  error?: string;
  notice?: string | null;
}

export function bulkFormValues(raw: Raw): BulkFormValues {
  return {
    // One more than allowed is enough for the DTO to refuse the count.
    ids: many(raw.ids).slice(0, BULK_MAX + 1),
    action: text(raw.action),
    ownerId: text(raw.ownerId),
    tag: text(raw.tag),
    stageId: text(raw.stageId),
    reason: text(raw.reason),
  };
}

/** The API's input: only the field of the chosen action; « Personne » (`none`) unassigns. */
export function bulkInput(form: BulkFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = { ids: form.ids, action: form.action };
  if (form.action === 'assign') input.ownerId = form.ownerId === 'none' ? null : form.ownerId || undefined;
  if (form.action === 'tag') input.tag = form.tag;
  if (form.action === 'stage') {
    input.stageId = form.stageId;
    if (form.reason) input.reason = form.reason;
  }
  return input;
}

/** A refused bulk change as one French sentence and its status; null for an unexpected error. */
export function bulkRefusal(error: unknown): { status: number; message: string } | null {
  if (isFormRefusal(error)) return { status: error.getStatus(), message: refusal(error, {}, []).alert ?? '' };
  // Another structure's company (or one deleted meanwhile): the catalogue's sentence, nothing written.
  if (error instanceof NotFoundException && isCodedRefusal(error)) return { status: 404, message: frenchOf(error.refusal) };
  return null;
}

function isAction(value: string): value is BulkAction {
  return (BULK_ACTIONS as readonly string[]).includes(value);
}

/** The bulk form's view model: the list's return address, the choices, and what was asked again. */
export function bulkFormView(
  state: BulkState,
  listReturn: string,
  owners: Array<{ id: string; name: string }>,
  stages: Array<{ id: string; label: string }>,
) {
  const form = state.form;
  return {
    listReturn,
    notice: state.notice ?? null,
    error: state.error ?? null,
    action: form && isAction(form.action) ? form.action : '',
    owners: owners.map((owner) => ({ ...owner, selected: owner.id === form?.ownerId })),
    unassignSelected: form?.ownerId === 'none',
    tag: form?.tag ?? '',
    stages: stages.map((stage) => ({ ...stage, selected: stage.id === form?.stageId })),
    reason: form?.reason ?? '',
  };
}
