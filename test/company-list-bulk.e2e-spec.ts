import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';

const html = (text: string) => text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/** Issue 17, point 8 (page): tick companies in the list and change them all at once, or none. */
describe('companies list: changes to several at once (e2e)', () => {
  let t: TestApp;
  let session: LoggedIn;
  let staff: Api;
  let other: Api;
  let colleague: { id: string; firstName: string };
  let ids: string[];
  let foreign: string;

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    const structure = await createStructure(t.dataSource, 'ACI Garonne');
    const elsewhere = await createStructure(t.dataSource, 'ACI Ailleurs');
    session = await login(server, (await createUser(t.dataSource, structure, 'staff', 'Aïcha')).email);
    staff = api(session);
    colleague = await createUser(t.dataSource, structure, 'staff', 'Bruno');
    other = api(await login(server, (await createUser(t.dataSource, elsewhere, 'staff', 'Chloé')).email));
    ids = [];
    for (const name of ['Menuiserie Sève', 'Garage Étoile', 'Traiteur Olive', 'Zinc & Co']) {
      ids.push((await staff.post('/api/companies', { name }).expect(201)).body.id);
    }
    foreign = (await other.post('/api/companies', { name: 'Ailleurs SARL' }).expect(201)).body.id;
  }, 60_000);
  afterAll(() => t?.close());

  const post = (body: Record<string, unknown>) => session.agent.post('/entreprises/groupe').type('form').send({ _csrf: session.csrf, ...body });
  const owners = async () => {
    const rows: Array<{ id: string; owner_id: string | null; tags: string[] }> = await t.dataSource.query(`SELECT id, owner_id, tags FROM company WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((row) => [row.id, row]));
  };

  it('assigns the ticked companies, then returns to the same list (filters, order, page) saying how many changed', async () => {
    const page = html((await session.agent.get('/entreprises?tri=-nom').expect(200)).text);
    expect(page).toContain('<input type="checkbox" name="ids" value="' + ids[0] + '" form="groupe-entreprises" aria-label="Menuiserie Sève"');
    expect(page).toContain('<input type="hidden" name="liste" value="tri=-nom">');

    const done = await post({ ids: ids.slice(0, 3), action: 'assign', ownerId: colleague.id, liste: 'tri=-nom&q=e' }).expect(303);
    expect(done.headers.location).toBe('/entreprises?q=e&tri=-nom&modifiees=3');
    const after = await owners();
    expect(ids.map((id) => after.get(id)?.owner_id === colleague.id)).toEqual([true, true, true, false]);
    expect(html((await session.agent.get(done.headers.location).expect(200)).text)).toContain('<p class="notice" role="status">3 entreprises modifiées.</p>');
  });

  it('with htmx, answers the list region in place with the flash', async () => {
    const fragment = await post({ ids: [ids[0], ids[3]], action: 'tag', tag: 'job dating', liste: '' }).set('HX-Request', 'true').expect(200);
    expect(fragment.text).toContain('<div id="liste-entreprises"');
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('2 entreprises modifiées.');
    const after = await owners();
    expect([after.get(ids[0])?.tags, after.get(ids[3])?.tags]).toEqual([['job dating'], ['job dating']]);
  });

  it('refuses with one French sentence beside the bulk form, the boxes still ticked and nothing written', async () => {
    const before = await owners();
    const none = await post({ action: 'assign', ownerId: colleague.id, liste: 'tri=-nom' }).expect(400);
    expect(html(none.text)).toMatch(/<p class="alert bulk-error" id="groupe-erreur" role="alert" tabindex="-1">Cochez entre une et cent entreprises de la liste\.<\/p>/);

    const across = await post({ ids: [ids[3], foreign], action: 'assign', ownerId: colleague.id, liste: '' }).expect(404);
    expect(across.text).toContain('Cette entreprise n’existe pas ou n’est plus accessible.');
    expect(html(across.text)).toContain(`value="${ids[3]}" form="groupe-entreprises" aria-label="Zinc & Co" checked`);

    const stages = (await staff.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; kind: string; name: string }>;
    const refused = stages.find((stage) => stage.kind === 'refused')!;
    const noReason = await post({ ids: [ids[3]], action: 'stage', stageId: refused.id, liste: '' }).set('HX-Request', 'true').expect(422);
    expect(noReason.text).toContain(`Indiquez pourquoi ces entreprises passent en « ${refused.name} ».`);

    expect(await owners()).toEqual(before);
    expect((await other.get(`/api/companies/${foreign}`).expect(200)).body.ownerId ?? null).toBeNull();

    await post({ ids: [ids[3]], action: 'stage', stageId: refused.id, reason: 'Pas de recrutement cette année', liste: '' }).expect(303);
    const [event] = await t.dataSource.query(`SELECT reason FROM stage_event WHERE company_id = $1 AND to_stage_id = $2`, [ids[3], refused.id]);
    expect(event.reason).toBe('Pas de recrutement cette année');
  });
});
