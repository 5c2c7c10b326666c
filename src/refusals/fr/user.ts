import { CodesOf } from '../define';
import { USER } from '../user';

export const USER_FR: { readonly [C in CodesOf<typeof USER>]: string } = {
  'user.staff_inactive': 'Choisissez un membre actif de l’équipe.',
  'user.self_deactivation': 'Vous ne pouvez pas désactiver votre propre compte ni retirer votre rôle d’administrateur ou d’administratrice.',
  'user.reset_inactive': 'Ce compte est désactivé : réactivez-le avant d’envoyer un lien de réinitialisation.',
  'user.email_unavailable': 'Cette adresse e-mail ne peut pas être utilisée pour un nouveau compte : choisissez-en une autre.',
};
