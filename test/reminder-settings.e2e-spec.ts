import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

describe('each person sets their own reminders from the home page (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('turns the digest off, moves its time, turns meeting reminders off; a bad time changes nothing', async () => {
    const user = await createUser(t.dataSource, await createStructure(t.dataSource), 'staff');
    const { agent, csrf } = await login(t.app.getHttpServer(), user.email);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Mes rappels');
    expect(home.text).toContain('value="08:00"');

    const saved = await agent.post('/mes-rappels').type('form').send({ _csrf: csrf, digestTime: '07:30' }).expect(303);
    expect(saved.headers.location).toBe('/?rappels=ok#rappels');
    expect((await agent.get('/api/me/reminders').expect(200)).body).toEqual({
      digestEnabled: false,
      digestTime: '07:30',
      meetingRemindersEnabled: false,
    });

    const refused = await agent
      .post('/mes-rappels')
      .type('form')
      .send({ _csrf: csrf, digestTime: '25:00', digestEnabled: 'on', meetingRemindersEnabled: 'on' })
      .expect(303);
    expect(refused.headers.location).toBe('/?rappels=heure#rappels');
    expect((await agent.get('/api/me/reminders').expect(200)).body.digestTime).toBe('07:30');
    await agent.post('/mes-rappels').type('form').send({ digestTime: '09:00' }).expect(403);
  });
});
