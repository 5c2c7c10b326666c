import { refusalWith } from './define';

/** The kinds of records an id can name, as refusals speak of them. */
export const RECORD_KINDS = {
  company: 'Company',
  contact: 'Contact',
  activity: 'Activity',
  stage: 'Stage',
  stage_event: 'Stage event',
  candidate: 'Candidate',
  lead: 'Job lead',
  proposal: 'Proposal',
  placement: 'Placement',
  script: 'Script',
  script_version: 'Script version',
  import: 'Import',
  user: 'User',
  alert: 'Alert',
  check_in: 'Check-in',
  encounter: 'Encounter',
  participant: 'Participant',
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;

/** Refusals about a record as a whole. */
export const RECORD = {
  /** Missing, or of another structure: the two are never told apart. */
  notFound: refusalWith<{ record: RecordKind }>()('record.not_found'),
} as const;
