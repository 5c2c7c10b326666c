import { CodesOf } from '../define';
import { AUTH } from '../auth';

export const AUTH_FR: { readonly [C in CodesOf<typeof AUTH>]: string } = {
  'auth.invalid_credentials': 'E-mail ou mot de passe incorrect.',
  'auth.credentials_missing': 'Saisissez une adresse e-mail et un mot de passe.',
  'auth.locked': 'Trop de tentatives échouées : ce compte est bloqué pour quelques minutes.',
  'auth.wrong_current_password': 'Ce n’est pas votre mot de passe actuel.',
  'auth.sensitive_export_reserved': 'L’export des contraintes et des notes est réservé aux responsables et aux administrateurs.',
  'auth.own_figures_only': 'Ces chiffres ne sont pas les vôtres : vous ne pouvez voir que vos propres listes et les totaux de l’équipe.',
  'auth.reset_link_invalid':
    'Ce lien de réinitialisation n’est plus valable (déjà utilisé, expiré ou remplacé par un plus récent) : demandez-en un nouveau à l’administrateur ou l’administratrice de votre structure.',
  'auth.password_weak':
    'Choisissez un mot de passe d’au moins {min, number} caractères qui ne soit pas parmi les plus courants : une phrase à vous, par exemple.',
  'auth.passwords_differ': 'Les deux mots de passe ne sont pas identiques : saisissez-les à nouveau.',
  'auth.alert_not_yours': 'Seule la personne à qui l’alerte est adressée, ou un ou une responsable, peut la traiter.',
  'auth.sms_webhook_unsigned': 'Cet appel ne porte pas le secret convenu avec le fournisseur de SMS : il est refusé.',
  'auth.calendar_feed_unknown':
    'Cette adresse d’agenda ne fonctionne plus : elle a été révoquée ou remplacée. Créez un nouveau lien depuis Tremplin, page « Ma journée ».',
};
