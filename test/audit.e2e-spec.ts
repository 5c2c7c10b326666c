import { PrivacyHooks } from '../src/privacy/privacy-hooks';
import { Structure } from '../src/structures/structure.entity';
import { User } from '../src/users/user.entity';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, PASSWORD } from './helpers/fixtures';
import { capturedLogs, quietly } from './helpers/logs';

interface Event {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  changes: Record<string, { from?: unknown; to?: unknown; changed?: true }>;
  details: { via?: string; path?: string; count?: number; candidateIds?: string[] } | null;
}

/** Words that are only ever written in constraints, notes and passwords: none may reach the trail. */
const SECRETS = ['Garde des enfants le mercredi', 'Suivi addictologie', 'Dette de loyer', 'Nouveau suivi psychologique', 'un mot de passe bien long'];

describe('audit trail (e2e)', () => {
  let t: TestApp;
  let structureA: Structure;
  let staffUser: User;
  let managerUser: User;
  let adminUser: User;
  let staff: Api;
  let manager: Api;
  let admin: Api;
  let managerB: Api;
  let stages: Record<string, { id: string; name: string }>;

  beforeAll(async () => {
    t = await createTestApp();
    structureA = await createStructure(t.dataSource, 'ACI Journal');
    const structureB = await createStructure(t.dataSource, 'EI Ailleurs', 'EI');
    staffUser = await createUser(t.dataSource, structureA, 'staff', 'Karim');
    managerUser = await createUser(t.dataSource, structureA, 'manager', 'Claire');
    adminUser = await createUser(t.dataSource, structureA, 'admin', 'Ada');
    const server = t.app.getHttpServer();
    // Sessions are counted from the real time: log in first, then move the test clock.
    staff = api(await login(server, staffUser.email));
    manager = api(await login(server, managerUser.email));
    admin = api(await login(server, adminUser.email));
    managerB = api(await login(server, (await createUser(t.dataSource, structureB, 'manager', 'Bob')).email));
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const list: Array<{ key: string; id: string; name: string }> = (await staff.get('/api/pipeline/stages').expect(200)).body;
    stages = Object.fromEntries(list.map((stage) => [stage.key, stage]));
  });
  afterAll(() => t.close());

  /** The events of one record, newest first, as a manager reads them. */
  async function eventsOf(entityId: string, kind = 'changes'): Promise<Event[]> {
    return (await manager.get(`/api/audit?entityId=${entityId}&kind=${kind}&limit=200`).expect(200)).body.items;
  }
  const count = async (entityId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE entity_id = $1`, [entityId]))[0].count);

  describe('companies', () => {
    it('records the creation, an edit, the next action and a stage move, with who and from/to', async () => {
      const created = await staff.post('/api/companies', { name: 'Logistique du Nord', commune: 'Roubaix', ownerId: staffUser.id }).expect(201);
      const id = created.body.id as string;
      await staff.patch(`/api/companies/${id}`, { version: 1, name: 'Logistique du Nord SAS', phone: '03 20 00 00 00' }).expect(200);
      await staff.put(`/api/companies/${id}/next-action`, { version: 2, type: 'meeting', dueOn: '2026-12-01', note: 'Voir le DRH' }).expect(200);
      await staff.post(`/api/companies/${id}/stage`, { version: 3, stageId: stages.first_call.id, reason: 'Premier contact' }).expect(201);

      const [stage, next, update, create] = await eventsOf(id);
      expect(create).toMatchObject({
        entity: 'company',
        entityId: id,
        action: 'create',
        actorId: staffUser.id,
        actorName: 'Karim staff',
        at: '2026-11-24T09:00:00.000Z',
        changes: {
          name: { from: null, to: 'Logistique du Nord' },
          commune: { from: null, to: 'Roubaix' },
          ownerId: { from: null, to: staffUser.id },
          stageId: { from: null, to: stages.to_prospect.id },
          nextActionType: { from: null, to: 'call' },
        },
      });
      // Derived columns stay out of the trail.
      expect(create.changes).not.toHaveProperty('searchName');
      expect(update).toMatchObject({
        action: 'update',
        changes: { name: { from: 'Logistique du Nord', to: 'Logistique du Nord SAS' }, phone: { from: null, to: '+33320000000' } },
      });
      expect(Object.keys(update.changes).sort()).toEqual(['name', 'phone']);
      expect(next).toMatchObject({
        action: 'next_action',
        changes: {
          nextActionType: { from: 'call', to: 'meeting' },
          nextActionDue: { from: '2026-11-24', to: '2026-12-01' },
          nextActionNote: { from: null, to: 'Voir le DRH' },
        },
      });
      expect(stage).toMatchObject({ action: 'stage', changes: { stageId: { from: stages.to_prospect.id, to: stages.first_call.id } } });
    });

    it('records a next action set by logging an activity, and a stage move made with it', async () => {
      const id = (await staff.post('/api/companies', { name: 'Boulangerie Dupont' }).expect(201)).body.id as string;
      await staff
        .post(`/api/companies/${id}/activities`, {
          type: 'call',
          outcome: 'meeting_booked',
          version: 1,
          stageId: stages.meeting_booked.id,
          nextAction: { type: 'meeting', dueOn: '2026-12-03' },
        })
        .expect(201);
      const actions = (await eventsOf(id)).map((event) => event.action);
      expect(actions).toEqual(['next_action', 'stage', 'create']);
    });

    it('records nothing for a refused or stale write', async () => {
      const id = (await staff.post('/api/companies', { name: 'Conflit SARL', siret: '73282932000074' }).expect(201)).body.id as string;
      expect(await count(id)).toBe(1);
      await staff.patch(`/api/companies/${id}`, { version: 7, name: 'Trop tard' }).expect(409);
      await staff.post(`/api/companies/${id}/stage`, { version: 9, stageId: stages.first_call.id }).expect(409);
      const before = Number((await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE structure_id = $1`, [structureA.id]))[0].count);
      await staff.post('/api/companies', { name: 'Doublon', siret: '73282932000074' }).expect(409);
      const after = Number((await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE structure_id = $1`, [structureA.id]))[0].count);
      expect(after).toBe(before);
      expect(await count(id)).toBe(1);
      // A save that changes nothing says nothing.
      await staff.patch(`/api/companies/${id}`, { name: 'Conflit SARL' }).expect(200);
      expect(await count(id)).toBe(1);
    });
  });

  describe('candidates', () => {
    let candidateId: string;

    it('records creation and edits, sensitive fields only as « changed »', async () => {
      const created = await staff
        .post('/api/candidates', {
          firstName: 'Samira',
          lastName: 'Benali',
          phone: '06 12 34 56 78',
          constraints: { childcare: SECRETS[0], health: SECRETS[1] },
          notes: SECRETS[2],
        })
        .expect(201);
      candidateId = created.body.id;
      await staff
        .patch(`/api/candidates/${candidateId}`, { version: 1, phone: '06 99 99 99 99', notes: SECRETS[3], constraints: { childcare: SECRETS[0] } })
        .expect(200);
      await staff.post(`/api/candidates/${candidateId}/exit`, { version: 2, exitDate: '2026-11-20', exitCategory: 'positive_exit' }).expect(200);

      const [exit, update, create] = await eventsOf(candidateId);
      expect(create).toMatchObject({
        action: 'create',
        actorId: staffUser.id,
        changes: {
          firstName: { from: null, to: 'Samira' },
          lastName: { from: null, to: 'Benali' },
          status: { from: null, to: 'on_path' },
          constraints: { changed: true },
          notes: { changed: true },
        },
      });
      expect(create.changes.constraints).toEqual({ changed: true });
      expect(update.changes).toEqual({
        phone: { from: '+33612345678', to: '+33699999999' },
        constraints: { changed: true },
        notes: { changed: true },
      });
      expect(exit).toMatchObject({
        action: 'exit',
        changes: {
          status: { from: 'on_path', to: 'exited' },
          exitCategory: { from: null, to: 'positive_exit' },
          exitDate: { from: null, to: '2026-11-20' },
        },
      });
    });

    it('writes the change and its event in one transaction: a write failing at commit leaves neither', async () => {
      const id = (await staff.post('/api/candidates', { firstName: 'Jo', lastName: 'Atomique' }).expect(201)).body.id as string;
      // Fails at COMMIT, after the service has recorded its event.
      await t.dataSource.query(`
        CREATE FUNCTION audit_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.last_name = 'Refusé' THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`);
      await t.dataSource.query(`
        CREATE CONSTRAINT TRIGGER audit_test_refuse AFTER UPDATE ON candidate
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_test_refuse()`);
      try {
        await quietly(() => staff.patch(`/api/candidates/${id}`, { lastName: 'Refusé' }).expect(500));
      } finally {
        await t.dataSource.query(`DROP TRIGGER audit_test_refuse ON candidate`);
        await t.dataSource.query(`DROP FUNCTION audit_test_refuse()`);
      }
      expect((await staff.get(`/api/candidates/${id}`).expect(200)).body.lastName).toBe('Atomique');
      expect((await eventsOf(id)).map((event) => event.action)).toEqual(['create']);

      // And the other way: when the event cannot be written, the change is not either.
      await t.dataSource.query(`
        CREATE FUNCTION audit_test_block() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit unavailable'; END $$`);
      await t.dataSource.query(`CREATE TRIGGER audit_test_block BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_test_block()`);
      try {
        await quietly(async () => {
          await staff.patch(`/api/candidates/${id}`, { lastName: 'Sans trace' }).expect(500);
          await staff.post('/api/companies', { name: 'Sans trace SARL' }).expect(500);
        });
      } finally {
        await t.dataSource.query(`DROP TRIGGER audit_test_block ON audit_event`);
        await t.dataSource.query(`DROP FUNCTION audit_test_block()`);
      }
      expect((await staff.get(`/api/candidates/${id}`).expect(200)).body.lastName).toBe('Atomique');
      expect((await staff.get('/api/companies?q=sans%20trace').expect(200)).body.total).toBe(0);
    });

    it('records a read of the sensitive fields from the API, the page and the edits that return them', async () => {
      const id = (await staff.post('/api/candidates', { firstName: 'Lu', lastName: 'Souvent', notes: SECRETS[2] }).expect(201)).body.id as string;
      await staff.get(`/api/candidates/${id}`).expect(200);
      await staff.agent.get(`/candidats/${id}`).set('Accept', 'text/html').expect(200);
      await manager.patch(`/api/candidates/${id}`, { hoursPerWeek: 20 }).expect(200);
      const reads = await eventsOf(id, 'sensitive_reads');
      // The creation's answer carries the notes back: a read too.
      expect(reads.map((read) => [read.action, read.actorId, read.details?.via, read.details?.path])).toEqual([
        ['sensitive_read', managerUser.id, 'api', 'PATCH /api/candidates/:id'],
        ['sensitive_read', staffUser.id, 'page', 'GET /candidats/:id'],
        ['sensitive_read', staffUser.id, 'api', 'GET /api/candidates/:id'],
        ['sensitive_read', staffUser.id, 'api', 'POST /api/candidates'],
      ]);
      expect(reads[0]).toMatchObject({ entity: 'candidate', entityId: id, changes: {} });
      // Lists and matching never carry them, and are not reads.
      await staff.get('/api/candidates?q=souvent').expect(200);
      await staff.get('/candidats?q=souvent').set('Accept', 'text/html').expect(200);
      expect(await eventsOf(id, 'sensitive_reads')).toHaveLength(4);
      // A missing or foreign candidate is no read.
      await managerB.get(`/api/candidates/${id}`).expect(404);
      expect(await eventsOf(id, 'sensitive_reads')).toHaveLength(4);
    });

    it('records an export with constraints and notes as one read of N candidates; a plain export is none', async () => {
      const before = (await manager.get('/api/audit?kind=sensitive_reads&limit=200').expect(200)).body.total as number;
      await manager.get('/api/candidates/export.csv').expect(200);
      await staff.get('/api/candidates/export.csv?sensitive=true').expect(403);
      expect((await manager.get('/api/audit?kind=sensitive_reads&limit=200').expect(200)).body.total).toBe(before);

      await manager.get('/api/candidates/export.csv?sensitive=true').expect(200);
      const [exported] = (await manager.get('/api/audit?kind=sensitive_reads&limit=1').expect(200)).body.items as Event[];
      const total = (await staff.get('/api/candidates?limit=1').expect(200)).body.total as number;
      expect(exported).toMatchObject({
        entity: 'candidate',
        entityId: null,
        action: 'sensitive_read',
        actorId: managerUser.id,
        details: { via: 'export', count: total },
      });
      expect(exported.details?.candidateIds).toHaveLength(total);
      // A person's read history finds the export that held them.
      expect((await eventsOf(candidateId, 'sensitive_reads')).map((read) => read.id)).toContain(exported.id);
    });
  });

  describe('placements', () => {
    it('records creation, edit, start (and the person’s new status), early end and cancellation', async () => {
      const person = (await staff.post('/api/candidates', { firstName: 'Nadia', lastName: 'Placée' }).expect(201)).body.id as string;
      const company = (await staff.post('/api/companies', { name: 'Entrepôt Lys' }).expect(201)).body.id as string;
      const terms = { candidateId: person, companyId: company, contractType: 'cdd', jobTitle: 'Cariste', startDate: '2026-11-02', plannedEndDate: '2027-05-01' };
      const id = (await staff.post('/api/placements', terms).expect(201)).body.id as string;
      await staff.patch(`/api/placements/${id}`, { version: 1, jobTitle: 'Cariste (CACES 3)' }).expect(200);
      await staff.post(`/api/placements/${id}/start`, { version: 2 }).expect(200);
      await staff
        .post(`/api/placements/${id}/end`, { version: 3, endDate: '2026-11-20', endKind: 'early', ruptureReason: 'Déménagement', endedBy: 'employee' })
        .expect(200);

      const [end, start, update, create] = await eventsOf(id);
      expect(create).toMatchObject({
        action: 'create',
        changes: { candidateId: { from: null, to: person }, jobTitle: { from: null, to: 'Cariste' }, status: { from: null, to: 'planned' } },
      });
      expect(update.changes).toEqual({ jobTitle: { from: 'Cariste', to: 'Cariste (CACES 3)' } });
      expect(start).toMatchObject({ action: 'start', changes: { status: { from: 'planned', to: 'started' } } });
      expect(end).toMatchObject({
        action: 'end',
        changes: {
          status: { from: 'started', to: 'ended' },
          endKind: { from: null, to: 'early' },
          // Why it broke off is the person's business: the journal, read by every manager, says it changed only.
          ruptureReason: { changed: true },
          endedBy: { from: null, to: 'employee' },
        },
      });
      expect(JSON.stringify(end)).not.toContain('Déménagement');
      // The person went into placement, then back on their path.
      const personEvents = await eventsOf(person);
      expect(personEvents.map((event) => [event.action, event.changes.status])).toEqual([
        ['update', { from: 'in_placement', to: 'on_path' }],
        ['update', { from: 'on_path', to: 'in_placement' }],
        ['create', { from: null, to: 'on_path' }],
      ]);

      // After the first contract's early end: the same person holds one contract at a time.
      const planned = (await staff.post('/api/placements', { ...terms, startDate: '2026-11-23' }).expect(201)).body.id as string;
      await staff.delete(`/api/placements/${planned}`).expect(204);
      const [cancel] = await eventsOf(planned);
      expect(cancel).toMatchObject({ action: 'cancel', changes: { jobTitle: { from: 'Cariste', to: null }, status: { from: 'planned', to: null } } });
    });
  });

  describe('users', () => {
    it('records an account’s creation (a password set, never its hash), edits and deactivation', async () => {
      const created = await admin
        .post('/api/users', { email: 'lea.journal@exemple.fr', firstName: 'Léa', lastName: 'Martin', role: 'staff', password: SECRETS[4] })
        .expect(201);
      const id = created.body.id as string;
      await admin.patch(`/api/users/${id}`, { role: 'manager', phone: '06 11 22 33 44' }).expect(200);
      await admin.patch(`/api/users/${id}`, { active: false }).expect(200);
      const [deactivate, update, create] = await eventsOf(id);
      expect(create).toMatchObject({
        entity: 'user',
        action: 'create',
        actorId: adminUser.id,
        changes: { email: { from: null, to: 'lea.journal@exemple.fr' }, role: { from: null, to: 'staff' }, password: { changed: true } },
      });
      expect(JSON.stringify(create)).not.toMatch(/argon2|passwordHash/);
      expect(update.changes).toEqual({ role: { from: 'staff', to: 'manager' }, phone: { from: null, to: '06 11 22 33 44' } });
      expect(deactivate).toMatchObject({ action: 'deactivate', changes: { active: { from: true, to: false } } });

      await staff.put('/api/me/reminders', { digestEnabled: false, digestTime: '07:30', meetingRemindersEnabled: true }).expect(200);
      const [reminders] = await eventsOf(staffUser.id);
      expect(reminders).toMatchObject({
        action: 'update',
        actorId: staffUser.id,
        changes: { digestEnabled: { from: true, to: false }, digestTime: { from: '08:00:00', to: '07:30:00' } },
      });

      // A person changing their own password: the trail says so, without the hash.
      await staff.patch('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'une phrase de passe à moi 2026' }).expect(204);
      const [changed] = await eventsOf(staffUser.id);
      expect(changed).toMatchObject({ entity: 'user', action: 'update', actorId: staffUser.id, changes: { password: { changed: true } } });
      expect(JSON.stringify(changed)).not.toMatch(/argon2|phrase/);
    });
  });

  describe('reading the trail', () => {
    it('keeps every sensitive value out of the trail', async () => {
      const rows: Array<{ text: string }> = await t.dataSource.query(
        `SELECT changes::text || coalesce(details::text, '') AS text FROM audit_event WHERE structure_id = $1`,
        [structureA.id],
      );
      expect(rows.length).toBeGreaterThan(10);
      const all = rows.map((row) => row.text).join('\n');
      for (const secret of SECRETS) expect(all).not.toContain(secret);
      expect(all).not.toContain('$argon2');
    });

    it('is for managers and admins: staff get 403, on the API and the page', async () => {
      await staff.get('/api/audit').expect(403);
      await staff.agent.get('/journal').set('Accept', 'text/html').expect(403);
      await admin.get('/api/audit').expect(200);
      await manager.get('/api/audit').expect(200);
    });

    it('never shows another structure’s events', async () => {
      const own = (await manager.get('/api/audit?limit=200').expect(200)).body;
      expect(own.total).toBeGreaterThan(10);
      const foreign = (await managerB.get('/api/audit?limit=200').expect(200)).body;
      const ownIds = new Set((own.items as Event[]).map((event) => event.id));
      expect((foreign.items as Event[]).some((event) => ownIds.has(event.id))).toBe(false);
      const candidate = (own.items as Event[]).find((event) => event.entity === 'candidate' && event.entityId)!;
      expect((await managerB.get(`/api/audit?entityId=${candidate.entityId}`).expect(200)).body.total).toBe(0);
      const page = await managerB.agent.get('/journal').set('Accept', 'text/html').expect(200);
      expect(page.text).not.toContain('Samira');
    });

    it('filters by record type, who acted, kind and Paris days, and pages like other lists', async () => {
      const users = (await manager.get(`/api/audit?entity=user&limit=200`).expect(200)).body.items as Event[];
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((event) => event.entity === 'user')).toBe(true);
      const byAdmin = (await manager.get(`/api/audit?actorId=${adminUser.id}&limit=200`).expect(200)).body.items as Event[];
      expect(byAdmin.length).toBeGreaterThan(0);
      expect(byAdmin.every((event) => event.actorId === adminUser.id)).toBe(true);
      const reads = (await manager.get('/api/audit?kind=sensitive_reads&limit=200').expect(200)).body.items as Event[];
      expect(reads.every((event) => event.action === 'sensitive_read')).toBe(true);

      // 00:30 in Paris on 25 November is still 24 November in UTC.
      t.clock.set(new Date('2026-11-24T23:30:00Z'));
      const late = (await staff.post('/api/companies', { name: 'Minuit Passé' }).expect(201)).body.id as string;
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
      const on24 = (await manager.get(`/api/audit?entityId=${late}&from=2026-11-24&to=2026-11-24`).expect(200)).body;
      const on25 = (await manager.get(`/api/audit?entityId=${late}&from=2026-11-25&to=2026-11-25`).expect(200)).body;
      expect([on24.total, on25.total]).toEqual([0, 1]);

      const first = (await manager.get('/api/audit?limit=2&offset=0').expect(200)).body;
      const second = (await manager.get('/api/audit?limit=2&offset=2').expect(200)).body;
      expect(first).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
      expect(first.items).toHaveLength(2);
      expect(second.items[0].id).not.toBe(first.items[1].id);
    });

    it.each([
      ['kind=everything', 'kind'],
      ['entity=contact', 'entity'],
      ['entityId=42', 'entityId'],
      ['actorId=me', 'actorId'],
      ['from=2026-02-30', 'from'],
      ['from=2026-11-25&to=2026-11-24', 'to'],
      ['limit=500', 'limit'],
    ])('refuses ?%s with a 400 naming %s', async (query, field) => {
      const response = await manager.get(`/api/audit?${query}`).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
    });

    it('renders the journal in French for a manager, with field labels and sensitive fields as « modifié »', async () => {
      const page = await manager.agent.get('/journal?quoi=modifications&entite=candidate').set('Accept', 'text/html').expect(200);
      expect(page.text).toContain('Journal d’audit');
      expect(page.text).toContain('Téléphone');
      expect(page.text).toContain('06 12 34 56 78');
      expect(page.text).toContain('Notes (confidentiel)');
      expect(page.text).toContain('modifié — contenu confidentiel');
      expect(page.text).toContain('Sortie du parcours');
      expect(page.text).toContain('Sortie positive');
      for (const secret of SECRETS) expect(page.text).not.toContain(secret);

      const reads = await manager.agent.get('/journal?quoi=consultations').set('Accept', 'text/html').expect(200);
      expect(reads.text).toContain('Consultation des informations confidentielles');
      expect(reads.text).toMatch(/Export CSV avec freins et notes de \d+ personnes/);

      const companies = await admin.agent.get('/journal?entite=company').set('Accept', 'text/html').expect(200);
      expect(companies.text).toContain('Changement d’étape');
      expect(companies.text).toContain(`${stages.to_prospect.name}</td>`);
      expect(companies.text).toContain('Karim staff');
    });

    it('shows a short history on the candidate page to managers, not to staff', async () => {
      const id = (await staff.post('/api/candidates', { firstName: 'Histo', lastName: 'Rique' }).expect(201)).body.id as string;
      await staff.patch(`/api/candidates/${id}`, { homeCommune: 'Lille', notes: SECRETS[3] }).expect(200);
      const forManager = await manager.agent.get(`/candidats/${id}`).set('Accept', 'text/html').expect(200);
      expect(forManager.text).toContain('Historique des modifications');
      expect(forManager.text).toContain('Lille');
      expect(forManager.text).toContain(`/journal?entite&#x3D;candidate&amp;fiche&#x3D;${id}`);
      const forStaff = await staff.agent.get(`/candidats/${id}`).set('Accept', 'text/html').expect(200);
      expect(forStaff.text).not.toContain('Historique des modifications');

      const history = await manager.agent.get(`/journal?entite=candidate&fiche=${id}`).set('Accept', 'text/html').expect(200);
      expect(history.text).toContain('Historique de <a href="/candidats/');
      expect(history.text).toContain('Histo Rique');
    });
  });

  describe('anonymisation', () => {
    it('forgets what a person’s record said and their identity in others’ records, keeping who did what when', async () => {
      const id = (await staff.post('/api/candidates', { firstName: 'Oubli', lastName: 'Définitif', email: 'oubli@exemple.fr' }).expect(201))
        .body.id as string;
      await staff.patch(`/api/candidates/${id}`, { phone: '07 50 00 00 01' }).expect(200);
      const company = (await staff.post('/api/companies', { name: 'Témoin SARL' }).expect(201)).body.id as string;
      await staff.patch(`/api/companies/${company}`, { notes: 'Oubli Définitif y a fait une immersion' }).expect(200);

      const hooks = t.app.get(PrivacyHooks, { strict: false });
      await t.dataSource.transaction((manager) =>
        hooks.run(manager, {
          type: 'candidate',
          id,
          structureId: structureA.id,
          identity: { firstName: 'Oubli', lastName: 'Définitif', email: 'oubli@exemple.fr', phone: '+33750000001' },
          kind: 'erasure',
          actorId: managerUser.id,
          at: new Date('2026-11-24T09:00:00Z'),
        }),
      );
      const [update, create] = await eventsOf(id);
      expect(update).toMatchObject({ action: 'update', actorId: staffUser.id, changes: { phone: { changed: true } } });
      expect(create.changes.firstName).toEqual({ changed: true });
      const [notes] = await eventsOf(company);
      expect(notes.changes.notes).toEqual({ from: null, to: 'Personne anonymisée y a fait une immersion' });
      const rows: Array<{ text: string }> = await t.dataSource.query(`SELECT changes::text AS text FROM audit_event WHERE structure_id = $1`, [
        structureA.id,
      ]);
      expect(rows.map((row) => row.text).join('\n')).not.toMatch(/Définitif|oubli@exemple|07 00 00 00 01/);
    });
  });

  describe('logs', () => {
    it('never carry a candidate’s constraints or notes, even when the write fails', async () => {
      const id = (await staff.post('/api/candidates', { firstName: 'Log', lastName: 'Muet' }).expect(201)).body.id as string;
      // The UPDATE itself fails, with the notes among its parameters.
      await t.dataSource.query(`
        CREATE FUNCTION audit_test_notes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by the test' USING DETAIL = 'row: ' || NEW::text; END $$`);
      await t.dataSource.query(`CREATE TRIGGER audit_test_notes BEFORE UPDATE ON candidate FOR EACH ROW EXECUTE FUNCTION audit_test_notes()`);
      let output: string;
      try {
        output = await capturedLogs(async () => {
          await staff.patch(`/api/candidates/${id}`, { notes: SECRETS[3], constraints: { housing: SECRETS[2] } }).expect(500);
          await staff.post('/api/candidates', { firstName: 'Log', lastName: 'Encore', notes: SECRETS[3] }).expect(201);
          await manager.get('/api/candidates/export.csv?sensitive=true').expect(200);
        });
      } finally {
        await t.dataSource.query(`DROP TRIGGER audit_test_notes ON candidate`);
        await t.dataSource.query(`DROP FUNCTION audit_test_notes()`);
      }
      // The failure is logged, with its request id, but not what was typed.
      expect(output).toContain('refused by the test');
      for (const secret of SECRETS) expect(output).not.toContain(secret);
    });
  });
});
