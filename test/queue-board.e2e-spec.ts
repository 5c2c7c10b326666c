import request from 'supertest';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { QUEUES } from '../src/jobs/queues';

describe('queue board for admins (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows every queue to admins only; others are sent to the login page or refused', async () => {
    const structure = await createStructure(t.dataSource);
    const admin = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'admin')).email);
    const manager = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager')).email);

    const anonymous = await request(t.app.getHttpServer()).get('/admin/queues').expect(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fadmin%2Fqueues');
    await manager.agent.get('/admin/queues').expect(403);
    await manager.agent.get('/admin/queues/api/queues').expect(403);

    const page = await admin.agent.get('/admin/queues').expect(200);
    expect(page.text).toContain('<div id="root">');
    const queues = await admin.agent.get('/admin/queues/api/queues').expect(200);
    const names = (queues.body.queues as Array<{ name: string }>).map((queue) => queue.name).sort();
    expect(names).toEqual(Object.values(QUEUES).sort());
    // In French: the board's own interface, each queue's name and description.
    expect(page.text).toMatch(/"lng":"fr-FR"/);
    const shown = (queues.body.queues as Array<{ name: string; displayName: string; description: string }>).map((queue) => [queue.name, queue.displayName]);
    expect(Object.fromEntries(shown)).toEqual({
      mail: 'E-mails',
      imports: 'Imports',
      'check-ins': 'Points de suivi',
      reminders: 'Rappels',
      alerts: 'Alertes',
      privacy: 'Données personnelles',
      sms: 'SMS',
    });
  });

  it('lists the sends that kept failing, with the SMTP error, on the administration page', async () => {
    const structure = await createStructure(t.dataSource);
    const admin = await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'admin')).email);
    await t.dataSource.query(
      `INSERT INTO mail_outbox (structure_id, template, recipient, context, status, attempts, last_error)
       VALUES ($1, 'welcome', 'perdu@exemple.fr', '{}', 'failed', 5, '550 mailbox unavailable')`,
      [structure.id],
    );
    const page = await admin.agent.get('/administration').expect(200);
    expect(page.text).toContain('Envois en échec');
    expect(page.text).toContain('perdu@exemple.fr');
    expect(page.text).toContain('550 mailbox unavailable');
  });
});
