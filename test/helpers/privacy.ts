import { DataSource } from 'typeorm';
import { Structure } from '../../src/structures/structure.entity';
import { User } from '../../src/users/user.entity';
import { api, Api } from './api';
import { TestApp } from './app';
import { createStructure, createUser, login } from './fixtures';

/** A structure with a manager (Mona) and a staff member (Karim), both logged in. */
export interface PrivacyWorld {
  structure: Structure;
  manager: User;
  staff: User;
  m: Api;
  s: Api;
  /** The CSRF tokens of the manager's and the staff member's sessions, for the pages' forms. */
  csrf: { m: string; s: string };
}

export async function privacyWorld(t: TestApp, name: string): Promise<PrivacyWorld> {
  const structure = await createStructure(t.dataSource, name);
  const manager = await createUser(t.dataSource, structure, 'manager', 'Mona');
  const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
  const server = t.app.getHttpServer();
  const [m, s] = [await login(server, manager.email), await login(server, staff.email)];
  return { structure, manager, staff, m: api(m), s: api(s), csrf: { m: m.csrf, s: s.csrf } };
}

/** Every table of the schema whose rows contain `needle` (case ignored). */
export async function tablesHolding(dataSource: DataSource, needle: string): Promise<string[]> {
  const tables = (await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  )) as Array<{ table_name: string }>;
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const [hit] = await dataSource.query(`SELECT count(*)::int AS n FROM "${table}" x WHERE strpos(lower(x::text), lower($1)) > 0`, [needle]);
    if (hit.n > 0) found.push(table);
  }
  return found;
}
