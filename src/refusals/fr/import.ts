import { CodesOf } from '../define';
import { IMPORT } from '../import';

export const IMPORT_FR: { readonly [C in CodesOf<typeof IMPORT>]: string } = {
  'import.file_too_large': 'Le fichier dépasse {maxMb, number} Mo : découpez-le en plusieurs fichiers.',
  'import.upload_too_slow': 'L’envoi du fichier a été trop lent et a été abandonné : envoyez-le de nouveau.',
  'import.too_many_for_structure':
    'Votre structure a déjà {max, plural, one {un import} other {# imports}} en cours : renvoyez ce fichier quand l’un d’eux sera terminé.',
  'import.too_many_overall': 'Trop d’imports sont en cours sur le service : renvoyez ce fichier dans quelques minutes.',
  'import.file_required': 'Choisissez un fichier CSV.',
  'import.file_empty': 'Le fichier est vide.',
  'import.not_csv': 'Ce fichier n’est pas un fichier CSV lisible.',
  'import.columns_unrecognised':
    'Colonnes non reconnues : utilisez notre modèle (colonne « nom » obligatoire) ou un extrait SIRENE (colonnes « siret » et « codePostalEtablissement »).',
  'import.no_data_row': 'Le fichier n’a que sa ligne d’en-tête : aucune entreprise à importer.',
  'import.not_startable': 'Cette analyse ne peut plus être lancée (import déjà lancé ou analyse non terminée) : rechargez la page.',
  'import.upload_abandoned': 'L’envoi du fichier a été interrompu avant la fin : envoyez-le de nouveau.',
  'import.file_deleted':
    'Le fichier de cet essai a été supprimé {days, plural, one {# jour} other {# jours}} après l’essai : envoyez-le de nouveau.',
};
