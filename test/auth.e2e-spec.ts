import request from 'supertest';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, PASSWORD } from './helpers/fixtures';

describe('login, sessions and logout (e2e)', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer();
  });
  afterAll(() => t.close());

  it('logs in with the right password and sets an httpOnly, SameSite session cookie', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'staff', 'Awa');
    const response = await request(server)
      .post('/api/auth/login')
      .send({ email: user.email.toUpperCase(), password: PASSWORD })
      .expect(200);
    expect(response.body.user).toMatchObject({ id: user.id, firstName: 'Awa', role: 'staff' });
    expect(response.body.user.passwordHash).toBeUndefined();
    expect(response.body.csrfToken).toEqual(expect.any(String));
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/tremplin_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Twelve hours from when the browser receives it, whatever the two clocks say.
    expect(cookie).toMatch(/Max-Age=43200/);

    const session = await login(server, user.email);
    const me = await session.agent.get('/api/auth/me').expect(200);
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.structure.id).toBe(structure.id);
  });

  it('refuses a wrong password and an unknown e-mail with the same 401', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'staff');
    const wrong = await request(server).post('/api/auth/login').send({ email: user.email, password: 'not the one' }).expect(401);
    const unknown = await request(server)
      .post('/api/auth/login')
      .send({ email: 'nobody@nowhere.fr', password: 'whatever1234' })
      .expect(401);
    expect(wrong.body.message).toBe('Invalid e-mail or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks the account after 5 failures, even for the right password, until the lock expires', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'manager');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await request(server).post('/api/auth/login').send({ email: user.email, password: `bad-${attempt}` }).expect(401);
    }
    const fifth = await request(server).post('/api/auth/login').send({ email: user.email, password: 'bad-5' }).expect(423);
    expect(fifth.body.message).toMatch(/locked for 15 more minute/);
    await request(server).post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(423);

    t.clock.advance(16 * 60_000);
    await request(server).post('/api/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
    t.clock.set(new Date());
  });

  it('rate-limits login attempts for one address and e-mail with a 429', async () => {
    const email = `throttled-${Date.now()}@nowhere.fr`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await request(server).post('/api/auth/login').send({ email, password: 'guess-guess' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('rate-limits one address trying many accounts, across e-mails, the API and the login page alike', async () => {
    const small = await createTestApp({ LOGIN_ADDRESS_MAX_ATTEMPTS: '5' });
    try {
      const smallServer = small.app.getHttpServer();
      // Fresh addresses (counters live 15 minutes in Redis), seen through the loopback proxy.
      const stamp = Date.now() % 250;
      const sprayer = `198.51.100.${stamp + 1}`;
      const neighbour = `203.0.113.${stamp + 1}`;
      const attempt = (address: string, index: number) =>
        request(smallServer).post('/api/auth/login').set('X-Forwarded-For', address).send({ email: `spray-${index}-${Date.now()}@nowhere.fr`, password: 'guess-guess' });
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++) statuses.push((await attempt(sprayer, index)).status);
      const page = await request(smallServer)
        .post('/login')
        .set('X-Forwarded-For', sprayer)
        .type('form')
        .set('Accept', 'text/html')
        .send({ email: `page-${Date.now()}@nowhere.fr`, password: 'guess-guess' });
      expect(page.status).not.toBe(429);
      expect(statuses).toEqual([401, 401, 401, 401]);
      // Five attempts on five e-mails spent the budget: the sixth, on yet another e-mail, is refused.
      expect((await attempt(sprayer, 5)).status).toBe(429);
      const pageAgain = await request(smallServer).post('/login').set('X-Forwarded-For', sprayer).type('form').set('Accept', 'text/html').send({ email: 'x@y.fr', password: 'z' });
      expect(pageAgain.status).toBe(429);
      // Another address is not affected.
      expect((await attempt(neighbour, 6)).status).toBe(401);
    } finally {
      await small.close();
    }
  });

  it('refuses writes without the CSRF token, and logs out with it', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'staff');
    const { agent, csrf } = await login(server, user.email);

    const forged = await agent.post('/api/auth/logout').expect(403);
    expect(forged.body.message).toMatch(/CSRF/);
    await agent.post('/api/auth/logout').set('x-csrf-token', 'wrong').expect(403);

    await agent.post('/api/auth/logout').set('x-csrf-token', csrf).expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('expires sessions after their lifetime', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'staff');
    const { agent } = await login(server, user.email);
    t.clock.advance((t.config.SESSION_TTL_HOURS + 1) * 3_600_000);
    await agent.get('/api/auth/me').expect(401);
    t.clock.set(new Date());
  });

  it('lets users change their own password, which ends their other sessions', async () => {
    const structure = await createStructure(t.dataSource);
    const user = await createUser(t.dataSource, structure, 'staff');
    const { agent, csrf } = await login(server, user.email);
    const elsewhere = await login(server, user.email);
    const tooShort = await agent
      .patch('/api/auth/password')
      .set('x-csrf-token', csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(tooShort.body.details[0].field).toBe('newPassword');
    await agent
      .patch('/api/auth/password')
      .set('x-csrf-token', csrf)
      .send({ currentPassword: 'not mine at all', newPassword: 'a new long password' })
      .expect(401);
    await agent
      .patch('/api/auth/password')
      .set('x-csrf-token', csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'a new long password' })
      .expect(204);
    await agent.get('/api/auth/me').expect(200);
    await elsewhere.agent.get('/api/auth/me').expect(401);
    await login(server, user.email, 'a new long password');
  });

  it('answers 401 on protected routes without a session', async () => {
    const response = await request(server).get('/api/users').expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });
});
