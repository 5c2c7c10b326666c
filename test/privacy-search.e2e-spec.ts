import { randomInt } from 'node:crypto';
import { RetentionService } from '../src/privacy/retention.service';
import { calendarDayIn } from '../src/common/calendar/working-days';
import { Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { privacyWorld, PrivacyWorld, tablesHolding as tablesHoldingIn } from './helpers/privacy';
import { asWorker } from './helpers/scope';

/**
 * RGPD: a person named in free text not tied to them (another candidate's notes, a company's notes,
 * a lead's title, an activity with nobody in particular) in the ways people write names. Before an
 * erasure the manager sees each mention in its context and chooses which to redact (all by
 * default); the retention scan redacts them all. Other people's text stays as it was.
 */

const letters = (n: number) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');
/**
 * The eight digits after « 06 » or « 07 » of a metropolitan mobile, as four pairs: « 42 34 56 78 ».
 * The first pair stays within 40–89, the only span that is a mobile after both (06 39 and 06 9x
 * are overseas numbers, 07 00–29 are not allocated): a number outside it is refused, and the test with it.
 */
const pairs = () => [randomInt(40, 90), ...Array.from({ length: 3 }, () => randomInt(10, 100))].map(String).join(' ');

type World = PrivacyWorld;

interface Match {
  id: string;
  table: string;
  column: string;
  rowId: string;
  path: string | null;
  kind: string;
  source: string;
  text: string;
  context: { before: string; match: string; after: string };
}

describe('privacy: mentions of a person in free text (e2e)', () => {
  let t: TestApp;
  let other: World;

  const world = (name: string) => privacyWorld(t, name);

  const realTime = () => t.clock.set(new Date());
  /** « [effacé le JJ/MM/AAAA] » for the Paris day of the app's clock. */
  const markNow = () => {
    const [year, month, day] = calendarDayIn('Europe/Paris', t.clock.now()).split('-');
    return `[effacé le ${day}/${month}/${year}]`;
  };
  /** Logs a note on the company's timeline; its id. */
  const note = async (who: Api, companyId: string, text: string): Promise<string> => {
    await who.post(`/api/companies/${companyId}/activities`, { type: 'note', text }).expect(201);
    return (await one(`SELECT id FROM activity WHERE company_id = $1 AND text = $2`, [companyId, text])).id;
  };
  const one = async (sql: string, params: unknown[]) => (await t.dataSource.query(sql, params))[0];

  const tablesHolding = (needle: string) => tablesHoldingIn(t.dataSource, needle);

  beforeAll(async () => {
    t = await createTestApp();
    other = await world('EI Ailleurs');
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => realTime());

  it('shows the manager every mention of a candidate with its context, and redacts those left checked (form without JavaScript)', async () => {
    const w = await world('ACI Mentions');
    const s = letters(6);
    const surname = `Dûrandmark${s}`;
    const plain = `Durandmark${s}`;
    const digits = pairs();
    const email = `hugo.${s}@exemple.fr`;
    const hugo = (await w.s.post('/api/candidates', { firstName: 'Hugo', lastName: surname, email, phone: `06 ${digits}`, ownerId: w.staff.id }).expect(201))
      .body.id as string;
    // Another Hugo, whose notes name the first one: only the first one's mentions go.
    const bernard = `Bernard${s}`;
    const otherHugo = (
      await w.s
        .post('/api/candidates', { firstName: 'Hugo', lastName: bernard, notes: `Binôme avec M. ${plain} (tél. +33 6 ${digits}) ; Hugo ${bernard} préfère le matin` })
        .expect(201)
    ).body.id as string;
    const companyNotes = `${plain.toUpperCase()}, Hugo : à rappeler. Écrire à ${email.toUpperCase()}`;
    const company = (await w.s.post('/api/companies', { name: `Logistique ${letters(8)}`, notes: companyNotes }).expect(201)).body;
    const visit = `Rencontre avec H. ${surname} : sa santé (diabète) demande un poste assis. Hugo ${bernard} viendra aussi.`;
    const visitId = await note(w.s, company.id, visit);
    // His mother, named like him: the manager keeps this one.
    const mother = `Mme ${plain}, sa mère, accompagnera. Hugo rappellera.`;
    const motherId = await note(w.s, company.id, mother);
    const lead = (
      await w.s
        .post('/api/leads', {
          companyId: company.id,
          jobTitle: `Poste assis pour Hugo ${plain} (hernie discale)`,
          contractType: 'cdi',
          adaptations: [`Pauses pour ${plain} H.`, 'Siège ergonomique'],
          requirements: ['Permis B'],
        })
        .expect(201)
    ).body;

    // ---- the preview: managers only, this structure only
    await w.s.get(`/api/privacy/candidates/${hugo}/erasure-preview`).expect(403);
    await other.m.get(`/api/privacy/candidates/${hugo}/erasure-preview`).expect(404);
    const preview = (await w.m.get(`/api/privacy/candidates/${hugo}/erasure-preview`).expect(200)).body;
    expect(preview).toMatchObject({ subjectType: 'candidate', id: hugo, erasedAt: null });
    const matches = preview.matches as Match[];
    const found = matches.map(({ table, column, rowId, path, kind, text }) => ({ table, column, rowId, path, kind, text }));
    expect(found).toEqual(
      expect.arrayContaining([
        { table: 'candidate', column: 'notes', rowId: otherHugo, path: null, kind: 'name', text: `M. ${plain}` },
        { table: 'candidate', column: 'notes', rowId: otherHugo, path: null, kind: 'phone', text: `+33 6 ${digits}` },
        { table: 'company', column: 'notes', rowId: company.id, path: null, kind: 'name', text: `${plain.toUpperCase()}, Hugo` },
        { table: 'company', column: 'notes', rowId: company.id, path: null, kind: 'email', text: email.toUpperCase() },
        { table: 'activity', column: 'text', rowId: visitId, path: null, kind: 'name', text: `H. ${surname}` },
        { table: 'activity', column: 'text', rowId: motherId, path: null, kind: 'name', text: `Mme ${plain}` },
        { table: 'job_lead', column: 'job_title', rowId: lead.id, path: null, kind: 'name', text: `Hugo ${plain}` },
        { table: 'job_lead', column: 'adaptations', rowId: lead.id, path: '[0]', kind: 'name', text: `${plain} H.` },
        // The audit trail of the company's creation holds its notes too.
        { table: 'audit_event', column: 'changes', rowId: expect.any(String), path: 'notes.to', kind: 'name', text: `${plain.toUpperCase()}, Hugo` },
        { table: 'audit_event', column: 'changes', rowId: expect.any(String), path: 'notes.to', kind: 'email', text: email.toUpperCase() },
      ]),
    );
    // Nothing else: not « Hugo » alone, not the other Hugo, not the person's own record nor its history.
    expect(found).toHaveLength(10);
    expect(matches.find((match) => match.rowId === visitId)).toMatchObject({
      source: 'Compte rendu d’un échange avec une entreprise',
      context: { before: 'Rencontre avec ', match: `H. ${surname}`, after: ' : sa santé (diabète) demande…' },
    });

    // ---- the page: every mention, checked, in its context
    const page = await w.m.agent.get(`/rgpd/candidats/${hugo}`).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('Mentions ailleurs dans les textes de la structure (10)');
    expect(page.text).toContain(`Rencontre avec <mark>H. ${surname}</mark> : sa santé`);
    expect(page.text.match(/name="redact" value="[0-9a-f]{24}" checked/g)).toHaveLength(10);
    const shown = /name="matchIds" value="([0-9a-f,]+)"/.exec(page.text)![1];
    expect(shown.split(',').sort()).toEqual(matches.map((match) => match.id).sort());
    const motherMatch = matches.find((match) => match.rowId === motherId)!;

    // Meanwhile someone edits the company's notes: the redaction finds the mentions where they now are.
    const edited = `Urgent. ${companyNotes}`;
    await w.s.patch(`/api/companies/${company.id}`, { notes: edited }).expect(200);
    const companyVersion = (await one(`SELECT version FROM company WHERE id = $1`, [company.id])).version;

    // A refused form (no reason) writes nothing and keeps the choices.
    const redact = matches.filter((match) => match !== motherMatch).map((match) => match.id);
    const refused = await w.m.agent
      .post(`/rgpd/candidats/${hugo}/effacer`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: w.csrf.m, reason: '', matchIds: shown, redact })
      .expect(400);
    expect(refused.text).toContain(`name="redact" value="${motherMatch.id}">`);
    // The edit added mentions (its audit event, before and after): shown checked; the unchecked one stays so.
    expect(refused.text.match(/name="redact" value="[0-9a-f]{24}" checked/g)).toHaveLength(9 + 4);
    expect((await one(`SELECT text FROM activity WHERE id = $1`, [visitId])).text).toBe(visit);

    const form = await w.m.agent
      .post(`/rgpd/candidats/${hugo}/effacer`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: w.csrf.m, reason: `Demande écrite de Hugo ${plain} reçue le 02/12`, matchIds: shown, redact })
      .expect(303);
    expect(form.headers.location).toBe(`/rgpd/candidats/${hugo}?ok=efface`);
    const mark = markNow();

    // Each confirmed mention is replaced, the rest of each text stays; the unchecked one is kept.
    expect((await one(`SELECT text FROM activity WHERE id = $1`, [visitId])).text).toBe(
      `Rencontre avec ${mark} : sa santé (diabète) demande un poste assis. Hugo ${bernard} viendra aussi.`,
    );
    expect((await one(`SELECT text FROM activity WHERE id = $1`, [motherId])).text).toBe(mother);
    expect(await one(`SELECT notes, version FROM company WHERE id = $1`, [company.id])).toEqual({
      notes: `Urgent. ${mark} : à rappeler. Écrire à ${mark}`,
      version: companyVersion + 1,
    });
    expect(await one(`SELECT job_title, adaptations, requirements, version FROM job_lead WHERE id = $1`, [lead.id])).toEqual({
      job_title: `Poste assis pour ${mark} (hernie discale)`,
      adaptations: [`Pauses pour ${mark}`, 'Siège ergonomique'],
      requirements: ['Permis B'],
      version: lead.version + 1,
    });
    expect((await one(`SELECT notes FROM candidate WHERE id = $1`, [otherHugo])).notes).toBe(
      `Binôme avec ${mark} (tél. ${mark}) ; Hugo ${bernard} préfère le matin`,
    );
    // The reason typed by the manager does not keep the name either.
    expect((await one(`SELECT reason FROM privacy_request WHERE subject_id = $1 AND kind = 'erasure'`, [hugo])).reason).not.toContain(plain);
    // The other Hugo is untouched.
    expect(await one(`SELECT first_name, last_name FROM candidate WHERE id = $1`, [otherHugo])).toEqual({ first_name: 'Hugo', last_name: bernard });
    // Nothing left to find; the form is gone.
    expect((await w.m.get(`/api/privacy/candidates/${hugo}/erasure-preview`).expect(200)).body).toMatchObject({ erasedAt: expect.any(String), matches: [] });
    expect((await w.m.agent.get(`/rgpd/candidats/${hugo}`).set('Accept', 'text/html').expect(200)).text).not.toContain('name="redact"');
    for (const needle of [email, digits]) expect({ needle, tables: await tablesHolding(needle) }).toEqual({ needle, tables: [] });
  });

  it('erases a contact through the API, keeping only the mentions listed in keepMatchIds', async () => {
    const w = await world('EI Contacts nommés');
    const s = letters(6);
    const surname = `Quillardet${s}`;
    const phone = `07 ${pairs()}`;
    const company = (await w.s.post('/api/companies', { name: `Menuiserie ${letters(8)}` }).expect(201)).body.id as string;
    const zoe = (await w.s.post(`/api/companies/${company}/contacts`, { firstName: 'Zoé', lastName: surname, email: `zoe.${s}@entreprise.fr`, phone }).expect(201))
      .body.id as string;
    const otherCompany = (await w.s.post('/api/companies', { name: `Boulangerie ${letters(8)}` }).expect(201)).body.id as string;
    const call = `Mme ${surname} convient, rappeler au ${phone.replace(/ /g, '')}. Zoé Martin${s} a aussi appelé.`;
    const callId = await note(w.s, otherCompany, call);
    const candidate = (await w.s.post('/api/candidates', { firstName: 'Samir', lastName: `Amrani${s}`, notes: `Recommandé par Zoé ${surname.toUpperCase()}` }).expect(201))
      .body.id as string;
    const lead = (await w.s.post('/api/leads', { companyId: otherCompany, jobTitle: 'Vendeur·se', contractType: 'cdd' }).expect(201)).body;
    await w.s.post(`/api/leads/${lead.id}/status`, { status: 'abandoned', abandonReason: `Madame ${surname} a quitté l’entreprise`, version: lead.version }).expect(201);

    const preview = (await w.m.get(`/api/privacy/contacts/${zoe}/erasure-preview`).expect(200)).body;
    const matches = preview.matches as Match[];
    expect(matches.map(({ table, column, kind, text }) => ({ table, column, kind, text }))).toEqual(
      expect.arrayContaining([
        { table: 'activity', column: 'text', kind: 'name', text: `Mme ${surname}` },
        { table: 'activity', column: 'text', kind: 'phone', text: phone.replace(/ /g, '') },
        { table: 'candidate', column: 'notes', kind: 'name', text: `Zoé ${surname.toUpperCase()}` },
        { table: 'job_lead', column: 'abandon_reason', kind: 'name', text: `Madame ${surname}` },
      ]),
    );
    expect(matches).toHaveLength(4);
    const kept = matches.find((match) => match.table === 'candidate')!;

    // Malformed ids are refused, naming the field, and erase nothing.
    for (const keepMatchIds of [['pas-un-id'], 'abc', [42]]) {
      const refused = await w.m.post(`/api/privacy/contacts/${zoe}/erase`, { reason: 'Demande par courriel', keepMatchIds }).expect(400);
      expect(fieldsOf(refused.body)).toEqual(['keepMatchIds']);
    }
    expect((await one(`SELECT erased_at FROM contact WHERE id = $1`, [zoe])).erased_at).toBeNull();

    await w.m.post(`/api/privacy/contacts/${zoe}/erase`, { reason: 'Demande par courriel du 01/12', keepMatchIds: [kept.id] }).expect(200);
    const mark = markNow();
    expect((await one(`SELECT text FROM activity WHERE id = $1`, [callId])).text).toBe(`${mark} convient, rappeler au ${mark}. Zoé Martin${s} a aussi appelé.`);
    expect((await one(`SELECT notes FROM candidate WHERE id = $1`, [candidate])).notes).toBe(`Recommandé par Zoé ${surname.toUpperCase()}`);
    expect((await one(`SELECT abandon_reason FROM job_lead WHERE id = $1`, [lead.id])).abandon_reason).toBe(`${mark} a quitté l’entreprise`);
  });

  it('redacts every mention, without asking, when the retention scan anonymises someone', async () => {
    const w = await world('ACI Conservation');
    const retention = asWorker(t.app.get(RetentionService), 'retention');
    const s = letters(6);
    const surname = `Rétentionmark${s}`;
    const digits = pairs();
    const odile = (await w.s.post('/api/candidates', { firstName: 'Odile', lastName: surname, phone: `06 ${digits}`, ownerId: w.staff.id }).expect(201)).body
      .id as string;
    await w.s.post(`/api/candidates/${odile}/exit`, { exitDate: '2027-05-10', exitCategory: 'other' }).expect(200);
    const notes = `Appeler Mme ${surname.toUpperCase()} au +33 (0)6 ${digits} ; Odile Marchand${s} est d’accord.`;
    const company = (await w.s.post('/api/companies', { name: `Atelier ${letters(8)}`, notes }).expect(201)).body.id as string;

    const scanAt = async (instant: string) => {
      t.clock.set(new Date(instant));
      try {
        return await retention.run(undefined, { structureIds: [w.structure.id] });
      } finally {
        realTime();
      }
    };
    expect(await scanAt('2029-04-10T10:00:00Z')).toEqual({ warned: 1, anonymised: 0, failed: 0 });
    expect((await one(`SELECT notes FROM company WHERE id = $1`, [company])).notes).toBe(notes);
    expect(await scanAt('2029-05-10T10:00:00Z')).toEqual({ warned: 0, anonymised: 1, failed: 0 });
    expect((await one(`SELECT notes FROM company WHERE id = $1`, [company])).notes).toBe(
      `Appeler [effacé le 10/05/2029] au [effacé le 10/05/2029] ; Odile Marchand${s} est d’accord.`,
    );
    // The warning e-mail recorded in the outbox named her too.
    for (const needle of [surname, digits]) expect({ needle, tables: await tablesHolding(needle) }).toEqual({ needle, tables: [] });
  });
});
