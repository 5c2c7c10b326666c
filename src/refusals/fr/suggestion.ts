import { CodesOf } from '../define';
import { SUGGESTION } from '../suggestion';

export const SUGGESTION_FR: { readonly [C in CodesOf<typeof SUGGESTION>]: string } = {
  'suggestion.reason_invalid': 'Choisissez une raison dans la liste.',
  'suggestion.note_required': 'Précisez la raison en quelques mots.',
  'suggestion.note_too_long': 'La précision tient en {max, number} caractères au plus.',
  'suggestion.scope_invalid': 'Choisissez « pour moi » ou « toute l’équipe ».',
  'suggestion.already_planned': 'Une action est déjà prévue le {dueOn} pour cette entreprise, par {owner} : elle n’est plus à proposer.',
  'suggestion.closed': 'Cette entreprise a refusé ou est déjà partenaire : elle n’est plus à proposer.',
};
