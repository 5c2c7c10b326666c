import { CodesOf } from '../define';
import { USER } from '../user';

export const USER_FR: { readonly [C in CodesOf<typeof USER>]: string } = {
  'user.email_unavailable': 'Cette adresse e-mail ne peut pas être utilisée pour un nouveau compte : choisissez-en une autre.',
};
