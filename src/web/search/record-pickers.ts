import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PickerChoice, pickerChoice, pickerChoices, pickerCount, pickerList, PickerType } from '../../search/picker.queries';
import { Actor } from '../../tenancy/actor';
import { option, Raw, text, UUID } from '../kit/forms';

/** Up to this many records, a form keeps its plain menu; past it, a search field. */
export const PICKER_MENU_MAX = 50;

/** One picker of a form: what to pick, the field it fills, and what was chosen or typed. */
export interface PickerRequest {
  type: PickerType;
  /** The posted field (companyId, candidateId...). */
  name: string;
  /** The form's prefix of element ids (piste, placement...). */
  prefix: string;
  label: string;
  selected: string;
  /** The menu's first, empty choice. */
  none: string;
  /** The form posted back by its « Chercher » button, with what was typed in each search field. */
  search?: Raw;
  /** A contact picker: the company it narrows to, and the id of the company field of the form. */
  companyId?: string | null;
  companyField?: string;
}

/** The picker's model for the record-picker partial. */
export function pickerView(request: PickerRequest, mode: { menu: PickerChoice[] | null; chosen: PickerChoice | null; found: PickerChoice[] | null; q: string }) {
  const id = `${request.prefix}-${request.name}`;
  const base = {
    id,
    type: request.type,
    name: request.name,
    label: request.label,
    companyId: request.companyId ?? '',
    companyField: request.companyField ?? '',
  };
  if (mode.menu) {
    return { ...base, menu: true, chosen: mode.chosen, options: [option('', request.none, request.selected), ...mode.menu.map((choice) => option(choice.id, choice.label, request.selected))] };
  }
  const found = mode.found;
  return {
    ...base,
    menu: false,
    q: mode.q,
    chosen: mode.chosen,
    searched: found !== null,
    options: found?.length ? [option('', request.none, request.selected), ...found.map((choice) => option(choice.id, pickerLabel(choice), request.selected))] : [],
    empty: found && !found.length ? (mode.q.trim().length < 2 ? 'Tapez au moins deux caractères.' : `Rien ne correspond à « ${mode.q.trim()} ».`) : '',
  };
}

/** A choice as the listbox and the menu show it. */
export function pickerLabel(choice: PickerChoice): string {
  return choice.detail ? `${choice.label} (${choice.detail})` : choice.label;
}

/** Builds the pickers of the forms: a plain menu for a short list, a search field otherwise (see `pickerView`). */
@Injectable()
export class RecordPickers {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async build(actor: Actor, request: PickerRequest) {
    const companyId = request.companyId && UUID.test(request.companyId) ? request.companyId : null;
    // A contact picker tied to a company field lists nothing until the company is chosen.
    if (request.companyField && !companyId) return pickerView(request, { menu: [], chosen: null, found: null, q: '' });
    const count = await pickerCount(this.db, actor.structureId, request.type, companyId);
    const chosen = UUID.test(request.selected) ? await pickerChoice(this.db, actor.structureId, request.type, request.selected) : null;
    if (count <= PICKER_MENU_MAX) {
      const menu = await pickerList(this.db, actor.structureId, request.type, companyId, PICKER_MENU_MAX);
      if (chosen && !menu.some((choice) => choice.id === chosen.id)) menu.push(chosen);
      return pickerView(request, { menu, chosen, found: null, q: '' });
    }
    const q = text(request.search?.[`${request.name}Q`]).slice(0, 100);
    const searching = text(request.search?.chercher) === request.name;
    const found = searching ? await pickerChoices(this.db, actor.structureId, request.type, q, companyId) : null;
    if (found && chosen && !found.some((choice) => choice.id === chosen.id)) found.unshift(chosen);
    return pickerView(request, { menu: null, chosen, found, q });
  }

  /** The fragment's choices. */
  search(actor: Actor, type: PickerType, q: string, companyId: string | null) {
    return pickerChoices(this.db, actor.structureId, type, q, companyId);
  }
}
