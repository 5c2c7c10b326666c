import { ROLE_LABELS } from '../kit/page-context';
import { Role } from '../../tenancy/actor';

/** The team table of the administration page: each account with its role in French, and whether it is the reader's. */
export function userRows<T extends { id: string; role: Role }>(users: T[], meId: string) {
  return users.map((user) => ({ ...user, roleLabel: ROLE_LABELS[user.role], isMe: user.id === meId }));
}
