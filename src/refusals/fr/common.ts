import { CodesOf } from '../define';
import { COMMON, FIELD } from '../common';

export const COMMON_FR: { readonly [C in CodesOf<typeof COMMON> | CodesOf<typeof FIELD>]: string } = {
  'common.bad_request': 'La demande est incorrecte : vérifiez la saisie et réessayez.',
  'common.login_required': 'Connectez-vous pour continuer.',
  'common.forbidden': 'Vous n’avez pas accès à cette page ou à cette action.',
  'common.not_found': 'Cette fiche n’existe pas ou n’est plus accessible.',
  'common.page_not_found': 'Cette page n’existe pas. Vérifiez l’adresse, ou repartez de l’accueil.',
  'common.conflict': 'L’opération est en conflit avec une modification récente : rechargez la page et réessayez.',
  'common.stale_version':
    'Cette fiche a été modifiée entre-temps par quelqu’un d’autre. Les informations à jour sont affichées : vérifiez votre saisie, puis enregistrez de nouveau.',
  'common.already_exists': 'Cet enregistrement existe déjà.',
  'common.gone': 'Ce lien n’est plus valable.',
  'common.too_large': 'L’envoi est trop volumineux.',
  'common.unsupported_media': 'Ce format d’envoi n’est pas pris en charge.',
  'common.unprocessable': 'Cette opération n’est pas possible dans l’état actuel de la fiche.',
  'common.locked': 'Cette fiche est verrouillée pour le moment : réessayez dans un instant.',
  'common.too_many_requests': 'Trop de tentatives : réessayez dans une minute.',
  'common.unexpected': 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, signalez-la avec son numéro.',
  'common.busy': 'Le service est momentanément surchargé : réessayez dans un instant.',
  'common.too_slow': 'La demande a pris trop de temps et a été interrompue : réessayez dans un instant.',
  'common.invalid_id': 'Cet identifiant n’est pas valide : vérifiez le lien.',
  'common.role_required':
    'Cette action est réservée {role, select, manager {aux responsables} admin {aux administrateurs et administratrices} other {aux membres de l’équipe}}.',
  'common.csrf': 'Le formulaire a expiré : rechargez la page et réessayez.',
  'field.invalid': 'Valeur incorrecte.',
  'field.required': 'Ce champ est obligatoire.',
  'field.too_long': 'Ce champ tient en {max, number} caractères au plus.',
  'field.too_many': '{max, plural, one {Un seul élément au plus.} other {# éléments au plus.}}',
  'field.out_of_range': 'Valeur hors des limites permises.',
  'field.unknown': 'Ce champ n’est pas attendu ici.',
  'field.nul_character': 'Ce champ contient un caractère interdit.',
  'field.too_deep': 'La saisie est imbriquée trop profondément.',
  'field.hidden_characters':
    'Ce nom contient des caractères invisibles ou qui inversent le sens du texte (souvent venus d’un copier-coller) : retapez-le.',
  'field.not_a_day': 'Indiquez une date valide (JJ/MM/AAAA).',
  'field.not_an_instant': 'Indiquez une date et une heure valides.',
};
