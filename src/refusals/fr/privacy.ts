import { CodesOf } from '../define';
import { PRIVACY } from '../privacy';

export const PRIVACY_FR: { readonly [C in CodesOf<typeof PRIVACY>]: string } = {
  'privacy.reason_required': 'Indiquez le motif de l’effacement (la demande et sa date).',
  'privacy.reason_too_long': 'Le motif tient en 500 caractères au plus.',
};
