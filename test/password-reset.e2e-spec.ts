import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn, PASSWORD } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';

const HOUR = 3_600_000;

describe('administration: roles, reactivation and password-reset links (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let structure: Structure;
  let adminUser: User;
  let admin: LoggedIn;
  let a: Api;
  let elsewhere: Api;
  let staffApi: Api;

  const http = () => request(t.app.getHttpServer());
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const adminPost = (path: string, fields: Record<string, string> = {}) =>
    admin.agent.post(path).type('form').set('Accept', 'text/html').send(form({ _csrf: admin.csrf, ...fields }));
  const resetPost = (token: string, fields: Record<string, string>) =>
    http().post(`/mot-de-passe/${token}`).type('form').set('Accept', 'text/html').send(form(fields));
  /** The link of the latest reset e-mail to `address`, once `count` of them arrived. */
  async function linkOf(address: string, count = 1): Promise<string> {
    const mails = await waitForMail(address, count);
    const last = mails[mails.length - 1];
    expect(last.subject).toBe('Choisir un nouveau mot de passe Tremplin');
    const token = new RegExp(`${t.config.APP_BASE_URL}/mot-de-passe/([A-Za-z0-9_-]+)`).exec(String(last.text))?.[1];
    expect(token).toBeDefined();
    return token!;
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await createTestWorker();
    structure = await createStructure(t.dataSource, 'Les Jardins du Lien');
    adminUser = await createUser(t.dataSource, structure, 'admin', 'Nadia');
    admin = await login(t.app.getHttpServer(), adminUser.email);
    a = api(admin);
    const other = await createStructure(t.dataSource, 'EI Ailleurs', 'EI');
    elsewhere = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, other, 'admin', 'Autre')).email));
    staffApi = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff', 'Sam')).email));
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('sends a single-use link by e-mail; it sets the password once, ends the sessions, and keeps only a hash', async () => {
    const person = await createUser(t.dataSource, structure, 'staff', 'Lou');
    const theirSession = await login(t.app.getHttpServer(), person.email);

    const sent = await adminPost(`/administration/utilisateurs/${person.id}/reinitialiser`).expect(303);
    expect(sent.headers.location).toBe(`/administration?ok=lien#compte-${person.id}`);
    expect((await admin.agent.get(sent.headers.location).expect(200)).text).toContain('Lien de réinitialisation envoyé par e-mail');
    const token = await linkOf(person.email);
    const mail = (await waitForMail(person.email))[0];
    expect(mail.text).toContain('Nadia admin vous envoie un lien');
    expect(mail.text).toMatch(/expire le \d{1,2} \S+ \d{4} à \d{2}:\d{2}/);

    // The database holds a hash of the secret, never the secret; the sent e-mail's row forgets it.
    const stored = await t.dataSource.query(`SELECT token_hash FROM password_reset WHERE user_id = $1`, [person.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM password_reset r WHERE r::text LIKE $1) + (SELECT count(*) FROM mail_outbox m WHERE m::text LIKE $1)
            + (SELECT count(*) FROM audit_event e WHERE e::text LIKE $1) AS n`,
      [`%${token}%`],
    );
    expect(Number(n)).toBe(0);

    const page = await http().get(`/mot-de-passe/${token}`).expect(200);
    expect(page.text).toContain('Bonjour Lou, choisissez votre nouveau mot de passe.');
    expect(page.headers['cache-control']).toBe('no-store');

    // Refusals next to their field; the link still works after them.
    const weak = await resetPost(token, { password: 'azerty1234', confirmation: 'azerty1234' }).expect(400);
    expect(weak.text).toContain('id="password-erreur"');
    expect(weak.text).toContain('Choisissez un mot de passe d’au moins 10 caractères');
    const differ = await resetPost(token, { password: 'une phrase bien à moi', confirmation: 'une phrase bien a moi' }).expect(400);
    expect(differ.text).toContain('id="confirmation-erreur"');
    expect(differ.text).toContain('Les deux mots de passe ne sont pas identiques');

    const done = await resetPost(token, { password: 'une phrase bien à moi', confirmation: 'une phrase bien à moi' }).expect(303);
    expect(done.headers.location).toBe('/login?ok=motdepasse');
    expect((await http().get(done.headers.location).expect(200)).text).toContain('Mot de passe changé : connectez-vous avec le nouveau.');
    await theirSession.agent.get('/api/auth/me').expect(401);
    await http().post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(401);
    await login(t.app.getHttpServer(), person.email, 'une phrase bien à moi');

    // Once only.
    const again = await resetPost(token, { password: 'encore une autre phrase', confirmation: 'encore une autre phrase' }).expect(410);
    expect(again.text).toContain('Ce lien de réinitialisation n’est plus valable');
    await http().get(`/mot-de-passe/${token}`).expect(410);
    await http().get('/mot-de-passe/inconnu').expect(410);
    await login(t.app.getHttpServer(), person.email, 'une phrase bien à moi');
  });

  it('expires a link after 24 hours, and a newer link replaces the older one', async () => {
    const person = await createUser(t.dataSource, structure, 'staff', 'Max');
    const sent = (await a.post(`/api/users/${person.id}/password-reset`).expect(202)).body;
    expect(new Date(sent.expiresAt).getTime()).toBe(t.clock.now().getTime() + 24 * HOUR);
    const first = await linkOf(person.email, 1);
    await a.post(`/api/users/${person.id}/password-reset`).expect(202);
    const second = await linkOf(person.email, 2);
    expect(second).not.toBe(first);
    await http().get(`/mot-de-passe/${first}`).expect(410);
    await http().get(`/mot-de-passe/${second}`).expect(200);
    t.clock.advance(24 * HOUR);
    try {
      await http().get(`/mot-de-passe/${second}`).expect(410);
      await resetPost(second, { password: 'une phrase bien à moi', confirmation: 'une phrase bien à moi' }).expect(410);
    } finally {
      t.clock.advance(-24 * HOUR);
    }
  });

  it('keeps links to admins of the structure, and to active accounts', async () => {
    const person = await createUser(t.dataSource, structure, 'staff', 'Inès');
    await elsewhere.post(`/api/users/${person.id}/password-reset`).expect(404);
    await staffApi.post(`/api/users/${person.id}/password-reset`).expect(403);
    await a.patch(`/api/users/${person.id}`, { active: false }).expect(200);
    const refused = await a.post(`/api/users/${person.id}/password-reset`).expect(422);
    expect(refused.body.code).toBe('user.reset_inactive');
    // On the page, the refusal is shown on the person's row.
    const page = await adminPost(`/administration/utilisateurs/${person.id}/reinitialiser`).expect(422);
    expect(page.text).toContain('Ce compte est désactivé : réactivez-le avant d’envoyer un lien de réinitialisation.');
    expect(await t.dataSource.query(`SELECT 1 FROM password_reset WHERE user_id = $1`, [person.id])).toEqual([]);
  });

  it('changes a role and reactivates an account from the administration page; an admin keeps their own role', async () => {
    const person = await createUser(t.dataSource, structure, 'staff', 'Rose');
    const changed = await adminPost(`/administration/utilisateurs/${person.id}/role`, { role: 'manager' }).expect(303);
    expect(changed.headers.location).toBe(`/administration?ok=role#compte-${person.id}`);
    expect((await a.get(`/api/users/${person.id}`).expect(200)).body.role).toBe('manager');
    await adminPost(`/administration/utilisateurs/${person.id}/role`, { role: 'chef' }).expect(400);
    expect((await a.get(`/api/users/${person.id}`).expect(200)).body.role).toBe('manager');
    const self = await adminPost(`/administration/utilisateurs/${adminUser.id}/role`, { role: 'staff' }).expect(422);
    expect(self.text).toContain('Vous ne pouvez pas désactiver votre propre compte ni retirer votre rôle');
    expect((await a.get(`/api/users/${adminUser.id}`).expect(200)).body.role).toBe('admin');

    await a.patch(`/api/users/${person.id}`, { active: false }).expect(200);
    const listed = (await admin.agent.get('/administration').expect(200)).text;
    expect(listed).toContain(`action="/administration/utilisateurs/${person.id}/reactiver"`);
    const reactivated = await adminPost(`/administration/utilisateurs/${person.id}/reactiver`).expect(303);
    expect(reactivated.headers.location).toBe(`/administration?ok=reactive#compte-${person.id}`);
    await login(t.app.getHttpServer(), person.email);
    await adminPost(`/administration/utilisateurs/${person.id}/reactiver`.replace(person.id, '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f')).expect(404);
  });
});
