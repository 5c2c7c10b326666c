import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DigestService } from '../src/reminders/digest.service';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, fieldsOf } from './helpers/api';
import { TestApp, createTestApp, createTestWorker } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';
import { asWorker } from './helpers/scope';

interface Staff {
  structure: Structure;
  user: User;
  stageId: string;
}

describe('daily digest (e2e)', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let digests: DigestService;

  beforeAll(async () => {
    testApp = await createTestApp();
    worker = await createTestWorker();
    dataSource = testApp.dataSource;
    digests = asWorker(testApp.app.get(DigestService));
  });
  afterAll(async () => {
    await worker.close();
    await testApp.close();
  });

  async function staff(settings: Partial<Pick<User, 'digestEnabled' | 'digestTime'>> = {}): Promise<Staff> {
    const structure = await createStructure(dataSource);
    const user = await createUser(dataSource, structure, 'staff', 'Julie');
    if (Object.keys(settings).length) await dataSource.getRepository(User).update(user.id, settings);
    const [stage] = await dataSource.query(
      `INSERT INTO pipeline_stage (structure_id, name, position, kind) VALUES ($1, 'Premier appel', 0, 'open') RETURNING id`,
      [structure.id],
    );
    return { structure, user, stageId: stage.id };
  }

  async function company(who: Staff, name: string, due?: string, type = 'call'): Promise<string> {
    const [row] = await dataSource.query(
      `INSERT INTO company (structure_id, name, search_name, dedup_name, stage_id, next_action_type, next_action_due, next_action_owner_id)
       VALUES ($1, $2, lower($2), lower($2), $3, $4, $5, $6) RETURNING id`,
      [who.structure.id, name, who.stageId, due ? type : null, due ?? null, due ? who.user.id : null],
    );
    return row.id;
  }

  const run = (who: Staff, at: string) => digests.sendDue(new Date(at), { structureIds: [who.structure.id] });

  async function digestRows(who: Staff): Promise<Array<{ id: string; status: string }>> {
    return dataSource.query(`SELECT id, status FROM mail_outbox WHERE template = 'digest' AND recipient = $1`, [who.user.email]);
  }

  it('sends one digest at 08:00 Paris on a working day, not before, and only once', async () => {
    const julie = await staff();
    const companyId = await company(julie, 'Boulangerie Lefèvre', '2026-11-20');
    await company(julie, 'Garage du Centre', '2026-11-24', 'visit');

    expect(await run(julie, '2026-11-24T06:59:00Z')).toEqual({ sent: 0, empty: 0 });
    expect(await digestRows(julie)).toHaveLength(0);

    // Two workers at once, then a later run the same day: one digest.
    const results = await Promise.all([run(julie, '2026-11-24T07:00:00Z'), run(julie, '2026-11-24T07:00:00Z')]);
    expect(results.map((result) => result.sent).sort()).toEqual([0, 1]);
    expect((await run(julie, '2026-11-24T07:05:00Z')).sent).toBe(0);

    const [mail] = await waitForMail(julie.user.email);
    expect(mail.subject).toBe('Vos relances du mardi 24 novembre');
    expect(mail.text).toContain('Boulangerie Lefèvre : Appeler, prévu le 20/11/2026');
    expect(mail.text).toContain(`${testApp.config.APP_BASE_URL}/entreprises/${companyId}`);
    expect(mail.text).toContain('Garage du Centre : Visite');
    expect(mail.html).toContain(`href="${testApp.config.APP_BASE_URL}/entreprises/${companyId}"`);
    // One outbox row is one e-mail (the outbox sends each row once): no second digest was queued.
    expect(await digestRows(julie)).toHaveLength(1);
    expect(await inboxOf(julie.user.email)).toHaveLength(1);

    const [log] = await dataSource.query(`SELECT day::text, outbox_id FROM digest_log WHERE user_id = $1`, [julie.user.id]);
    const [row] = await digestRows(julie);
    expect(log).toEqual({ day: '2026-11-24', outbox_id: row.id });
    // The next working day is a new digest.
    expect((await run(julie, '2026-11-25T07:00:00Z')).sent).toBe(1);
  });

  it('sends nothing on a Saturday nor on a public holiday', async () => {
    const karim = await staff();
    await company(karim, 'Menuiserie Roux', '2026-11-20');
    expect(await run(karim, '2026-11-28T09:00:00Z')).toEqual({ sent: 0, empty: 0 });
    expect(await run(karim, '2026-12-25T09:00:00Z')).toEqual({ sent: 0, empty: 0 }); // Noël, a Friday
    expect(await digestRows(karim)).toHaveLength(0);
    expect(await dataSource.query(`SELECT 1 FROM digest_log WHERE user_id = $1`, [karim.user.id])).toHaveLength(0);
  });

  it('sends nothing when there is nothing to tell, nor when the digest is off', async () => {
    const idle = await staff();
    await company(idle, 'Sans relance');
    await company(idle, 'Plus tard', '2026-11-26');
    expect(await run(idle, '2026-11-24T08:00:00Z')).toEqual({ sent: 0, empty: 1 });
    expect(await digestRows(idle)).toHaveLength(0);

    const off = await staff({ digestEnabled: false });
    await company(off, 'Boulangerie Morel', '2026-11-20');
    expect(await run(off, '2026-11-24T08:00:00Z')).toEqual({ sent: 0, empty: 0 });
    expect(await digestRows(off)).toHaveLength(0);
  });

  it('goes out at the right UTC instant after each clock change', async () => {
    // Monday 2026-03-30, first working day of summer time: 08:00 Paris = 06:00 UTC.
    const spring = await staff();
    await company(spring, 'Fromagerie Blanc', '2026-03-27');
    expect((await run(spring, '2026-03-30T05:59:00Z')).sent).toBe(0);
    expect((await run(spring, '2026-03-30T06:00:00Z')).sent).toBe(1);

    // Monday 2026-10-26, first working day of winter time: 08:00 Paris = 07:00 UTC.
    const autumn = await staff();
    await company(autumn, 'Imprimerie Petit', '2026-10-23');
    expect((await run(autumn, '2026-10-26T06:00:00Z')).sent).toBe(0);
    expect((await run(autumn, '2026-10-26T06:59:00Z')).sent).toBe(0);
    expect((await run(autumn, '2026-10-26T07:00:00Z')).sent).toBe(1);

    expect((await waitForMail(spring.user.email))[0].subject).toBe('Vos relances du lundi 30 mars');
    expect((await waitForMail(autumn.user.email))[0].subject).toBe('Vos relances du lundi 26 octobre');
  });

  it('honours a digest time set through the settings, and refuses a bad one naming the field', async () => {
    const nadia = await staff();
    await company(nadia, 'Pressing Martin', '2026-11-23');
    const session = api(await login(testApp.app.getHttpServer(), nadia.user.email));

    expect((await session.get('/api/me/reminders').expect(200)).body).toEqual({
      digestEnabled: true,
      digestTime: '08:00',
      meetingRemindersEnabled: true,
    });
    const bad = await session.put('/api/me/reminders', { digestEnabled: true, digestTime: '25:00', meetingRemindersEnabled: true }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['digestTime']);
    const settings = { digestEnabled: true, digestTime: '07:30', meetingRemindersEnabled: false };
    expect((await session.put('/api/me/reminders', settings).expect(200)).body).toEqual(settings);
    expect((await session.get('/api/me/reminders').expect(200)).body).toEqual(settings);

    expect((await run(nadia, '2026-11-24T06:29:00Z')).sent).toBe(0);
    expect((await run(nadia, '2026-11-24T06:30:00Z')).sent).toBe(1);
    expect((await waitForMail(nadia.user.email))[0].text).toContain('les jours ouvrés à 07 h 30');
  });

  it('lists overdue leads, unresolved alerts and unanswered check-ins of placements the user owns', async () => {
    const sami = await staff();
    const { structure, user } = sami;
    const companyId = await company(sami, 'Hôtel du Lac');
    const [lead] = await dataSource.query(
      `INSERT INTO job_lead (structure_id, company_id, job_title, contract_type, spotted_at, owner_id)
       VALUES ($1, $2, 'Plongeur', 'cdd', '2026-11-10T09:00:00Z', $3) RETURNING id`,
      [structure.id, companyId, user.id],
    );
    // Spotted yesterday: within the 7-day target, not listed.
    await dataSource.query(
      `INSERT INTO job_lead (structure_id, company_id, job_title, contract_type, spotted_at, owner_id)
       VALUES ($1, $2, 'Réceptionniste', 'cdd', '2026-11-23T09:00:00Z', $3)`,
      [structure.id, companyId, user.id],
    );
    await dataSource.query(
      `INSERT INTO staff_alert (structure_id, user_id, kind, message, created_at)
       VALUES ($1, $2, 'call_request', 'Léa Martin (salarié·e) demande à être rappelée', '2026-11-23T10:00:00Z'),
              ($1, $2, 'low_rating', 'Alerte déjà traitée', '2026-11-20T10:00:00Z')`,
      [structure.id, user.id],
    );
    await dataSource.query(`UPDATE staff_alert SET resolved_at = now() WHERE message = 'Alerte déjà traitée' AND user_id = $1`, [user.id]);
    const [candidate] = await dataSource.query(
      `INSERT INTO candidate (structure_id, first_name, last_name) VALUES ($1, 'Léa', 'Martin') RETURNING id`,
      [structure.id],
    );
    const [placement] = await dataSource.query(
      `INSERT INTO placement (structure_id, candidate_id, company_id, kind, contract_type, job_title, start_date, owner_id)
       VALUES ($1, $2, $3, 'contract', 'cdd', 'Plongeuse', '2026-11-02', $4) RETURNING id`,
      [structure.id, candidate.id, companyId, user.id],
    );
    await dataSource.query(
      `INSERT INTO check_in (structure_id, placement_id, party, step, due_at, status, sent_at)
       VALUES ($1, $2, 'employee', '10 days', '2026-11-12T08:00:00Z', 'sent', '2026-11-20T08:00:00Z'),
              ($1, $2, 'employer', '10 days', '2026-11-12T08:00:00Z', 'sent', '2026-11-23T08:00:00Z')`,
      [structure.id, placement.id],
    );

    expect((await run(sami, '2026-11-24T07:00:00Z')).sent).toBe(1);
    const [mail] = await waitForMail(user.email);
    const base = testApp.config.APP_BASE_URL;
    expect(mail.text).toContain('Plongeur chez Hôtel du Lac : repérée le 10/11/2026 (14 jours)');
    expect(mail.text).toContain(`${base}/pistes/${lead.id}`);
    expect(mail.text).not.toContain('Réceptionniste');
    expect(mail.text).toContain('Demande d’appel : Léa Martin (salarié·e) demande à être rappelée (le 23/11/2026)');
    expect(mail.text).not.toContain('Alerte déjà traitée');
    expect(mail.text).toContain('Léa Martin chez Hôtel du Lac (salarié·e) : envoyé le 20/11/2026');
    // Sent the day before: not yet two days without an answer.
    expect(mail.text).not.toContain('(employeur)');
    expect(mail.html).toContain(`href="${base}/pistes/${lead.id}"`);
  });
});
