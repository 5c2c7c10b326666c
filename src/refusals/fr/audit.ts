import { AUDIT } from '../audit';
import { CodesOf } from '../define';

export const AUDIT_FR: { readonly [C in CodesOf<typeof AUDIT>]: string } = {
  'audit.period_reversed': 'La date de fin ne peut pas précéder la date de début.',
};
