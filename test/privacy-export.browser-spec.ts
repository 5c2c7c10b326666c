import { randomUUID } from 'node:crypto';
import { api } from './helpers/api';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';

/** The RGPD pages of a person, with their new sections, on a 390 px wide phone: nothing wider than the screen. */
describe('RGPD export pages in Chromium at 390 px', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('shows every section of a candidate’s and a contact’s data without scrolling sideways', async () => {
    const { t } = harness;
    const structure = await createStructure(t.dataSource, 'ACI Mobile');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Mona');
    const s = api(await login(t.app.getHttpServer(), staff.email));
    const m = api(await login(t.app.getHttpServer(), manager.email));
    const email = `zoe.tres-longue-adresse-${randomUUID()}@exemple-de-domaine-long.fr`;
    const candidate = (await s.post('/api/candidates', { firstName: 'Zoé', lastName: 'Mobilemark', email, notes: 'Note' }).expect(201)).body.id as string;
    const company = (await s.post('/api/companies', { name: 'Logistique du Littoral et des Hauts-de-France' }).expect(201)).body.id as string;
    const contact = (await s.post(`/api/companies/${company}/contacts`, { firstName: 'Paul', lastName: 'Gérard', email: `paul-${randomUUID()}@exemple.fr` }).expect(201)).body.id;
    await s.post(`/api/companies/${company}/activities`, { type: 'note', contactId: contact, text: `Présenté Zoé Mobilemark (${email}), à rappeler la semaine prochaine pour un entretien` }).expect(201);
    await s.post(`/api/companies/${company}/activities`, { type: 'call', outcome: 'need_found', contactId: contact, text: 'Besoin d’un préparateur de commandes' }).expect(201);
    const lead = (
      await s
        .post('/api/leads', {
          companyId: company,
          contactId: contact,
          jobTitle: 'Préparateur·rice de commandes en entrepôt frigorifique',
          contractType: 'cdi',
          requirements: ['CACES 1 (formation possible à l’embauche)'],
          adaptations: ['Poste assis une partie de la journée', 'Horaires 8 h-15 h'],
        })
        .expect(201)
    ).body.id;
    await s.post(`/api/leads/${lead}/proposals`, { candidateId: candidate, force: true }).expect(201);
    await m.patch(`/api/candidates/${candidate}`, { email: email.replace("zoe.", "z."), notes: 'Autre note' }).expect(200);
    await m.get('/api/candidates/export.csv?sensitive=true').expect(200);
    // Reads: the answers to the creation and to the edit (they carry her notes), the CSV export, and the page itself (an export of everything about her).

    const pages: Array<[string, string[]]> = [
      [
        `/rgpd/candidats/${candidate}`,
        ['Échanges et notes la ou le concernant (1)', 'Postes pour lesquels elle ou il a été proposé·e (1)', 'Modifications de sa fiche (2)', 'Consultations de ses informations confidentielles (4)'],
      ],
      [`/rgpd/contacts/${contact}`, ['Échanges avec ce contact (2)', 'Pistes dont ce contact est l’interlocuteur (1)']],
    ];
    for (const [path, headings] of pages) {
      const { page, errors } = await harness.open(staff, path, 390);
      for (const heading of headings) await page.getByRole('heading', { name: heading }).waitFor();
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect({ path, ...widths }).toEqual({ path, page: 390, screen: 390 });
      expect(errors).toEqual([]);
      await page.screenshot({ path: `test-results/rgpd-${path.split('/')[2]}-390.png`, fullPage: true });
      await page.close();
    }
  });
});
