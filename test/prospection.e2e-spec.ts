import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

interface Stage {
  id: string;
  key: string;
  name: string;
}
describe('prospection: moves, activities, timeline, cadence, board, follow-up lists, export (e2e)', () => {
  let t: TestApp;
  let karim: User;
  let julie: User;
  let a: Api;
  let j: Api;
  let b: Api;
  let stage: Record<string, Stage>;

  beforeAll(async () => {
    t = await createTestApp();
    // Tuesday 24 November 2026, 10:00 in Paris.
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const structure = await createStructure(t.dataSource);
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    julie = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const server = t.app.getHttpServer();
    a = api(await login(server, karim.email));
    j = api(await login(server, julie.email));
    b = api(await login(server, (await createUser(t.dataSource, await createStructure(t.dataSource), 'staff')).email));
    const stages: Stage[] = (await a.get('/api/pipeline/stages').expect(200)).body;
    stage = Object.fromEntries(stages.map((s) => [s.key, s]));
  });
  afterAll(() => t.close());

  const newCompany = async (name: string, extra: object = {}) =>
    (await a.post('/api/companies', { name, ownerId: karim.id, ...extra }).expect(201)).body;

  describe('moving a company between stages', () => {
    it('moves with the current version, records who/when/from/to/why, and answers 409 on a stale version', async () => {
      const company = await newCompany('Logistique Martin');
      const moved = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.first_call.id, version: 1, reason: 'Appel de prospection' })
        .expect(201);
      expect(moved.body).toMatchObject({ stageId: stage.first_call.id, stageName: 'Premier appel', version: 2 });

      // Julie's screen still shows version 1: her move is refused and changes nothing.
      const stale = await j.post(`/api/companies/${company.id}/stage`, { stageId: stage.refused.id, version: 1 }).expect(409);
      expect(stale.body.message).toMatch(/version 2/);
      expect(stale.body).toMatchObject({ code: 'company.stale_version', params: { version: 2 } });
      expect((await a.get(`/api/companies/${company.id}`)).body.stageId).toBe(stage.first_call.id);

      const timeline = (await a.get(`/api/companies/${company.id}/timeline?type=stage_change`).expect(200)).body;
      expect(timeline.items).toEqual([
        expect.objectContaining({ kind: 'stage_change', fromStage: 'À prospecter', toStage: 'Premier appel', text: 'Appel de prospection', authorName: 'Karim staff', occurredAt: '2026-11-24T09:00:00.000Z' }),
        expect.objectContaining({ kind: 'stage_change', fromStage: null, toStage: 'À prospecter' }),
      ]);
    });

    it('keeps the whole history when a card goes back and forth', async () => {
      const company = await newCompany('Aller Retour SARL');
      let version = 1;
      for (const key of ['first_call', 'meeting_booked', 'first_call', 'meeting_booked']) {
        t.clock.advance(60_000);
        version = (await a.post(`/api/companies/${company.id}/stage`, { stageId: stage[key].id, version }).expect(201)).body.version;
      }
      const timeline = (await a.get(`/api/companies/${company.id}/timeline?type=stage_change`).expect(200)).body;
      expect(timeline.total).toBe(5);
      expect(timeline.items.map((entry: { toStage: string }) => entry.toStage)).toEqual([
        'Rendez-vous fixé',
        'Premier appel',
        'Rendez-vous fixé',
        'Premier appel',
        'À prospecter',
      ]);
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
    });

    it('“pas de besoin pour l’instant” sets the date to come back from the cadence; “refus” clears the next action', async () => {
      const company = await newCompany('Pas Maintenant SAS');
      const noNeed = await a.post(`/api/companies/${company.id}/stage`, { stageId: stage.no_need.id, version: 1 }).expect(201);
      // Three months after Tuesday 24 November 2026: Wednesday 24 February 2027.
      expect(noNeed.body).toMatchObject({ comeBackOn: '2027-02-24', nextAction: { type: 'call', dueOn: '2027-02-24' } });
      const chosen = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.to_prospect.id, version: 2 })
        .expect(201);
      const inThePast = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.no_need.id, version: chosen.body.version, comeBackOn: '2020-01-01' })
        .expect(400);
      expect(fieldsOf(inThePast.body)).toEqual(['comeBackOn']);
      expect(inThePast.body.code).toBe('prospection.come_back_on_past');
      for (const comeBackOn of ['2027-02-29', '2027-09-01T10:00:00Z']) {
        const notADay = await a
          .post(`/api/companies/${company.id}/stage`, { stageId: stage.no_need.id, version: chosen.body.version, comeBackOn })
          .expect(400);
        expect(fieldsOf(notADay.body)).toEqual(['comeBackOn']);
      }
      const again = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.no_need.id, version: chosen.body.version, comeBackOn: '2027-09-01' })
        .expect(201);
      expect(again.body.comeBackOn).toBe('2027-09-01');
      const refused = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.refused.id, version: again.body.version, reason: 'Ne recrute pas' })
        .expect(201);
      expect(refused.body).toMatchObject({ stageName: 'Refus', nextAction: null, comeBackOn: null });
      // Reopened later: an open company always has a next action, so it starts with a call today.
      const reopened = await a
        .post(`/api/companies/${company.id}/stage`, { stageId: stage.to_prospect.id, version: refused.body.version })
        .expect(201);
      expect(reopened.body.nextAction).toMatchObject({ type: 'call', dueOn: '2026-11-24', owner: { id: karim.id } });
    });

    it('answers 400 naming the field, 404 for another structure’s company or stage', async () => {
      const company = await newCompany('Validation SA');
      const bad = await a.post(`/api/companies/${company.id}/stage`, { stageId: 'x' }).expect(400);
      expect(fieldsOf(bad.body).sort()).toEqual(['stageId', 'version']);
      await b.post(`/api/companies/${company.id}/stage`, { stageId: stage.first_call.id, version: 1 }).expect(404);
      const otherStages: Stage[] = (await b.get('/api/pipeline/stages').expect(200)).body;
      await a.post(`/api/companies/${company.id}/stage`, { stageId: otherStages[1].id, version: 1 }).expect(404);
      expect((await a.get(`/api/companies/${company.id}`)).body.version).toBe(1);
    });
  });

  describe('logging activities', () => {
    it('a call without answer proposes a new call 2 working days later; the timeline shows it first', async () => {
      const company = await newCompany('Boucherie Lefèvre');
      const contact = (await a.post(`/api/companies/${company.id}/contacts`, { firstName: 'Anne', lastName: 'Lefèvre' }).expect(201)).body;
      const logged = await a
        .post(`/api/companies/${company.id}/activities`, { type: 'call', outcome: 'no_answer', contactId: contact.id, text: 'Messagerie' })
        .expect(201);
      expect(logged.body.nextAction).toMatchObject({ type: 'call', dueOn: '2026-11-26', owner: { id: karim.id } });
      const timeline = (await a.get(`/api/companies/${company.id}/timeline`).expect(200)).body;
      expect(timeline.items[0]).toMatchObject({ kind: 'call', outcome: 'no_answer', contactName: 'Anne Lefèvre', text: 'Messagerie', authorName: 'Karim staff' });
    });

    it('skips weekends and public holidays: no answer on Christmas Eve → call on Tuesday 29 December', async () => {
      t.clock.set(new Date('2026-12-24T10:00:00Z'));
      // Sessions expire on the test clock too: log in again on the new day.
      const later = api(await login(t.app.getHttpServer(), karim.email));
      const company = (await later.post('/api/companies', { name: 'Traiteur de Noël', ownerId: karim.id }).expect(201)).body;
      const logged = await later.post(`/api/companies/${company.id}/activities`, { type: 'call', outcome: 'no_answer' }).expect(201);
      expect(logged.body.nextAction.dueOn).toBe('2026-12-29');
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
    });

    it('counts days in Paris time across the spring clock change: Sunday 28 March 2027, 00:30 in Paris', async () => {
      // 23:30 UTC on Saturday is already Easter Sunday in Paris, the night the clocks go forward.
      t.clock.set(new Date('2027-03-27T23:30:00Z'));
      const later = api(await login(t.app.getHttpServer(), karim.email));
      const company = (await later.post('/api/companies', { name: 'Nuit du Changement', ownerId: karim.id }).expect(201)).body;
      expect(company.nextAction.dueOn).toBe('2027-03-28');
      const logged = await later.post(`/api/companies/${company.id}/activities`, { type: 'call', outcome: 'no_answer' }).expect(201);
      // Easter Monday is a public holiday: two working days after Sunday are Tuesday and Wednesday.
      expect(logged.body.nextAction.dueOn).toBe('2027-03-31');
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
    });

    it('a meeting held proposes a follow-up 7 days later; an explicit next action wins over the cadence', async () => {
      const company = await newCompany('Imprimerie du Nord');
      const met = await a.post(`/api/companies/${company.id}/activities`, { type: 'meeting', text: 'Visite de l’atelier' }).expect(201);
      expect(met.body.nextAction).toMatchObject({ type: 'call', dueOn: '2026-12-01' });
      const chosen = await a
        .post(`/api/companies/${company.id}/activities`, {
          type: 'note',
          text: 'Rappeler après le salon',
          nextAction: { type: 'visit', dueOn: '2027-01-12', ownerId: julie.id, note: 'Apporter les fiches de poste' },
        })
        .expect(201);
      expect(chosen.body.nextAction).toMatchObject({ type: 'visit', dueOn: '2027-01-12', owner: { id: julie.id }, note: 'Apporter les fiches de poste' });
      // A note alone changes nothing about the next action.
      const note = await a.post(`/api/companies/${company.id}/activities`, { type: 'note', text: 'RAS' }).expect(201);
      expect(note.body.nextAction.dueOn).toBe('2027-01-12');
    });

    it('moves the stage with the activity, linking the stage event to it; a stale version rolls the whole log back', async () => {
      const company = await newCompany('Pressing Moderne');
      const logged = await a
        .post(`/api/companies/${company.id}/activities`, { type: 'call', outcome: 'meeting_booked', stageId: stage.meeting_booked.id, version: 1 })
        .expect(201);
      expect(logged.body).toMatchObject({ stageName: 'Rendez-vous fixé', nextAction: { type: 'meeting', dueOn: '2026-12-01' } });
      const stale = await a
        .post(`/api/companies/${company.id}/activities`, { type: 'meeting', stageId: stage.meeting_held.id, version: 1 })
        .expect(409);
      expect(stale.body.message).toContain('version');
      const timeline = (await a.get(`/api/companies/${company.id}/timeline`).expect(200)).body;
      expect(timeline.items.map((entry: { kind: string }) => entry.kind)).toEqual(['stage_change', 'call', 'stage_change']);
    });

    it('a cadence edited by a manager applies to the next logs', async () => {
      const manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, { id: karim.structureId } as never, 'manager')).email));
      await manager
        .put('/api/pipeline/cadence', { rules: [{ trigger: 'call:no_answer', actionType: 'call', amount: 5, unit: 'working_days' }] })
        .expect(200);
      const company = await newCompany('Cadence Perso');
      const logged = await a.post(`/api/companies/${company.id}/activities`, { type: 'call', outcome: 'no_answer' }).expect(201);
      expect(logged.body.nextAction.dueOn).toBe('2026-12-01');
      await manager.delete('/api/pipeline/cadence').expect(200);
    });

    it.each([
      [{ type: 'lunch' }, 'type', 'prospection.activity_type_invalid'],
      [{ type: 'meeting', outcome: 'no_answer' }, 'outcome', 'prospection.no_answer_for_calls'],
      [{ type: 'call', outcome: 'maybe' }, 'outcome', 'prospection.outcome_invalid'],
      [{ type: 'call', occurredAt: '2026-11-30T10:00:00Z' }, 'occurredAt', 'prospection.occurred_in_future'],
      [{ type: 'call', occurredAt: 'hier' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: '1970-01-01T00:00:12Z' }, 'occurredAt', 'prospection.occurred_too_early'],
      [{ type: 'call', occurredAt: '2026-02-30T10:00:00Z' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: '2026-11-02T24:00:00Z' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: '2026-11-02T10:60:00Z' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: '2026-11-02T10:00:00' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: '2026-11-02 10:00:00Z' }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', occurredAt: 1_793_000_000_000 }, 'occurredAt', 'prospection.occurred_at_invalid'],
      [{ type: 'call', nextAction: { type: 'call', dueOn: '2026-12-32' } }, 'nextAction.dueOn', 'company.next_action_due_on_invalid'],
      [{ type: 'call', stageId: '00000000-0000-4000-8000-000000000000' }, 'version', 'prospection.version_required_to_move'],
      [{ type: 'call', nextAction: { type: 'call' } }, 'nextAction.dueOn', 'company.next_action_due_on_invalid'],
    ])('refuses %j with a 400 naming %s (%s) and logs nothing', async (body, field, code) => {
      const company = await newCompany('Refus de saisie');
      const response = await a.post(`/api/companies/${company.id}/activities`, body).expect(400);
      expect(fieldsOf(response.body)).toContain(field);
      expect(response.body.details).toContainEqual(expect.objectContaining({ field, code }));
      const timeline = (await a.get(`/api/companies/${company.id}/timeline?type=call,meeting,note`).expect(200)).body;
      expect(timeline.total).toBe(0);
    });

    it('refuses a contact of another company (400) and another structure’s company (404)', async () => {
      const company = await newCompany('Première');
      const other = await newCompany('Seconde');
      const contact = (await a.post(`/api/companies/${other.id}/contacts`, { lastName: 'Ailleurs' }).expect(201)).body;
      const response = await a.post(`/api/companies/${company.id}/activities`, { type: 'call', contactId: contact.id }).expect(400);
      expect(fieldsOf(response.body)).toEqual(['contactId']);
      expect(response.body.code).toBe('prospection.contact_not_of_company');
      await b.post(`/api/companies/${company.id}/activities`, { type: 'call' }).expect(404);
      await b.get(`/api/companies/${company.id}/timeline`).expect(404);
    });

    it('paginates the timeline newest first and filters it by type', async () => {
      const company = await newCompany('Timeline Longue');
      for (let day = 1; day <= 5; day++) {
        await a
          .post(`/api/companies/${company.id}/activities`, { type: day % 2 ? 'call' : 'email', occurredAt: `2026-11-${10 + day}T09:00:00Z`, text: `jour ${day}` })
          .expect(201);
      }
      const first = (await a.get(`/api/companies/${company.id}/timeline?limit=2`).expect(200)).body;
      expect(first.total).toBe(6);
      // The company was created "now" (24 Nov), after the back-dated activities.
      expect(first.items.map((entry: { kind: string; text: string | null }) => entry.text ?? entry.kind)).toEqual(['stage_change', 'jour 5']);
      const second = (await a.get(`/api/companies/${company.id}/timeline?limit=2&offset=2`).expect(200)).body;
      expect(second.items.map((entry: { text: string }) => entry.text)).toEqual(['jour 4', 'jour 3']);
      const emails = (await a.get(`/api/companies/${company.id}/timeline?type=email`).expect(200)).body;
      expect(emails.items.map((entry: { text: string }) => entry.text)).toEqual(['jour 4', 'jour 2']);
      const bad = await a.get(`/api/companies/${company.id}/timeline?type=fax`).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['type']);
    });
  });
});
