import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/** Issue 17, point 8 (API): the companies list sorted by a column, and one change to several companies at once. */
describe('companies: sorting and changes to several at once (e2e)', () => {
  let t: TestApp;
  let staff: Api;
  let other: Api;
  let colleague: { id: string };
  let ids: string[];
  let foreign: string;

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    const structure = await createStructure(t.dataSource, 'ACI Lot');
    const elsewhere = await createStructure(t.dataSource, 'ACI Autre Lot');
    staff = api(await login(server, (await createUser(t.dataSource, structure, 'staff', 'Aïcha')).email));
    colleague = await createUser(t.dataSource, structure, 'staff', 'Bruno');
    other = api(await login(server, (await createUser(t.dataSource, elsewhere, 'staff', 'Chloé')).email));
    ids = [];
    for (const [name, commune] of [['Zinguerie Arnaud', 'Albi'], ['Atelier Époque', 'Toulouse'], ['Boulangerie Élan', null]] as const) {
      ids.push((await staff.post('/api/companies', { name, ...(commune ? { commune } : {}) }).expect(201)).body.id);
    }
    foreign = (await other.post('/api/companies', { name: 'Ailleurs SARL' }).expect(201)).body.id;
  }, 60_000);
  afterAll(() => t?.close());

  const names = async (query: string) => ((await staff.get(`/api/companies?${query}`).expect(200)).body.items as Array<{ name: string }>).map((c) => c.name);

  it('sorts by name (accents ignored), by commune with blanks last either way, and refuses an unknown order naming sort', async () => {
    expect(await names('sort=name')).toEqual(['Atelier Époque', 'Boulangerie Élan', 'Zinguerie Arnaud']);
    expect(await names('sort=-name')).toEqual(['Zinguerie Arnaud', 'Boulangerie Élan', 'Atelier Époque']);
    expect(await names('sort=commune')).toEqual(['Zinguerie Arnaud', 'Atelier Époque', 'Boulangerie Élan']);
    expect(await names('sort=-commune')).toEqual(['Atelier Époque', 'Zinguerie Arnaud', 'Boulangerie Élan']);
    const refused = await staff.get('/api/companies?sort=siret').expect(400);
    expect(fieldsOf(refused.body)).toEqual(['sort']);
    expect(refused.body.details[0].code).toBe('company.sort_invalid');
  });

  it('sorts the list page by a header, which reverses when clicked again, and keeps the order across pages and filters', async () => {
    const page = (await staff.agent.get('/entreprises?tri=-nom').expect(200)).text.replace(/&#x3D;/g, '=');
    const order = ['Zinguerie Arnaud', 'Boulangerie Élan', 'Atelier Époque'].map((name) => page.indexOf(name));
    expect(order.every((at, index) => at > 0 && (index === 0 || at > order[index - 1]))).toBe(true);
    expect(page).toContain('aria-sort="descending"><a class="sort-link" href="/entreprises"');
    expect(page).toContain('<input type="hidden" name="tri" value="-nom">');
    const unknown = (await staff.agent.get('/entreprises?tri=constructor').expect(200)).text.replace(/&#x3D;/g, '=');
    expect(unknown).toContain('aria-sort="ascending"><a class="sort-link" href="/entreprises?tri=-nom"');
  });

  it('assigns, tags and moves several companies at once, each once, with its audit and stage event', async () => {
    const assigned = await staff.post('/api/companies/bulk', { ids, action: 'assign', ownerId: colleague.id }).expect(200);
    expect(assigned.body).toEqual({ updated: 3 });
    expect((await staff.post('/api/companies/bulk', { ids, action: 'assign', ownerId: colleague.id }).expect(200)).body).toEqual({ updated: 0 });
    expect((await staff.post('/api/companies/bulk', { ids: ids.slice(0, 2), action: 'tag', tag: ' job dating mars ' }).expect(200)).body).toEqual({ updated: 2 });
    const stages = (await staff.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string | null; archivedAt: string | null }>;
    const target = stages.find((stage) => stage.key === 'meeting_booked') ?? stages[1];
    expect((await staff.post('/api/companies/bulk', { ids, action: 'stage', stageId: target.id }).expect(200)).body).toEqual({ updated: 3 });
    for (const [index, id] of ids.entries()) {
      const company = (await staff.get(`/api/companies/${id}`).expect(200)).body;
      expect({ owner: company.ownerId ?? company.owner?.id, stage: company.stageId, tagged: company.tags.includes('job dating mars') }).toEqual({
        owner: colleague.id,
        stage: target.id,
        tagged: index < 2,
      });
    }
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM stage_event WHERE company_id = ANY($1) AND to_stage_id = $2`, [ids, target.id]);
    expect(count).toBe(3);
  });

  it('changes none when one is refused: another structure’s company (404), a bad input (400 naming the field)', async () => {
    const before = (await staff.get(`/api/companies/${ids[2]}`).expect(200)).body.version;
    const across = await staff.post('/api/companies/bulk', { ids: [ids[2], foreign], action: 'tag', tag: 'fuite' }).expect(404);
    expect(across.body.code).toBe('record.not_found');
    expect((await staff.get(`/api/companies/${ids[2]}`).expect(200)).body.version).toBe(before);
    expect((await other.get(`/api/companies/${foreign}`).expect(200)).body.tags).toEqual([]);
    for (const [body, field] of [
      [{ ids: [], action: 'tag', tag: 'x' }, 'ids'],
      [{ ids: ['pas-un-id'], action: 'tag', tag: 'x' }, 'ids'],
      [{ ids, action: 'supprimer' }, 'action'],
      [{ ids, action: 'tag', tag: 'x'.repeat(51) }, 'tag'],
      [{ ids, action: 'stage', stageId: 'nope' }, 'stageId'],
      [{ ids, action: 'assign', ownerId: 'nope' }, 'ownerId'],
    ] as const) {
      const refused = await staff.post('/api/companies/bulk', body).expect(400);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
  });
});
