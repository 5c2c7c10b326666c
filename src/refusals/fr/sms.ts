import { CodesOf } from '../define';
import { SMS } from '../sms';

export const SMS_FR: { readonly [C in CodesOf<typeof SMS>]: string } = {
  'sms.text_invalid': 'Écrivez le message à envoyer.',
  'sms.too_long': 'Le message est trop long : {max, number} caractères au plus (deux SMS), moins s’il contient des caractères spéciaux.',
  'sms.no_mobile': 'Cette personne n’a pas de numéro de portable valide : ajoutez-le sur sa fiche pour lui envoyer un SMS.',
  'sms.opted_out': 'Ce numéro ne souhaite plus recevoir de SMS de la structure : aucun message ne lui sera envoyé.',
  'sms.disabled': 'L’envoi de SMS n’est pas activé sur cette installation de Tremplin.',
  'sms.cap_invalid': 'Indiquez un nombre entier de SMS par mois, de 0 à 100 000.',
};
