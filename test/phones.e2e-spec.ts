import { PhonesInE1641765300100000 } from '../migrations/1765300100000-PhonesInE164';
import { Structure } from '../src/structures/structure.entity';
import { api, Api, fieldsOf } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/**
 * Phone numbers typed the French way are stored in E.164 and shown back as « 06 12 34 56 78 »; what
 * is not a number is refused on the field; numbers typed before that are converted by the migration
 * PhonesInE164, and those that are not numbers stay as typed, marked « numéro à vérifier » on pages.
 */
describe('phone numbers (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let a: Api;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date());
    structure = await createStructure(t.dataSource, 'ACI Numéros');
    a = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'staff', 'Karim')).email));
  });
  afterAll(() => t.close());

  const html = async (path: string) => (await a.get(path).set('Accept', 'text/html').expect(200)).text;

  it('stores a candidate’s, a company’s and a contact’s numbers in E.164 and shows them in French format', async () => {
    const candidate = await a.post('/api/candidates', { firstName: 'Awa', lastName: 'Diallo', phone: '06.12.34.56.78' }).expect(201);
    expect(candidate.body.phone).toBe('+33612345678');
    const company = await a.post('/api/companies', { name: 'Propreté Nordique', phone: '03 20 45 12 78' }).expect(201);
    expect(company.body.phone).toBe('+33320451278');
    const contact = await a.post(`/api/companies/${company.body.id}/contacts`, { firstName: 'Farid', lastName: 'Bensaïd', phone: '0033 6 98 76 54 32' }).expect(201);
    expect(contact.body.phone).toBe('+33698765432');
    const guyane = await a.patch(`/api/contacts/${contact.body.id}`, { phone: '0694 20 12 34' }).expect(200);
    expect(guyane.body.phone).toBe('+594694201234');

    const candidatePage = await html(`/candidats/${candidate.body.id}`);
    expect(candidatePage).toContain('<a href="tel:+33612345678">06 12 34 56 78</a>');
    expect(candidatePage).not.toContain('numéro à vérifier');
    const companyPage = await html(`/entreprises/${company.body.id}`);
    expect(companyPage).toContain('<a href="tel:+33320451278">03 20 45 12 78</a>');
    expect(companyPage).toContain('<a href="tel:+594694201234">0694 20 12 34</a>');
  });

  it.each([
    ['letters', 'appeler le matin'],
    ['too short', '06 12 34'],
    ['a premium-rate number', '08 99 23 45 67'],
  ])('refuses %s on the phone field, saving nothing', async (_case, phone) => {
    const candidate = await a.post('/api/candidates', { firstName: 'Refus', lastName: 'Numéro', phone }).expect(400);
    expect(candidate.body.details[0]).toMatchObject({ field: 'phone', code: 'candidate.phone_invalid' });
    const company = await a.post('/api/companies', { name: `Refus ${_case}`, phone }).expect(400);
    expect(company.body.details[0]).toMatchObject({ field: 'phone', code: 'company.phone_invalid' });
    const owner = (await a.post('/api/companies', { name: `Avec contact ${_case}` }).expect(201)).body.id;
    const contact = await a.post(`/api/companies/${owner}/contacts`, { lastName: 'Refus', phone }).expect(400);
    expect(fieldsOf(contact.body)).toEqual(['phone']);
    expect(contact.body.details[0]).toMatchObject({ code: 'company.contact_phone_invalid' });
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM candidate WHERE structure_id = $1 AND last_name = 'Numéro'`, [structure.id]);
    expect(rows[0].n).toBe(0);
  });

  it('says in French on the new candidate form what a phone number looks like', async () => {
    const page = await a.agent.get('/candidats/nouveau').set('Accept', 'text/html').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const refused = await a.agent
      .post('/candidats/nouveau')
      .type('form')
      .send({ _csrf: csrf, firstName: 'Awa', lastName: 'Formulaire', phone: '06 12 34' });
    expect(refused.text).toContain('Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.');
  });

  describe('migration PhonesInE164', () => {
    const runMigration = async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await new PhonesInE1641765300100000().up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    };
    const insert = async (sql: string, params: unknown[]) => ((await t.dataSource.query(sql, params)) as Array<{ id: string }>)[0].id;
    const phoneOf = async (table: string, id: string) => ((await t.dataSource.query(`SELECT phone FROM ${table} WHERE id = $1`, [id])) as Array<{ phone: string | null }>)[0].phone;

    it('converts the valid numbers typed before, leaves the others as typed and marks them on the page', async () => {
      const other = await createStructure(t.dataSource, 'EI Voisine', 'EI');
      const candidate = (phone: string | null, where = structure) =>
        insert(`INSERT INTO candidate (structure_id, first_name, last_name, phone) VALUES ($1, 'Ancien', 'Numéro', $2) RETURNING id`, [where.id, phone]);
      const company = async (phone: string | null) => {
        const id = (await a.post('/api/companies', { name: `Ancienne ${phone}` }).expect(201)).body.id as string;
        await t.dataSource.query(`UPDATE company SET phone = $2 WHERE id = $1`, [id, phone]);
        return id;
      };
      const ids = {
        dotted: await candidate('06.12.34.56.78'),
        international: await candidate('+33 7 61 22 33 44'),
        reunion: await candidate('0262 21 12 34'),
        belgian: await candidate('+32 470 12 34 56'),
        words: await candidate('appeler le matin'),
        short: await candidate('06 12 34'),
        none: await candidate(null),
        elsewhere: await candidate('06 11 22 33 44', other),
        switchboard: await company('03 20 88 10 10'),
        premium: await company('08 99 23 45 67'),
      };
      const owner = await company(null);
      const contact = await insert(`INSERT INTO contact (structure_id, company_id, last_name, phone) VALUES ($1, $2, 'Ancien', '07-55-44-33-22') RETURNING id`, [
        structure.id,
        owner,
      ]);

      await runMigration();

      expect({
        dotted: await phoneOf('candidate', ids.dotted),
        international: await phoneOf('candidate', ids.international),
        reunion: await phoneOf('candidate', ids.reunion),
        belgian: await phoneOf('candidate', ids.belgian),
        words: await phoneOf('candidate', ids.words),
        short: await phoneOf('candidate', ids.short),
        none: await phoneOf('candidate', ids.none),
        elsewhere: await phoneOf('candidate', ids.elsewhere),
        switchboard: await phoneOf('company', ids.switchboard),
        premium: await phoneOf('company', ids.premium),
        contact: await phoneOf('contact', contact),
      }).toEqual({
        dotted: '+33612345678',
        international: '+33761223344',
        reunion: '+262262211234',
        belgian: '+32470123456',
        words: 'appeler le matin',
        short: '06 12 34',
        none: null,
        elsewhere: '+33611223344',
        switchboard: '+33320881010',
        premium: '08 99 23 45 67',
        contact: '+33755443322',
      });

      const unchecked = await html(`/candidats/${ids.short}`);
      expect(unchecked).toContain('06 12 34</a> <span class="hint">(numéro à vérifier)</span>');
      expect(await html(`/candidats/${ids.belgian}`)).toContain('>+32 470 12 34 56</a>');
      expect(await html(`/entreprises/${ids.premium}`)).toContain('(numéro à vérifier)');
    });
  });
});
