import { CodesOf } from '../define';
import { DIRECTORY } from '../directory';

export const DIRECTORY_FR: { readonly [C in CodesOf<typeof DIRECTORY>]: string } = {
  'directory.query_too_short': 'Saisissez au moins 3 caractères (un nom ou un SIRET) pour chercher dans l’annuaire des entreprises.',
  'directory.postcode_invalid': 'Le code postal doit comporter 5 chiffres.',
  'directory.commune_invalid': 'La commune tient en 100 caractères au plus.',
  'directory.unavailable': 'L’annuaire des entreprises ne répond pas : réessayez plus tard.',
  'directory.off': 'La recherche dans l’annuaire des entreprises n’est pas activée sur cette installation de Tremplin.',
  'directory.no_siret': 'Cette entreprise n’a pas de SIRET : ajoutez-le à la fiche pour la mettre à jour depuis l’annuaire.',
  'directory.siret_unknown': 'L’annuaire des entreprises ne connaît pas le SIRET {siret} : vérifiez-le sur la fiche.',
};
