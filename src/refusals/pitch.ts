import { refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Pitch scripts. */
export const PITCH = {
  // Fields of the script form, one sentence whatever check fails.
  kindInvalid: refusalWith<Field>()('pitch.kind_invalid'),
  titleInvalid: refusalWith<Field>()('pitch.title_invalid'),
  nafPrefixesInvalid: refusalWith<Field>()('pitch.naf_prefixes_invalid'),
  headcountBandsInvalid: refusalWith<Field>()('pitch.headcount_bands_invalid'),
  openingInvalid: refusalWith<Field>()('pitch.opening_invalid'),
  offerInvalid: refusalWith<Field>()('pitch.offer_invalid'),
  questionsInvalid: refusalWith<Field>()('pitch.questions_invalid'),
  closingInvalid: refusalWith<Field>()('pitch.closing_invalid'),
  changeNoteInvalid: refusalWith<Field>()('pitch.change_note_invalid'),
  versionInvalid: refusalWith<Field>()('pitch.version_invalid'),
  objectionsInvalid: refusalWith<Field>()('pitch.objections_invalid'),
  /** An objection pair: the form says which part is missing or too long. */
  objectionRequired: refusalWith<Field>()('pitch.objection_required'),
  objectionTooLong: refusalWith<Field>()('pitch.objection_too_long'),
  answerRequired: refusalWith<Field>()('pitch.answer_required'),
  answerTooLong: refusalWith<Field>()('pitch.answer_too_long'),
  objectionKeyInvalid: refusalWith<Field>()('pitch.objection_key_invalid'),
  duplicateObjectionKey: refusalWith<Field & { key: string }>()('pitch.duplicate_objection_key'),

  // What a section's text may hold (pitch-template.ts); `field` names the section.
  templateBroken: refusalWith<{ field?: string; detail: string }>()('pitch.template_broken'),
  onlyPlaceholders: refusalWith<{ field?: string }>()('pitch.only_placeholders'),
  unknownPlaceholder: refusalWith<{ field?: string; placeholder: string }>()('pitch.unknown_placeholder'),
  tripleBraces: refusalWith<{ field?: string }>()('pitch.triple_braces'),
  placeholderArguments: refusalWith<{ field?: string; placeholder: string }>()('pitch.placeholder_arguments'),
  helperNotAllowed: refusalWith<{ field?: string; helper: string }>()('pitch.helper_not_allowed'),
  helperNeedsOnePlaceholder: refusalWith<{ field?: string; helper: string }>()('pitch.helper_needs_one_placeholder'),
  partials: refusalWith<{ field?: string }>()('pitch.partials'),

  // Versions and rendering.
  staleVersion: refusalWith<{ version: number }>()('pitch.stale_version'),
  noSuchVersion: refusalWith<Field & { number: number }>()('pitch.no_such_version'),
  scriptVersionNotOurs: refusalWith<Field>()('pitch.script_version_not_ours'),
  contactOfAnotherCompany: refusalWith<Field>()('pitch.contact_of_another_company'),
} as const satisfies Record<string, RefusalDef>;

/** The codes of a section text's problems, which the form says inside the section they concern. */
export const TEMPLATE_CODES: ReadonlySet<string> = new Set([
  PITCH.templateBroken.code,
  PITCH.onlyPlaceholders.code,
  PITCH.unknownPlaceholder.code,
  PITCH.tripleBraces.code,
  PITCH.placeholderArguments.code,
  PITCH.helperNotAllowed.code,
  PITCH.helperNeedsOnePlaceholder.code,
  PITCH.partials.code,
]);
