import { refusal, refusalWith, RefusalDef } from './define';

type Field = { field: string };

/** Companies and their contacts. */
export const COMPANY = {
  // Fields of the company forms: one sentence each says what the field accepts.
  nameInvalid: refusalWith<Field>()('company.name_invalid'),
  siretInvalid: refusalWith<Field>()('company.siret_invalid'),
  nafCodeInvalid: refusalWith<Field>()('company.naf_code_invalid'),
  sectorLabelInvalid: refusalWith<Field>()('company.sector_label_invalid'),
  headcountBandInvalid: refusalWith<Field>()('company.headcount_band_invalid'),
  addressInvalid: refusalWith<Field>()('company.address_invalid'),
  postcodeInvalid: refusalWith<Field>()('company.postcode_invalid'),
  communeInvalid: refusalWith<Field>()('company.commune_invalid'),
  territoryInvalid: refusalWith<Field>()('company.territory_invalid'),
  websiteInvalid: refusalWith<Field>()('company.website_invalid'),
  phoneInvalid: refusalWith<Field>()('company.phone_invalid'),
  sourceInvalid: refusalWith<Field>()('company.source_invalid'),
  /** An owner (of a company or a next action) that is not an id, or not an active member of the structure. */
  ownerInvalid: refusalWith<Field>()('company.owner_invalid'),
  tagsInvalid: refusalWith<Field>()('company.tags_invalid'),
  notesInvalid: refusalWith<Field>()('company.notes_invalid'),
  versionInvalid: refusalWith<Field>()('company.version_invalid'),
  // The next action: on its own form, and nested in a creation or an activity.
  nextActionTypeInvalid: refusalWith<Field>()('company.next_action_type_invalid'),
  nextActionDueOnInvalid: refusalWith<Field>()('company.next_action_due_on_invalid'),
  nextTypeInvalid: refusalWith<Field>()('company.next_type_invalid'),
  nextDueOnInvalid: refusalWith<Field>()('company.next_due_on_invalid'),
  nextTimeInvalid: refusalWith<Field>()('company.next_time_invalid'),
  nextNoteInvalid: refusalWith<Field>()('company.next_note_invalid'),
  /** The meeting's contact is not an id, or not a (not erased) contact of this company. */
  nextContactInvalid: refusalWith<Field>()('company.next_contact_invalid'),
  // Conflicts.
  /** The SIRET belongs to another company of the structure (named, for a link to it). */
  siretTaken: refusalWith<{ siret: string; companyId: string; companyName: string }>()('company.siret_taken'),
  /** The SIRET was taken by a concurrent creation (the other company is not known). */
  siretTakenMeanwhile: refusalWith<{ siret: string }>()('company.siret_taken_meanwhile'),
  /** The company changed since the version the change was based on. */
  staleVersion: refusalWith<{ name: string; version: number }>()('company.stale_version'),
  // Contacts.
  firstNameInvalid: refusalWith<Field>()('company.contact_first_name_invalid'),
  lastNameInvalid: refusalWith<Field>()('company.contact_last_name_invalid'),
  jobTitleInvalid: refusalWith<Field>()('company.contact_job_title_invalid'),
  emailInvalid: refusalWith<Field>()('company.contact_email_invalid'),
  /** A contact's number: a mobile is what they are usually reached on, and only a mobile receives SMS. */
  contactPhoneInvalid: refusalWith<Field>()('company.contact_phone_invalid'),
  preferredChannelInvalid: refusalWith<Field>()('company.contact_channel_invalid'),
  checkboxInvalid: refusalWith<Field>()('company.contact_checkbox_invalid'),
  /** An erased contact stays erased: editing it would type the person back in. */
  sortInvalid: refusal('company.sort_invalid'),
  contactErased: refusal('company.contact_erased'),
} as const satisfies Record<string, RefusalDef>;
