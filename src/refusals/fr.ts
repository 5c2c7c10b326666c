import { COMMON_FR } from './fr/common';
import { RECORD_FR } from './fr/record';
import { AUTH_FR } from './fr/auth';
import { COMPANY_FR } from './fr/company';
import { PROSPECTION_FR } from './fr/prospection';
import { IMPORT_FR } from './fr/import';
import { LEAD_FR } from './fr/lead';
import { CANDIDATE_FR } from './fr/candidate';
import { PLACEMENT_FR } from './fr/placement';
import { CHECKIN_FR } from './fr/checkin';
import { PITCH_FR } from './fr/pitch';
import { REPORT_FR } from './fr/report';
import { AUDIT_FR } from './fr/audit';
import { PRIVACY_FR } from './fr/privacy';
import { USER_FR } from './fr/user';
import { ENCOUNTER_FR } from './fr/encounter';
import { SMS_FR } from './fr/sms';
import { PRESSURE_FR } from './fr/pressure';
import { DIRECTORY_FR } from './fr/directory';
import { SUGGESTION_FR } from './fr/suggestion';
import { RefusalCode } from './index';

/**
 * Every refusal in French, one sentence each, with ICU-style parameters (`{max}`, plurals as
 * `{n, plural, one {…} other {…}}`, choices as `{role, select, …}`). A day parameter
 * (YYYY-MM-DD) is shown as « 6 janvier 2027 ». Each domain writes its sentences in `fr/<domain>.ts`;
 * the type below makes a code without its sentence a compile error.
 */
export const FR: { readonly [C in RefusalCode]: string } = {
  ...COMMON_FR,
  ...RECORD_FR,
  ...AUTH_FR,
  ...COMPANY_FR,
  ...PROSPECTION_FR,
  ...IMPORT_FR,
  ...LEAD_FR,
  ...CANDIDATE_FR,
  ...PLACEMENT_FR,
  ...CHECKIN_FR,
  ...PITCH_FR,
  ...REPORT_FR,
  ...AUDIT_FR,
  ...PRIVACY_FR,
  ...USER_FR,
  ...ENCOUNTER_FR,
  ...SMS_FR,
  ...PRESSURE_FR,
  ...DIRECTORY_FR,
  ...SUGGESTION_FR,
};
