import { INestApplicationContext } from '@nestjs/common';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';

describe('structures and staff accounts (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let structureA: Structure;
  let structureB: Structure;
  let adminA: User;
  let staffB: User;
  let admin: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    server = t.app.getHttpServer();
    structureA = await createStructure(t.dataSource, 'ACI A');
    structureB = await createStructure(t.dataSource, 'EI B', 'EI');
    adminA = await createUser(t.dataSource, structureA, 'admin', 'Nadia');
    staffB = await createUser(t.dataSource, structureB, 'staff');
    admin = await login(server, adminA.email);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const newUser = (overrides: Record<string, unknown> = {}) => ({
    email: `lea.${Date.now()}.${Math.random().toString(36).slice(2)}@exemple.fr`,
    firstName: 'Léa',
    lastName: 'Martin',
    role: 'staff',
    password: 'un mot de passe solide',
    ...overrides,
  });

  it('lets an admin create a staff account, who then logs in and receives a welcome e-mail over SMTP', async () => {
    const input = newUser();
    const created = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrf).send(input).expect(201);
    expect(created.body).toMatchObject({ email: input.email, role: 'staff', active: true });
    expect(created.body.passwordHash).toBeUndefined();

    const session = await login(server, input.email, input.password);
    const me = await session.agent.get('/api/auth/me').expect(200);
    expect(me.body.structure.id).toBe(structureA.id);

    const [mail] = await waitForMail(input.email);
    expect(mail).toBeDefined();
    expect(mail.subject).toBe(`Votre compte Tremplin chez ${structureA.name}`);
    expect(mail.text).toContain('Bonjour Léa');
    expect(mail.text).toContain('Nadia admin vous a ouvert un compte');
    expect(mail.text).toContain(`${t.config.APP_BASE_URL}/login`);
    expect(mail.html).toContain('Se connecter à Tremplin');
    expect(mail.text).not.toContain(input.password);
  });

  it('refuses account creation to staff and managers (403)', async () => {
    for (const role of ['staff', 'manager'] as const) {
      const member = await createUser(t.dataSource, structureA, role);
      const session = await login(server, member.email);
      const response = await session.agent.post('/api/users').set('x-csrf-token', session.csrf).send(newUser()).expect(403);
      expect(response.body.message).toMatch(/role admin/);
    }
  });

  it('names the offending field on bad input, and writes nothing', async () => {
    const unknown = await admin.agent
      .post('/api/users')
      .set('x-csrf-token', admin.csrf)
      .send(newUser({ salary: 2000 }))
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'salary', message: 'property salary should not exist', code: 'field.unknown', params: { field: 'salary' } }]);

    const malformed = await admin.agent
      .post('/api/users')
      .set('x-csrf-token', admin.csrf)
      .send(newUser({ email: 'not-an-email' }))
      .expect(400);
    expect(malformed.body.details).toEqual([{ field: 'email', message: 'email must be a valid e-mail address', code: 'field.invalid', params: { field: 'email' } }]);
    expect(malformed.body.message).toContain('email');

    const badRole = await admin.agent.post('/api/users').set('x-csrf-token', admin.csrf).send(newUser({ role: 'boss' })).expect(400);
    expect(badRole.body.details[0].field).toBe('role');

    const count = await t.dataSource.getRepository(User).count({ where: { lastName: 'Martin', structureId: structureA.id } });
    const list = await admin.agent.get('/api/users?limit=200').expect(200);
    expect(list.body.items.filter((u: User) => u.lastName === 'Martin')).toHaveLength(count);
  });

  it('answers 409 for an e-mail already used, the same in this structure or another, naming neither', async () => {
    const post = (email: string) => admin.agent.post('/api/users').set('x-csrf-token', admin.csrf).send(newUser({ email })).expect(409);
    const elsewhere = (await post(staffB.email)).body;
    const here = (await post(adminA.email)).body;
    expect(elsewhere.details).toEqual([{ field: 'email', message: 'email: this address cannot be used for a new account', code: 'user.email_unavailable', params: {} }]);
    expect({ ...elsewhere, requestId: null }).toEqual({ ...here, requestId: null });
    expect(JSON.stringify(elsewhere)).not.toContain(structureB.name);
    // The administration page says it in French, without the structure either.
    const page = await admin.agent
      .post('/administration/utilisateurs')
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...newUser({ email: staffB.email }), _csrf: admin.csrf })
      .expect(409);
    expect(page.text).toContain('Cette adresse e-mail ne peut pas être utilisée pour un nouveau compte');
    expect(page.text).not.toContain(structureB.name);
  });

  it('hides the other structure: its users answer 404 and never appear in lists', async () => {
    await admin.agent.get(`/api/users/${staffB.id}`).expect(404);
    await admin.agent.patch(`/api/users/${staffB.id}`).set('x-csrf-token', admin.csrf).send({ active: false }).expect(404);
    const list = await admin.agent.get('/api/users?limit=200').expect(200);
    expect(list.body.items.map((u: User) => u.id)).not.toContain(staffB.id);
    expect(list.body.items.every((u: User & { structureId?: string }) => u.structureId === undefined)).toBe(true);
    expect(list.body.total).toBe(await t.dataSource.getRepository(User).count({ where: { structureId: structureA.id } }));
    const stillActive = await t.dataSource.getRepository(User).findOneByOrFail({ id: staffB.id });
    expect(stillActive.active).toBe(true);
    await admin.agent.get('/api/users/not-a-uuid').expect(400);
  });

  it('deactivates an account: its sessions end and it can no longer log in', async () => {
    const member = await createUser(t.dataSource, structureA, 'staff');
    const session = await login(server, member.email);
    await admin.agent.patch(`/api/users/${member.id}`).set('x-csrf-token', admin.csrf).send({ active: false }).expect(200);
    await session.agent.get('/api/auth/me').expect(401);
    await session.agent.post('/api/auth/login').send({ email: member.email, password: 'correct horse battery' }).expect(401);
  });

  it('keeps an admin from deactivating themselves (422)', async () => {
    await admin.agent.patch(`/api/users/${adminA.id}`).set('x-csrf-token', admin.csrf).send({ active: false }).expect(422);
  });

  it('shows the own structure and lets only admins edit it', async () => {
    const current = await admin.agent.get('/api/structure').expect(200);
    expect(current.body).toMatchObject({ id: structureA.id, type: 'ACI' });
    const updated = await admin.agent
      .patch('/api/structure')
      .set('x-csrf-token', admin.csrf)
      .send({ territory: 'Métropole de Lille' })
      .expect(200);
    expect(updated.body.territory).toBe('Métropole de Lille');
    const invalid = await admin.agent.patch('/api/structure').set('x-csrf-token', admin.csrf).send({ type: 'SARL' }).expect(400);
    expect(invalid.body.details[0].field).toBe('type');

    const staff = await login(server, staffB.email);
    const own = await staff.agent.get('/api/structure').expect(200);
    expect(own.body.id).toBe(structureB.id);
    await staff.agent.patch('/api/structure').set('x-csrf-token', staff.csrf).send({ name: 'Hacked' }).expect(403);
  });
});
