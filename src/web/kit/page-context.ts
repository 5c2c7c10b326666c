import { Injectable } from '@nestjs/common';
import { Session } from '../../auth/session.entity';
import { StructuresService } from '../../structures/structures.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { FollowUpRows } from '../follow-ups/follow-up-rows';
import { navigationFor } from './navigation';

export const ROLE_LABELS = { staff: 'Chargé·e d’insertion', manager: 'Responsable', admin: 'Administrateur·rice' };

/** What every page's layout needs: who is logged in, their structure, the CSRF token and the menu (with today's work count). */
@Injectable()
export class PageContext {
  constructor(
    private readonly users: UsersService,
    private readonly structures: StructuresService,
    private readonly followUps: FollowUpRows,
  ) {}

  async build(actor: Actor, session: Session, path: string, extra: Record<string, unknown> = {}) {
    const [me, structure, dueToday] = await Promise.all([
      this.users.get(actor, actor.userId),
      this.structures.current(actor),
      this.followUps.dueCount(actor),
    ]);
    return {
      me: { ...me, roleLabel: ROLE_LABELS[me.role] },
      structure,
      csrfToken: session.csrfToken,
      navigation: navigationFor(actor.role, path, { dueToday }),
      ...extra,
    };
  }
}
