import { CompaniesService } from '../src/companies/companies.service';
import { Actor } from '../src/tenancy/actor';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

/** Issue 17, points 7 and 8: the companies list acted on in place, and a picker that searches, in Chromium. */
describe('pickers and lists in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('ticks two companies and assigns them an owner, the list updating in place', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Listes');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Romane');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    for (const name of ['Boulangerie Aubépine', 'Cave Séléné', 'Garage Martin']) await companies.create(actor, { name });
    const { page, errors } = await harness.open(staff, '/entreprises');
    await page.waitForFunction(() => 'htmx' in window);
    await page.evaluate(() => ((window as unknown as { pickerMarker: string }).pickerMarker = 'same page'));

    await page.getByRole('checkbox', { name: 'Boulangerie Aubépine' }).check();
    await page.getByRole('checkbox', { name: 'Cave Séléné' }).check();
    await page.locator('[data-bulk-count]', { hasText: '2 sélectionnées' }).waitFor();
    await page.getByLabel('Référent·e', { exact: true }).selectOption({ label: 'Romane staff' });
    await page.getByRole('button', { name: 'Attribuer' }).click();

    await page.getByText('2 entreprises modifiées.').waitFor();
    const owners = await page.locator('.company-table tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('td:nth-child(2)')?.textContent?.trim(), row.querySelector('td:nth-child(5)')?.textContent?.trim()]),
    );
    expect(owners).toEqual(
      expect.arrayContaining([
        ['Boulangerie Aubépine', 'Romane staff'],
        ['Cave Séléné', 'Romane staff'],
        ['Garage Martin', 'Non attribuée'],
      ]),
    );
    expect(await page.evaluate(() => (window as unknown as { pickerMarker?: string }).pickerMarker)).toBe('same page');
    expect(errors).toEqual([]);
  });

  it('creates a lead by typing part of an accented company name and choosing it from the keyboard', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Pépinière');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Yanis');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const nursery = await companies.create(actor, { name: 'Pépinière Éloïse', commune: 'Lyon' });
    for (let index = 1; index <= 50; index++) await companies.create(actor, { name: `Atelier ${String(index).padStart(2, '0')}` });
    const { page, errors } = await harness.open(staff, '/pistes/nouvelle');

    const picker = page.getByRole('combobox', { name: 'Entreprise' });
    await picker.waitFor();
    expect(await page.getByRole('button', { name: 'Chercher' }).count()).toBe(0);
    await picker.pressSequentially('pepin');
    await page.getByRole('option', { name: 'Pépinière Éloïse (Lyon)' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await page.locator('#piste-companyId-liste [role=option]').count()).toBe(0);
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await picker.pressSequentially('i');
    await page.getByRole('option', { name: 'Pépinière Éloïse (Lyon)' }).waitFor();
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await picker.getAttribute('aria-activedescendant')).toBe(await page.getByRole('option', { name: 'Pépinière Éloïse (Lyon)' }).getAttribute('id'));
    await page.keyboard.press('Enter');
    await page.locator('#piste-companyId-choisi', { hasText: 'Choisi : Pépinière Éloïse.' }).waitFor();
    expect(await page.locator('#piste-companyId').inputValue()).toBe(nursery.id);
    expect(await picker.getAttribute('aria-expanded')).toBe('false');

    await page.getByLabel('Intitulé du poste').fill('Jardinier');
    await page.getByLabel('Type de contrat').selectOption('cdi');
    await page.getByRole('button', { name: 'Créer la piste' }).click();
    await page.waitForURL(/\/pistes\/[0-9a-f-]{36}\?/);
    await page.getByRole('heading', { level: 1, name: 'Jardinier' }).waitFor();
    expect(await page.getByText('Pépinière Éloïse').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
