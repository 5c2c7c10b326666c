import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password';
import { Structure, StructureType } from '../../src/structures/structure.entity';
import { Role } from '../../src/tenancy/actor';
import { User } from '../../src/users/user.entity';

export const PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;

export async function createStructure(dataSource: DataSource, name = 'ACI Test', type: StructureType = 'ACI') {
  const repository = dataSource.getRepository(Structure);
  return repository.save(repository.create({ name: `${name} ${randomUUID().slice(0, 8)}`, type, territory: 'Nord' }));
}

export async function createUser(dataSource: DataSource, structure: Structure, role: Role, firstName = 'Test') {
  cachedHash ??= hashPassword(PASSWORD);
  const repository = dataSource.getRepository(User);
  return repository.save(
    repository.create({
      structureId: structure.id,
      email: `${role}-${randomUUID()}@test.tremplin.fr`,
      firstName,
      lastName: role,
      role,
      passwordHash: await cachedHash,
      phone: null,
    }),
  );
}

export interface LoggedIn {
  agent: TestAgent;
  csrf: string;
}

/** Logs in through the API like a browser would; the agent keeps the session cookie. */
export async function login(server: unknown, email: string, password = PASSWORD): Promise<LoggedIn> {
  const agent = request.agent(server as Parameters<typeof request.agent>[0]);
  const response = await agent.post('/api/auth/login').send({ email, password }).expect(200);
  return { agent, csrf: response.body.csrfToken as string };
}
