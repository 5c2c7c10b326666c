import { api } from './helpers/api';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';

describe('the encounter pages, in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('creates a job dating through the form, invites, flags who got no e-mail, marks attendance in one screen and counts the positive outcome', async () => {
    // Wednesday 10 March 2027, 09:00 in Paris: the job dating starts at 09:30.
    t.clock.set(new Date('2027-03-10T08:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Rencontres navigateur');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const a = api(await login(t.app.getHttpServer(), staff.email));
    const bakery = (await a.post('/api/companies', { name: 'Boulangerie Martin', address: '3 rue du Four', postcode: '59000', commune: 'Lille' }).expect(201)).body;
    await a.post(`/api/companies/${bakery.id}/contacts`, { firstName: 'Marc', lastName: 'Martin', email: 'marc.martin@boulangerie.example' }).expect(201);
    const samira = (await a.post('/api/candidates', { firstName: 'Samira', lastName: 'Benali', email: 'samira.benali@exemple.fr' }).expect(201)).body;
    await a.post('/api/candidates', { firstName: 'Jonas', lastName: 'Petit' }).expect(201);
    await a.post('/api/placements', { candidateId: samira.id, companyId: bakery.id, contractType: 'cdi', jobTitle: 'Vendeuse', startDate: '2027-03-15' }).expect(201);

    const { page, errors } = await harness.open(staff, '/rencontres');
    await page.getByRole('link', { name: 'Nouvelle rencontre' }).click();
    await page.getByRole('heading', { name: 'Nouvelle rencontre' }).waitFor();
    await page.getByLabel('Type').selectOption({ label: 'Job dating' });
    await page.getByLabel('Titre').fill('Job dating boulangerie');
    await page.getByLabel(/^Date/).fill('2027-03-10');
    await page.getByLabel('Début').fill('09:30');
    await page.getByLabel(/^Fin/).fill('11:30');
    await page.getByLabel('Places').fill('10');
    await page.getByLabel('Entreprise qui accueille').selectOption({ label: 'Boulangerie Martin' });
    await page.getByRole('button', { name: 'Créer la rencontre' }).click();
    await page.getByText('La rencontre a été créée.').waitFor();
    await page.getByRole('heading', { name: 'Job dating boulangerie' }).waitFor();
    await page.getByText('Chez Boulangerie Martin (Lille)').waitFor();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    await page.getByLabel('Personne 1', { exact: true }).selectOption({ label: 'Samira Benali' });
    await page.getByLabel('Personne 2', { exact: true }).selectOption({ label: 'Jonas Petit' });
    await page.getByLabel(/Marc Martin/).check();
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await page.getByText('Les invitations sont parties.').waitFor();
    const participants = page.locator('#participants');
    await participants.locator('li', { hasText: 'Jonas Petit' }).getByText('Pas d’adresse e-mail').waitFor();
    await participants.locator('li', { hasText: 'Samira Benali' }).getByText('Invitation envoyée').waitFor();
    await participants.locator('li', { hasText: 'Marc Martin' }).getByText('Invitation envoyée').waitFor();
    await participants.getByText('2 places prises sur 10').waitFor();
    // Invited in place, and the invite form comes back afresh: Marc is no longer offered.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(await page.locator('#inviter').getByLabel(/Marc Martin/).count()).toBe(0);
    // Before the start, only confirmed and excused can be said.
    expect(await page.locator('#presence').getByLabel('Présent·e').count()).toBe(0);

    // 09:45 in Paris: it has started.
    t.clock.set(new Date('2027-03-10T08:45:00Z'));
    await page.reload();
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const presence = page.locator('#presence');
    await presence.getByRole('group', { name: /Samira Benali/ }).getByLabel('Présent·e').check();
    await presence.getByRole('group', { name: /Jonas Petit/ }).getByLabel('Présent·e').check();
    await presence.getByRole('group', { name: /Marc Martin/ }).getByLabel('Présent·e').check();
    await presence.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await page.getByText('La présence a été enregistrée.').waitFor();
    await page.getByText('0 retour positif sur 2 présent·es (0 %)').waitFor();

    const samiraRow = page.locator('#suites li', { hasText: 'Samira Benali' });
    await samiraRow.getByLabel('Suite', { exact: true }).selectOption({ label: 'Contrat de travail' });
    await samiraRow.getByLabel('Devenue').selectOption({ label: 'CDI : Vendeuse · Boulangerie Martin' });
    await samiraRow.getByRole('button', { name: 'Enregistrer la suite pour Samira Benali' }).click();
    await page.getByText('1 retour positif sur 2 présent·es (50 %)').waitFor();
    await page.locator('#suites li', { hasText: 'Samira Benali' }).getByText('La suite a été enregistrée.').waitFor();
    // In place: the same document, no navigation.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    // The one screen holds on a phone: no sideways scrolling at 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
