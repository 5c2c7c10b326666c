import type TestAgent from 'supertest/lib/agent';
import { LoggedIn } from './fixtures';

/** Shorthands for a logged-in agent: writes carry the CSRF header like the pages' fetch calls. */
export function api(session: LoggedIn) {
  const { agent, csrf } = session;
  return {
    get: (path: string) => agent.get(path),
    post: (path: string, body: object = {}) => agent.post(path).set('x-csrf-token', csrf).send(body),
    patch: (path: string, body: object = {}) => agent.patch(path).set('x-csrf-token', csrf).send(body),
    put: (path: string, body: object = {}) => agent.put(path).set('x-csrf-token', csrf).send(body),
    delete: (path: string) => agent.delete(path).set('x-csrf-token', csrf),
    agent: agent as TestAgent,
  };
}

export type Api = ReturnType<typeof api>;

/** The fields a 400 body names, each once, for readable assertions. */
export function fieldsOf(body: { details?: Array<{ field: string }> }): string[] {
  return [...new Set((body.details ?? []).map((detail) => detail.field))];
}
