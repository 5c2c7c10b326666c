import { ROLE_LABELS } from '../kit/page-context';
import { Flash, FlashKey } from '../kit/flash';
import { Role, ROLES } from '../../tenancy/actor';

export const ADMIN_NOTICES = new Flash({
  role: 'Rôle modifié.',
  reactive: 'Compte réactivé : la personne peut de nouveau se connecter.',
  desactive: 'Compte désactivé.',
  lien: 'Lien de réinitialisation envoyé par e-mail (valable 24 heures, une seule fois).',
});
export type AdminNotice = FlashKey<typeof ADMIN_NOTICES>;

/**
 * The team table of the administration page: each account with its role in French, the role choices,
 * whether it is the reader's, and the refusal of the last action on it (shown on its row).
 */
export function userRows<T extends { id: string; role: Role }>(users: T[], meId: string, refusal?: { userId: string; message: string }) {
  return users.map((user) => ({
    ...user,
    roleLabel: ROLE_LABELS[user.role],
    roles: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], selected: role === user.role })),
    isMe: user.id === meId,
    refusal: refusal?.userId === user.id ? refusal.message : null,
  }));
}
