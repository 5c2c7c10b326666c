import { RefusalCode } from '../../index';

/*
 * How a refused card move reads on the prospection board. A move has no form to show again, so the
 * board words these refusals for a card (« rechargez la page ») rather than with the form sentences
 * of the main catalogue. They are still the catalogue's: each key must be a refusal code (checked by
 * the compiler), and the board's script receives them from the page (a JSON island), keyed by the
 * `code` of the API's error, never matching its English message.
 */
const STALE = 'Cette entreprise a été modifiée entre-temps : rechargez la page.';
const NOT_ALLOWED = 'Vous n’avez pas le droit de déplacer cette entreprise, ou votre session a expiré : rechargez la page.';
const GONE = 'Cette entreprise ou cette étape n’existe plus : rechargez la page.';

export const BOARD_MOVE_REFUSALS_FR = {
  'company.stale_version': STALE,
  'common.stale_version': STALE,
  'common.conflict': STALE,
  'prospection.stage_archived': 'Cette étape n’accepte plus d’entreprises (elle a peut-être été archivée) : rechargez la page.',
  'common.login_required': 'Votre session a expiré : reconnectez-vous puis recommencez.',
  'common.forbidden': NOT_ALLOWED,
  'common.csrf': NOT_ALLOWED,
  'common.role_required': NOT_ALLOWED,
  'record.not_found': GONE,
  'common.invalid_id': GONE,
  'common.busy': 'Le service est momentanément surchargé : le déplacement n’a pas été enregistré, réessayez dans un instant.',
  'common.too_many_requests': 'Trop de déplacements d’un coup : attendez une minute puis réessayez.',
} as const satisfies { readonly [C in RefusalCode]?: string };

/** When no code explains the failure: `{status}` and `{reference}` are filled in by the script. */
export const BOARD_MOVE_FAILURES_FR = {
  offline: 'Le déplacement n’a pas pu être enregistré : vérifiez votre connexion puis réessayez.',
  unexpected: 'Le déplacement n’a pas pu être enregistré (erreur {status}).',
  unexpectedWithReference: 'Le déplacement n’a pas pu être enregistré (erreur {status}, référence {reference}).',
} as const;
