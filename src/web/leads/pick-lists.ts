import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { fullName } from './lead.view';

/** The team's names by user id (owners shown in the lead and candidate pages). */
export async function teamNames(users: UsersService, actor: Actor): Promise<Map<string, string>> {
  const team = await users.list(actor, { limit: 200, offset: 0 });
  return new Map(team.items.map((user) => [user.id, fullName(user)]));
}
