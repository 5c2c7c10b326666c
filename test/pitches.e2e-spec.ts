import { createTestApp, TestApp } from './helpers/app';
import { api, Api, fieldsOf } from './helpers/api';
import { createStructure, createUser, login } from './helpers/fixtures';
import { User } from '../src/users/user.entity';

const sections = (overrides: object = {}) => ({
  opening: 'Bonjour {{contact.firstName}}, je suis {{staff.firstName}} de {{structure.name}}.',
  offer: 'Un recrutement gratuit pour {{company.name}}.',
  questions: ['Avez-vous des postes jamais publiés ?'],
  objections: [
    { key: 'pas-de-besoin', objection: 'Pas de besoin', answer: 'Rencontrons-nous quand même.' },
    { key: 'pas-le-temps', objection: 'Pas le temps', answer: 'Vingt minutes suffisent.' },
  ],
  closing: 'Puis-je passer vous voir ? Mon numéro : {{staff.phone}}.',
  ...overrides,
});

describe('pitch scripts (e2e)', () => {
  let t: TestApp;
  let karim: User;
  let julie: User;
  let k: Api;
  let j: Api;
  let manager: Api;
  let b: Api;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Les Argumentaires');
    karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    julie = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const server = t.app.getHttpServer();
    k = api(await login(server, karim.email));
    j = api(await login(server, julie.email));
    manager = api(await login(server, (await createUser(t.dataSource, structure, 'manager', 'Claire')).email));
    b = api(await login(server, (await createUser(t.dataSource, await createStructure(t.dataSource), 'staff')).email));
  });
  afterAll(() => t.close());

  const company = async (body: object = {}) => (await k.post('/api/companies', { name: 'Boulangerie <Dupont> & Fils', commune: 'Lille', ...body }).expect(201)).body;

  it('gives a new structure the SEVE first-call and first-meeting scripts, in French', async () => {
    const list = (await k.get('/api/pitches').expect(200)).body;
    expect(list.map((script: { kind: string }) => script.kind).sort()).toEqual(['first_call', 'first_meeting']);
    const firstCall = list.find((script: { kind: string }) => script.kind === 'first_call');
    const detail = (await k.get(`/api/pitches/${firstCall.id}`).expect(200)).body;
    expect(detail.current.sections.questions.join(' ')).toContain('pas publiés');
    expect(detail.current.sections.offer).toContain('immersion');
    expect(detail.current.number).toBe(1);
  });

  it('creates a script, and an edit makes a new version with who changed what and when', async () => {
    const created = await k
      .post('/api/pitches', { kind: 'first_call', title: 'Commerces', targeting: { nafPrefixes: ['47'], headcountBands: [] }, sections: sections() })
      .expect(201);
    expect(created.body).toMatchObject({ currentVersion: 1, title: 'Commerces', current: { number: 1, authorName: 'Karim staff' } });
    t.clock.advance(60_000);
    const edited = await j
      .put(`/api/pitches/${created.body.id}`, {
        version: 1,
        sections: sections({ closing: 'Je passe mardi ?' }),
        changeNote: 'Conclusion plus directe',
      })
      .expect(200);
    expect(edited.body.currentVersion).toBe(2);
    expect(edited.body.history.map((v: { number: number; authorName: string; changes: string[]; changeNote: string | null }) => [v.number, v.authorName, v.changes, v.changeNote])).toEqual([
      [2, 'Julie staff', ['conclusion'], 'Conclusion plus directe'],
      [1, 'Karim staff', ['création'], null],
    ]);
    // Version 1 is still there as it was.
    const first = (await k.get(`/api/pitches/${created.body.id}/versions/1`).expect(200)).body;
    expect(first.sections.closing).toContain('Puis-je passer');
    // An edit based on version 1 now is stale.
    const stale = await k.put(`/api/pitches/${created.body.id}`, { version: 1, title: 'Autre' }).expect(409);
    expect(stale.body.message).toContain('version 2');
    expect(stale.body).toMatchObject({ code: 'pitch.stale_version', params: { version: 2 } });
    // Saving without a change makes no version.
    expect((await k.put(`/api/pitches/${created.body.id}`, { version: 2, title: 'Commerces' }).expect(200)).body.currentVersion).toBe(2);
  });

  it('saving exactly what GET returned, or the edit form sent back untouched, makes no version', async () => {
    const created = (
      await k
        .post('/api/pitches', { kind: 'other', title: 'Inchangé', targeting: { nafPrefixes: ['47', '10.71'], headcountBands: ['03'] }, sections: sections() })
        .expect(201)
    ).body;
    const { title, kind, targeting, sections: stored } = (await k.get(`/api/pitches/${created.id}`).expect(200)).body.current;
    const same = await k.put(`/api/pitches/${created.id}`, { version: 1, title, kind, targeting, sections: stored }).expect(200);
    expect(same.body.currentVersion).toBe(1);
    expect(same.body.history).toHaveLength(1);

    // The page's form, as a browser posts it: line breaks as CRLF, objections as numbered fields.
    const session = await login(t.app.getHttpServer(), karim.email);
    const form: Record<string, string> = {
      kind,
      title,
      nafPrefixes: targeting.nafPrefixes.join(', '),
      headcountBands: targeting.headcountBands[0],
      opening: stored.opening,
      offer: stored.offer,
      questions: stored.questions.join('\r\n'),
      closing: stored.closing,
      changeNote: '',
      version: '1',
    };
    stored.objections.forEach((objection: { key: string; objection: string; answer: string }, index: number) => {
      form[`objection_${index}_key`] = objection.key;
      form[`objection_${index}_objection`] = objection.objection;
      form[`objection_${index}_answer`] = objection.answer;
    });
    const posted = await session.agent
      .post(`/argumentaires/${created.id}`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...form, _csrf: session.csrf })
      .expect(303);
    expect(posted.headers.location).toContain('ok=inchange');
    expect((await k.get(`/api/pitches/${created.id}`).expect(200)).body.currentVersion).toBe(1);
  });

  it('counts a version saved identical to its predecessor with it in the conversion figures', async () => {
    const script = (await k.post('/api/pitches', { kind: 'other', title: 'Jumeaux', sections: sections() }).expect(201)).body;
    const v2 = (await k.put(`/api/pitches/${script.id}`, { version: 1, sections: sections({ opening: 'Bonjour, autre accroche.' }) }).expect(200)).body.current;
    // Before saves without a change stopped making versions, they made an empty twin like this one.
    const [{ id: v3 }] = await t.dataSource.query(
      `INSERT INTO pitch_script_version (structure_id, script_id, number, title, kind, targeting, sections, author_id)
       SELECT structure_id, script_id, 3, title, kind, targeting, sections, author_id FROM pitch_script_version WHERE id = $1
       RETURNING id`,
      [v2.id],
    );
    await t.dataSource.query(`UPDATE pitch_script SET current_version = 3 WHERE id = $1`, [script.id]);
    for (const [versionId, outcome] of [[script.current.id, 'refused'], [v2.id, 'meeting_booked'], [v3, 'meeting_booked'], [v3, 'no_answer']]) {
      const target = (await k.post('/api/companies', { name: `Jumelle ${outcome}`, commune: 'Lille' }).expect(201)).body;
      await k
        .post(`/api/companies/${target.id}/activities`, { type: 'call', outcome, scriptVersionId: versionId, ...(outcome === 'refused' ? { refusalReason: 'non' } : {}) })
        .expect(201);
    }
    const detail = (await k.get(`/api/pitches/${script.id}`).expect(200)).body;
    expect(detail.history.map((version: { number: number; changes: string[] }) => [version.number, version.changes])).toEqual([
      [3, []],
      [2, ['accroche']],
      [1, ['création']],
    ]);
    const conversion = (await k.get(`/api/pitches/${script.id}/conversion`).expect(200)).body;
    expect(conversion.versions).toEqual([
      expect.objectContaining({ versionId: script.current.id, number: 1, numbers: [1], uses: 1, reached: 1 }),
      expect.objectContaining({ versionId: v2.id, number: 2, numbers: [2, 3], uses: 3, reached: 2, meetingBooked: expect.objectContaining({ count: 2, total: 2 }) }),
    ]);
    expect(conversion.byStaff.map((row: { number: number; numbers: number[]; uses: number }) => [row.number, row.numbers, row.uses])).toEqual([
      [1, [1], 1],
      [2, [2, 3], 3],
    ]);
    const page = await k.agent.get(`/argumentaires/${script.id}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('v2–v3');
  });

  it.each([
    [{ opening: 'Bonjour {{contact.prenom}}' }, 'sections.opening', 'unknown placeholder {{contact.prenom}}', 'pitch.unknown_placeholder'],
    [{ offer: 'Offre {{{company.name}}}' }, 'sections.offer', 'triple braces', 'pitch.triple_braces'],
    [{ closing: 'Au revoir {{#if staff.firstName}}' }, 'sections.closing', 'broken', 'pitch.template_broken'],
    [{ questions: ['Ok ?', 'Et {{candidate.difficulties}} ?'] }, 'sections.questions[1]', 'candidate.difficulties', 'pitch.unknown_placeholder'],
    [{ objections: [{ objection: 'Non', answer: '{{> partial}}' }] }, 'sections.objections[0].answer', 'partials', 'pitch.partials'],
  ])('refuses a broken template %j with a 400 naming the section and the problem', async (override, field, problem, code) => {
    const response = await k.post('/api/pitches', { kind: 'other', title: 'Cassé', sections: sections(override) }).expect(400);
    expect(fieldsOf(response.body)).toEqual([field]);
    expect(response.body.message).toContain(problem);
    expect(response.body.details[0]).toMatchObject({ code, params: { field } });
  });

  it('refuses bad fields (400 naming them) and hides scripts of another structure (404)', async () => {
    const bad = await k
      .post('/api/pitches', { kind: 'cold', title: '', targeting: { nafPrefixes: ['boulangerie'], headcountBands: ['7'] }, sections: sections() })
      .expect(400);
    expect(fieldsOf(bad.body).sort()).toEqual(['kind', 'targeting.headcountBands', 'targeting.nafPrefixes', 'title']);
    const mine = (await k.get('/api/pitches').expect(200)).body[0];
    await b.get(`/api/pitches/${mine.id}`).expect(404);
    await b.put(`/api/pitches/${mine.id}`, { version: 1, title: 'Volé' }).expect(404);
    await b.get(`/api/pitches/${mine.id}/conversion`).expect(404);
    const theirs = await company();
    await b.post(`/api/pitches/${mine.id}/render`, { companyId: theirs.id }).expect(404);
    const own = (await b.get('/api/pitches').expect(200)).body[0];
    await k.post(`/api/pitches/${own.id}/render`, { companyId: theirs.id }).expect(404);
  });

  it('archives (managers only) without deleting: the script leaves the list and comes back', async () => {
    const created = (await k.post('/api/pitches', { kind: 'other', title: 'À archiver', sections: sections() }).expect(201)).body;
    await k.patch(`/api/pitches/${created.id}/archived`, { archived: true }).expect(403);
    await manager.patch(`/api/pitches/${created.id}/archived`, { archived: true }).expect(200);
    expect((await k.get('/api/pitches').expect(200)).body.map((s: { id: string }) => s.id)).not.toContain(created.id);
    const all = (await k.get('/api/pitches?archived=true').expect(200)).body;
    expect(all.find((s: { id: string }) => s.id === created.id)).toMatchObject({ archived: true });
    await manager.patch(`/api/pitches/${created.id}/archived`, { archived: false }).expect(200);
    expect((await k.get('/api/pitches').expect(200)).body.map((s: { id: string }) => s.id)).toContain(created.id);
  });

  it('renders for a company and contact, HTML-escaped, with a candidate presented by strengths only', async () => {
    const target = await company();
    const contact = (await k.post(`/api/companies/${target.id}/contacts`, { firstName: 'Anne <b>', lastName: 'Roy' }).expect(201)).body;
    const script = (
      await k
        .post('/api/pitches', {
          kind: 'first_meeting',
          title: 'Avec candidat',
          sections: sections({ offer: 'Pour {{company.name}} : {{#if candidate.name}}{{candidate.name}}, {{candidate.wantedJob}} ({{candidate.strengths}}){{else}}plusieurs profils{{/if}}.' }),
        })
        .expect(201)
    ).body;
    const rendered = (
      await k
        .post(`/api/pitches/${script.id}/render`, {
          companyId: target.id,
          contactId: contact.id,
          candidate: { initials: 'S. B.', wantedJob: 'préparatrice de commandes', strengths: ['ponctuelle', 'CACES 1'] },
        })
        .expect(201)
    ).body;
    expect(rendered.sections.opening).toBe('Bonjour Anne &lt;b&gt;, je suis Karim de ' + (await k.get('/api/structure')).body.name.replace(/&/g, '&amp;') + '.');
    expect(rendered.sections.offer).toBe('Pour Boulangerie &lt;Dupont&gt; &amp; Fils : S. B., préparatrice de commandes (ponctuelle, CACES 1).');
    const noCandidate = (await k.post(`/api/pitches/${script.id}/render`, { companyId: target.id }).expect(201)).body;
    expect(noCandidate.sections.offer).toContain('plusieurs profils');
    expect(noCandidate.sections.opening).toMatch(/^Bonjour , je suis Karim/);
    // Difficulties are not part of a profile a script can show.
    const refused = await k
      .post(`/api/pitches/${script.id}/render`, { companyId: target.id, candidate: { firstName: 'Sam', constraints: ['santé'] } })
      .expect(400);
    expect(fieldsOf(refused.body)).toEqual(['candidate.constraints']);
    const otherContact = (await k.post(`/api/companies/${(await company()).id}/contacts`, { lastName: 'Ailleurs' }).expect(201)).body;
    const wrong = await k.post(`/api/pitches/${script.id}/render`, { companyId: target.id, contactId: otherContact.id }).expect(400);
    expect(fieldsOf(wrong.body)).toEqual(['contactId']);
  });

  it('picks the scripts that fit a company: kind from its stage, then the most specific targeting', async () => {
    const targeted = (
      await k
        .post('/api/pitches', { kind: 'first_call', title: 'Boulangeries', targeting: { nafPrefixes: ['10.71'], headcountBands: [] }, sections: sections() })
        .expect(201)
    ).body;
    const bakery = await company({ nafCode: '10.71C' });
    const fitting = (await k.get(`/api/companies/${bakery.id}/scripts`).expect(200)).body;
    expect(fitting.suggestedKind).toBe('first_call');
    expect(fitting.scripts[0].id).toBe(targeted.id);
    expect(fitting.scripts.map((s: { title: string }) => s.title)).not.toContain('Commerces');
    const garage = await company({ nafCode: '45.20A' });
    const forGarage = (await k.get(`/api/companies/${garage.id}/scripts`).expect(200)).body;
    expect(forGarage.scripts.map((s: { title: string }) => s.title)).toEqual(['Premier appel — obtenir un rendez-vous']);
    const meetings = (await k.get(`/api/companies/${garage.id}/scripts?kind=first_meeting`).expect(200)).body;
    expect(meetings.scripts.every((s: { kind: string }) => s.kind === 'first_meeting')).toBe(true);
  });

  it('logs the outcome with the script version and the objections met, shown in the timeline', async () => {
    const target = await company();
    const script = (await k.get(`/api/companies/${target.id}/scripts`).expect(200)).body.scripts[0];
    const detail = (await k.get(`/api/pitches/${script.id}`).expect(200)).body;
    const [first, second] = detail.current.sections.objections;
    await k
      .post(`/api/companies/${target.id}/activities`, {
        type: 'call',
        outcome: 'refused',
        refusalReason: 'Aucun recrutement prévu cette année',
        scriptVersionId: detail.current.id,
        objections: [first.key, second.key],
      })
      .expect(201);
    const [entry] = (await k.get(`/api/companies/${target.id}/timeline?type=call`).expect(200)).body.items;
    expect(entry).toMatchObject({
      outcome: 'refused',
      refusalReason: 'Aucun recrutement prévu cette année',
      script: { id: script.id, number: 1, title: detail.current.title },
      objections: [first.objection, second.objection],
    });
  });

  it.each([
    [{ type: 'call', outcome: 'refused' }, 'refusalReason'],
    [{ type: 'call', objections: ['pas-de-besoin'] }, 'objections'],
    [{ type: 'call', scriptVersionId: '00000000-0000-4000-8000-000000000000' }, 'scriptVersionId'],
    [{ type: 'meeting', outcome: 'no_answer' }, 'outcome'],
    [{ type: 'visit', outcome: 'need_found' }, 'outcome'],
  ])('refuses an outcome log %j with a 400 naming %s', async (body, field) => {
    const target = await company();
    const response = await k.post(`/api/companies/${target.id}/activities`, body).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('refuses an objection that is not in the version used, and another structure’s script version', async () => {
    const target = await company();
    const script = (await k.get(`/api/companies/${target.id}/scripts`).expect(200)).body.scripts[0];
    const versionId = (await k.get(`/api/pitches/${script.id}`).expect(200)).body.current.id;
    const unknown = await k
      .post(`/api/companies/${target.id}/activities`, { type: 'call', scriptVersionId: versionId, objections: ['inventee'] })
      .expect(400);
    expect(fieldsOf(unknown.body)).toEqual(['objections']);
    const theirs = await b.post('/api/companies', { name: 'Chez eux' }).expect(201);
    const foreign = await b
      .post(`/api/companies/${theirs.body.id}/activities`, { type: 'call', scriptVersionId: versionId })
      .expect(400);
    expect(fieldsOf(foreign.body)).toEqual(['scriptVersionId']);
  });

  it('computes conversion per version and per staff member, with counts beside rates, and the frequent objections', async () => {
    const script = (
      await k.post('/api/pitches', { kind: 'first_call', title: 'Mesuré', sections: sections() }).expect(201)
    ).body;
    const v1 = script.current.id;
    const v2 = (await k.put(`/api/pitches/${script.id}`, { version: 1, sections: sections({ opening: 'Bonjour, nouvelle accroche.' }) }).expect(200)).body.current.id;
    const log = async (who: Api, versionId: string, outcome: string, objections: string[] = []) => {
      const target = await company();
      await who
        .post(`/api/companies/${target.id}/activities`, {
          type: 'call',
          outcome,
          scriptVersionId: versionId,
          objections,
          ...(outcome === 'refused' ? { refusalReason: 'non' } : {}),
        })
        .expect(201);
    };
    // Version 1: Karim 4 calls (1 no answer, 2 meetings booked, 1 refused), Julie 2 calls (1 meeting, 1 call back).
    await log(k, v1, 'no_answer');
    await log(k, v1, 'meeting_booked', ['pas-le-temps']);
    await log(k, v1, 'meeting_booked');
    await log(k, v1, 'refused', ['pas-de-besoin', 'pas-le-temps']);
    await log(j, v1, 'meeting_booked', ['pas-le-temps']);
    await log(j, v1, 'call_back');
    // Version 2: Julie 2 calls (both no answer).
    await log(j, v2, 'no_answer');
    await log(j, v2, 'no_answer', ['pas-de-besoin']);

    const conversion = (await k.get(`/api/pitches/${script.id}/conversion`).expect(200)).body;
    // By hand: v1 uses 6, reached 5 (6 - 1 no answer), meetings 3 → 3/5 = 0.6. v2 uses 2, reached 0.
    expect(conversion.versions).toEqual([
      expect.objectContaining({ number: 1, uses: 6, reached: 5, meetingBooked: expect.objectContaining({ count: 3, total: 5, rate: 0.6 }) }),
      expect.objectContaining({ number: 2, uses: 2, reached: 0, meetingBooked: { count: 0, total: 0, rate: null, low: null, high: null } }),
    ]);
    // A 95% interval around 3/5 is wide: the page can show that the sample is small.
    const v1Rate = conversion.versions[0].meetingBooked;
    expect(v1Rate.low).toBeCloseTo(0.231, 3);
    expect(v1Rate.high).toBeCloseTo(0.882, 3);
    expect(conversion.versions[0].outcomes).toEqual({ no_answer: 1, meeting_booked: 3, refused: 1, call_back: 1 });
    // Karim on v1: reached 3, meetings 2 → 2/3 ≈ 0.667; Julie on v1: reached 2, meetings 1 → 0.5; Julie on v2: reached 0.
    expect(
      conversion.byStaff.map((row: { number: number; authorName: string; uses: number; meetingBooked: { count: number; total: number; rate: number | null } }) => [
        row.number,
        row.authorName,
        row.uses,
        row.meetingBooked.count,
        row.meetingBooked.total,
        row.meetingBooked.rate,
      ]),
    ).toEqual([
      [1, 'Julie staff', 2, 1, 2, 0.5],
      [1, 'Karim staff', 4, 2, 3, 0.667],
      [2, 'Julie staff', 2, 0, 0, null],
    ]);
    // Objections: pas-le-temps 3 times, pas-de-besoin twice.
    expect(conversion.objections).toEqual([
      { key: 'pas-le-temps', objection: 'Pas le temps', count: 3 },
      { key: 'pas-de-besoin', objection: 'Pas de besoin', count: 2 },
    ]);
  });
});
