import { CodesOf } from '../define';
import { REPORT } from '../report';

export const REPORT_FR: { readonly [C in CodesOf<typeof REPORT>]: string } = {
  'report.period_reversed': 'La date de fin ne peut pas précéder la date de début.',
  'report.period_too_long': 'La période ne peut pas dépasser 3 ans : raccourcissez-la.',
  'report.from_invalid': 'Indiquez une date de début valide.',
  'report.to_invalid': 'Indiquez une date de fin valide.',
  'report.staff_invalid': 'Choisissez un membre de l’équipe dans la liste.',
  'report.naf_invalid': 'Indiquez le début d’un code NAF, par exemple 56, 56.1 ou 56.10A.',
  'report.territory_invalid': 'Le territoire tient en 100 caractères au plus.',
  'report.source_invalid': 'Choisissez une origine dans la liste.',
  'report.script_version_invalid': 'Choisissez une version d’argumentaire dans la liste.',
  'report.interval_invalid': 'Choisissez un regroupement par semaine ou par mois.',
  'report.metric_invalid': 'Cette liste n’existe pas : revenez au tableau de bord et cliquez sur un chiffre.',
  'report.bucket_invalid': 'La période de la courbe demandée n’est pas valide.',
  'report.week_invalid': 'La semaine demandée n’est pas valide.',
  'report.contract_type_invalid': 'Ce type de contrat n’est pas reconnu.',
  'report.category_invalid': 'Cette catégorie de sortie n’est pas reconnue.',
  'report.party_invalid': 'Indiquez la personne salariée ou l’employeur.',
  'report.alert_kind_invalid': 'Ce type d’alerte n’est pas reconnu.',
  'report.table_invalid': 'Ce tableau n’existe pas.',
  'report.target_invalid': 'Indiquez un nombre entier entre 0 et 1 000, ou laissez vide pour ne pas fixer d’objectif.',
  'report.reset_invalid': 'La remise aux objectifs de la structure ne prend pas de valeur.',
};
