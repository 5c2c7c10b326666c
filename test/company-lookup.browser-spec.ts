import { User } from '../src/users/user.entity';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';

/** The look-up against the recorded directory (src/dev/company-directory/recorded-search.json), as a person uses it. */
describe('the company look-up in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;
  let staff: User;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
    t.clock.set(new Date('2026-12-07T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Annuaire navigateur');
    staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
  });
  afterAll(() => harness?.close());

  it('types a name, picks a proposal, finds the form filled and creates the company, on a phone', async () => {
    const { page, errors } = await harness.open(staff, '/entreprises/nouvelle', 390);
    await page.getByLabel('Code postal').fill('59100');
    await page.getByLabel('Étiquettes').fill('mécanique');
    await page.getByLabel('Nom de l’entreprise').pressSequentially('garage trois');

    const proposals = page.locator('#nouvelle-annuaire');
    expect(await proposals.getAttribute('aria-live')).toBe('polite');
    const choose = proposals.getByRole('button', { name: 'Choisir GARAGE DES TROIS PONTS, SIRET 88812345200011' });
    await choose.waitFor();
    expect(await proposals.textContent()).toContain('210 BOULEVARD DE BEAUREPAIRE, 59100 ROUBAIX');
    await choose.click();

    await page.getByText('Fiche remplie depuis l’annuaire des entreprises').waitFor();
    expect(await page.getByLabel('Nom de l’entreprise').inputValue()).toBe('GARAGE DES TROIS PONTS');
    expect(await page.getByLabel('SIRET').inputValue()).toBe('88812345200011');
    expect(await page.getByLabel('Code NAF').inputValue()).toBe('45.20A');
    expect(await page.getByLabel('Tranche d’effectif').inputValue()).toBe('11');
    expect(await page.getByLabel('Adresse').inputValue()).toBe('210 BOULEVARD DE BEAUREPAIRE');
    expect(await page.getByLabel('Commune').inputValue()).toBe('ROUBAIX');
    expect(await page.getByLabel('Étiquettes').inputValue()).toBe('mécanique');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
    await page.waitForURL(/\/entreprises\/[0-9a-f-]{36}\?ok=creee/);
    await page.getByRole('heading', { level: 1, name: 'GARAGE DES TROIS PONTS' }).waitFor();
    const facts = await page.locator('.company-facts').textContent();
    expect(facts).toContain('88812345200011');
    expect(facts).toContain('45.20A');
    const created = page.url();

    // Looked up again, it is « Déjà dans Tremplin » and links to this company.
    await page.goto(`${harness.baseUrl}/entreprises/nouvelle`);
    await page.getByLabel('Code postal').fill('59100');
    await page.getByLabel('Nom de l’entreprise').pressSequentially('garage trois');
    const existing = page.locator('#nouvelle-annuaire .lookup-existing');
    await existing.waitFor();
    expect(await existing.textContent()).toContain('Déjà dans Tremplin (même SIRET)');
    await existing.getByRole('link').click();
    await page.waitForURL(created.split('?')[0]);
    expect(errors).toEqual([]);
  });
});
