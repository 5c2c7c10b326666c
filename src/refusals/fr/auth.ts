import { CodesOf } from '../define';
import { AUTH } from '../auth';

export const AUTH_FR: { readonly [C in CodesOf<typeof AUTH>]: string } = {
  'auth.invalid_credentials': 'E-mail ou mot de passe incorrect.',
  'auth.credentials_missing': 'Saisissez une adresse e-mail et un mot de passe.',
  'auth.locked': 'Trop de tentatives échouées : ce compte est bloqué pour quelques minutes.',
  'auth.wrong_current_password': 'Ce n’est pas votre mot de passe actuel.',
  'auth.sensitive_export_reserved': 'L’export des contraintes et des notes est réservé aux responsables et aux administrateurs.',
  'auth.own_figures_only': 'Ces chiffres ne sont pas les vôtres : vous ne pouvez voir que vos propres listes et les totaux de l’équipe.',
  'auth.alert_not_yours': 'Seule la personne à qui l’alerte est adressée, ou un ou une responsable, peut la traiter.',
};
