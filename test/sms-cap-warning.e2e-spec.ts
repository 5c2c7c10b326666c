import { createTestApp, TestApp } from './helpers/app';
import { api } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { asJobOn, asWorker } from './helpers/scope';
import { StaffAlert } from '../src/alerts/staff-alert.entity';
import { OutboxMessage } from '../src/mail/outbox-message.entity';
import { SmsOutboxService } from '../src/sms/sms-outbox.service';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';

describe('the monthly SMS cap: managers warned once a month at 80 % (e2e)', () => {
  let t: TestApp;
  let outbox: SmsOutboxService;
  let delivering: SmsOutboxService;
  let structure: Structure;
  let managers: User[];
  let counsellor: User;

  beforeAll(async () => {
    t = await createTestApp();
    outbox = asWorker(t.app.get(SmsOutboxService));
    delivering = asJobOn(t.app.get(SmsOutboxService), t.dataSource, 'sms_message');
    structure = await createStructure(t.dataSource, 'Régie au plafond');
    await t.dataSource.query(`UPDATE structure SET sms_monthly_cap = 5 WHERE id = $1`, [structure.id]);
    managers = [await createUser(t.dataSource, structure, 'manager', 'Mona'), await createUser(t.dataSource, structure, 'manager', 'Marc')];
    const gone = await createUser(t.dataSource, structure, 'manager', 'Parti');
    await t.dataSource.getRepository(User).update({ id: gone.id }, { active: false });
    counsellor = await createUser(t.dataSource, structure, 'staff', 'Chloé');
  });
  afterAll(() => t.close());

  let n = 40;
  const mobile = () => `06 ${String(++n).padStart(2, '0')} ${String(Date.now() % 100).padStart(2, '0')} 77 88`;
  const send = async () => {
    const row = await t.dataSource.transaction((manager) =>
      outbox.record(manager, { structureId: structure.id, recipient: mobile(), content: 'Rappel : rendez-vous demain à 10:00.', purpose: 'one_off' }),
    );
    return delivering.deliver(row.id);
  };
  const warnings = () => t.dataSource.getRepository(StaffAlert).find({ where: { structureId: structure.id, kind: 'sms_cap' }, order: { createdAt: 'ASC' } });
  const warningMailsTo = (user: User) => t.dataSource.getRepository(OutboxMessage).find({ where: { recipient: user.email, template: 'staff-alert' } });

  it('warns every active manager once when the month reaches 80 %, not again that month, and again the next month', async () => {
    t.clock.set(new Date('2027-06-09T09:00:00Z')); // Wednesday 11:00 Paris
    for (let i = 0; i < 3; i++) expect(await send()).toBe('sent');
    expect(await warnings()).toHaveLength(0);

    // The fourth of five: 80 %.
    expect(await send()).toBe('sent');
    const first = await warnings();
    expect(first.map((alert) => alert.userId).sort()).toEqual(managers.map((user) => user.id).sort());
    expect(first[0].message).toMatch(/^80 % du plafond mensuel de SMS est utilisé : 4 SMS sur 5 ce mois-ci\./);
    for (const user of managers) {
      const [mail] = await warningMailsTo(user);
      expect(mail.context).toMatchObject({ kindLabel: 'Plafond de SMS', message: first[0].message });
    }
    expect(await warningMailsTo(counsellor)).toHaveLength(0);
    expect((await t.dataSource.query(`SELECT sms_cap_warned_for FROM structure WHERE id = $1`, [structure.id]))[0].sms_cap_warned_for).toBe('2027-06');

    // The fifth, then one refused by the cap: no second warning this month.
    expect(await send()).toBe('sent');
    expect(await send()).toBe('failed');
    expect(await warnings()).toHaveLength(2);

    // Thursday 1 July, 10:00 Paris: a new month, a new warning at 80 %.
    t.clock.set(new Date('2027-07-01T08:00:00Z'));
    for (let i = 0; i < 3; i++) expect(await send()).toBe('sent');
    expect(await warnings()).toHaveLength(2);
    expect(await send()).toBe('sent');
    expect(await warnings()).toHaveLength(4);
    expect((await warnings()).slice(2).every((alert) => alert.message.startsWith('80 %'))).toBe(true);
  });

  it('shows the warning on its page, the one its e-mail links to, labelled « Plafond de SMS »', async () => {
    const [alert] = (await warnings()).filter((warning) => warning.userId === managers[0].id);
    const { agent } = await login(t.app.getHttpServer(), managers[0].email);
    const page = await agent.get(`/alertes/${alert.id}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Alerte : Plafond de SMS');
    expect(page.text).toContain('du plafond mensuel de SMS est utilisé');
  });

  it('lets a manager change the cap (0 to 100 000), re-arming the warning when raised above the mark; others read it', async () => {
    // July so far: 4 texts of 5, warned.
    const manager = api(await login(t.app.getHttpServer(), managers[0].email));
    expect((await manager.get('/api/sms/cap').expect(200)).body).toEqual({ monthlyCap: 5, usedThisMonth: 4, warningAt: 4, warnedFor: '2027-07' });
    for (const monthlyCap of [-1, 100001, 2.5, 'beaucoup', null]) {
      const refused = await manager.put('/api/sms/cap', { monthlyCap }).expect(400);
      expect([...new Set(refused.body.details.map((detail: { field: string }) => detail.field))]).toEqual(['monthlyCap']);
    }
    const staff = api(await login(t.app.getHttpServer(), counsellor.email));
    expect((await staff.get('/api/sms/cap').expect(200)).body.monthlyCap).toBe(5);
    await staff.put('/api/sms/cap', { monthlyCap: 1000 }).expect(403);

    expect((await manager.put('/api/sms/cap', { monthlyCap: 10 }).expect(200)).body).toEqual({ monthlyCap: 10, usedThisMonth: 4, warningAt: 8, warnedFor: null });
    for (let i = 0; i < 3; i++) expect(await send()).toBe('sent');
    expect(await warnings()).toHaveLength(4);
    expect(await send()).toBe('sent');
    expect(await warnings()).toHaveLength(6);
    // Lowered under this month's use: texts stop, and the warning already given is not repeated.
    expect((await manager.put('/api/sms/cap', { monthlyCap: 0 }).expect(200)).body).toMatchObject({ monthlyCap: 0, warnedFor: '2027-07' });
    expect(await send()).toBe('failed');
    expect(await warnings()).toHaveLength(6);
    const [journaled] = await t.dataSource.query(
      `SELECT changes FROM audit_event WHERE structure_id = $1 AND entity = 'structure' ORDER BY at DESC, id DESC LIMIT 1`,
      [structure.id],
    );
    expect(JSON.stringify(journaled.changes)).toContain('smsMonthlyCap');
  });

  it('shows managers the month’s use on the « SMS » page and takes a new cap there, a wrong one refused next to the field', async () => {
    const session = await login(t.app.getHttpServer(), managers[1].email);
    const post = (monthlyCap: string) =>
      session.agent.post('/administration/sms').type('form').set('Accept', 'text/html').send({ _csrf: session.csrf, monthlyCap });
    const { usedThisMonth } = (await api(session).get('/api/sms/cap').expect(200)).body;

    const refused = await post('beaucoup').expect(400);
    expect(refused.text).toMatch(/<p class="field-error" id="plafond-erreur">Indiquez un nombre entier de SMS par mois, de 0 à 100 000\.<\/p>/);
    expect(refused.text).toContain('value="beaucoup"');
    await post('-3').expect(400);
    expect((await api(session).get('/api/sms/cap').expect(200)).body.monthlyCap).toBe(0);

    const saved = await post('20').expect(303);
    expect(saved.headers.location).toBe('/administration/sms?ok=plafond#plafond');
    const html = (await session.agent.get('/administration/sms?ok=plafond').set('Accept', 'text/html').expect(200)).text;
    expect(html).toContain('Le plafond mensuel de SMS a été enregistré.');
    expect(html).toContain(`${usedThisMonth} SMS envoyés sur 20 en juillet 2027`);
    expect(html).toContain('value="20"');

    const staff = await login(t.app.getHttpServer(), counsellor.email);
    await staff.agent.get('/administration/sms').set('Accept', 'text/html').expect(403);
    await staff.agent.post('/administration/sms').type('form').set('Accept', 'text/html').send({ _csrf: staff.csrf, monthlyCap: '1000' }).expect(403);
    expect((await api(session).get('/api/sms/cap').expect(200)).body.monthlyCap).toBe(20);
  });
});
