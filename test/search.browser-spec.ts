import { CompaniesService } from '../src/companies/companies.service';
import { Actor } from '../src/tenancy/actor';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

/** Issue 17, point 7: the header's search (« / », results as you type, keyboard) and the ROME picker, in Chromium. */
describe('search everywhere in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('finds a company by a partial accented name from « / », and opens it from the keyboard without touching the mouse', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Cherche');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Lina');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const bakery = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Pâtisserie Bérénice', commune: 'Lyon' });
    await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Garage Martin' });
    const { page, errors } = await harness.open(staff, '/');
    await page.waitForFunction(() => 'htmx' in window);

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('recherche-globale');
    await page.keyboard.type('pâtis bere');
    const hit = page.locator('#recherche-resultats a.search-hit', { hasText: 'Pâtisserie Bérénice' });
    await hit.waitFor();
    expect(await page.locator('#recherche-resultats').getByRole('heading', { name: 'Entreprises' }).count()).toBe(1);
    expect(await page.locator('#recherche-resultats').textContent()).not.toContain('Garage Martin');

    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '')).toContain('Pâtisserie Bérénice');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/entreprises/${bakery.id}`);
    await page.getByRole('heading', { level: 1, name: 'Pâtisserie Bérénice' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('proposes ROME codes while the job title is typed, and a choice fills the code field', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Métiers');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Noé');
    const { page, errors } = await harness.open(staff, '/pistes/nouvelle');
    await page.waitForFunction(() => 'htmx' in window);
    await page.getByLabel('Intitulé du poste').fill('cariste');
    const choice = page.locator('#piste-romeCode-choix .rome-choice').first();
    await choice.waitFor();
    expect(await choice.textContent()).toContain('N1101');
    await choice.click();
    expect(await page.getByLabel('Code ROME').inputValue()).toBe('N1101');
    expect(await page.locator('#piste-romeCode-choisi').textContent()).toContain('Code N1101 choisi');
    expect(errors).toEqual([]);
  });
});
