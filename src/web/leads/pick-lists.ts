import { CompaniesService } from '../../companies/companies.service';
import { Actor } from '../../tenancy/actor';
import { UsersService } from '../../users/users.service';
import { option, UUID } from '../kit/forms';
import { fullName } from './lead.view';

/** The team's names by user id (owners shown in the lead and candidate pages). */
export async function teamNames(users: UsersService, actor: Actor): Promise<Map<string, string>> {
  const team = await users.list(actor, { limit: 200, offset: 0 });
  return new Map(team.items.map((user) => [user.id, fullName(user)]));
}

/** The structure's companies as select options, by name (the selected one kept even past the cap). */
export async function companyOptions(companies: CompaniesService, actor: Actor, selected: string) {
  const result = await companies.list(actor, {}, { limit: 500, offset: 0 });
  const items = result.items.map((company) => ({ id: company.id, name: company.name }));
  if (UUID.test(selected) && !items.some((company) => company.id === selected)) {
    const company = await companies.get(actor, selected).catch(() => null);
    if (company) items.push({ id: company.id, name: company.name });
  }
  return items.sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((company) => option(company.id, company.name, selected));
}
