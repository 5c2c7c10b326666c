import { COMMON, FIELD } from './common';
import { RefusalDef } from './define';
import { AUTH } from './auth';
import { COMPANY } from './company';
import { PROSPECTION } from './prospection';
import { IMPORT } from './import';
import { LEAD } from './lead';
import { CANDIDATE } from './candidate';
import { PLACEMENT } from './placement';
import { CHECKIN } from './checkin';
import { PITCH } from './pitch';
import { REPORT } from './report';
import { AUDIT } from './audit';
import { PRIVACY } from './privacy';
import { USER } from './user';
import { RECORD } from './record';
import { ENCOUNTER } from './encounter';
import { SMS } from './sms';
import { PRESSURE } from './pressure';
import { DIRECTORY } from './directory';
import { SUGGESTION } from './suggestion';

/**
 * Every refusal code, grouped by domain. A domain adds its table here (`src/refusals/<domain>.ts`)
 * and its French sentences to `fr.ts`; the compiler then refuses a code without French text.
 */
export const REFUSALS = {
  common: COMMON,
  field: FIELD,
  record: RECORD,
  auth: AUTH,
  company: COMPANY,
  prospection: PROSPECTION,
  import: IMPORT,
  lead: LEAD,
  candidate: CANDIDATE,
  placement: PLACEMENT,
  checkin: CHECKIN,
  pitch: PITCH,
  report: REPORT,
  audit: AUDIT,
  privacy: PRIVACY,
  user: USER,
  encounter: ENCOUNTER,
  sms: SMS,
  pressure: PRESSURE,
  directory: DIRECTORY,
  suggestion: SUGGESTION,
} as const;

type Tables = typeof REFUSALS;
type AnyDef = { [D in keyof Tables]: Tables[D][keyof Tables[D]] }[keyof Tables];

export type RefusalCode = AnyDef['code'];
export type ParamsOf<C extends RefusalCode> = NonNullable<Extract<AnyDef, { code: C }>['__params']>;

/** A refusal as it travels: its code and the parameters its sentence needs. */
export type RefusalOf<C extends RefusalCode> = { code: C; params: ParamsOf<C> };
/** Any refusal: the union of every code with its own parameters. */
export type Refusal = { [C in RefusalCode]: RefusalOf<C> }[RefusalCode];

/** Every code, for the completeness test and the catalogue check. */
export function allRefusalCodes(): RefusalCode[] {
  return Object.values(REFUSALS).flatMap((table) => Object.values(table as Record<string, RefusalDef>).map((def) => def.code as RefusalCode));
}

export { AUDIT, AUTH, CANDIDATE, CHECKIN, COMMON, COMPANY, DIRECTORY, ENCOUNTER, FIELD, IMPORT, LEAD, PITCH, PLACEMENT, PRESSURE, PRIVACY, PROSPECTION, RECORD, REPORT, SMS, SUGGESTION, USER };
export type { RefusalDef };
