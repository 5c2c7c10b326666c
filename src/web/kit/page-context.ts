import { Injectable } from '@nestjs/common';
import { Session } from '../../auth/session.entity';
import { StructuresService } from '../../structures/structures.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { navigationFor } from './navigation';

export const ROLE_LABELS = { staff: 'Chargé·e d’insertion', manager: 'Responsable', admin: 'Administrateur·rice' };

/** What every page's layout needs: who is logged in, their structure, the CSRF token and the menu. */
@Injectable()
export class PageContext {
  constructor(
    private readonly users: UsersService,
    private readonly structures: StructuresService,
  ) {}

  async build(actor: Actor, session: Session, path: string, extra: Record<string, unknown> = {}) {
    const [me, structure] = await Promise.all([this.users.get(actor, actor.userId), this.structures.current(actor)]);
    return {
      me: { ...me, roleLabel: ROLE_LABELS[me.role] },
      structure,
      csrfToken: session.csrfToken,
      navigation: navigationFor(actor.role, path),
      ...extra,
    };
  }
}
