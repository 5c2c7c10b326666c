import { Browser } from 'playwright-core';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, PASSWORD } from './helpers/fixtures';

describe('web interface in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, browser, baseUrl } = harness);
  });
  afterAll(() => harness?.close());

  it('logs in from the French login page, sees the home page and navigation, and logs out', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Les Jardins');
    const admin = await createUser(t.dataSource, structure, 'admin', 'Nadia');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));

    await page.goto(`${baseUrl}/`);
    expect(page.url()).toBe(`${baseUrl}/login?next=%2F`);
    expect(await page.locator('h1').textContent()).toBe('Tremplin');

    await page.getByLabel('Adresse e-mail').fill(admin.email);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('E-mail ou mot de passe incorrect');

    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Bonjour Nadia' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/`);
    expect(await page.locator('.structure').textContent()).toBe(structure.name);
    // The stylesheet is allowed by the page's security policy and applied.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(245, 247, 250)');
    await page.screenshot({ path: 'test-results/home.png', fullPage: true });
    // htmx is served from its package and allowed by the policy; it keeps no page (personal data) in localStorage.
    await page.waitForFunction(() => 'htmx' in window);
    expect(
      await page.evaluate(() => {
        const config = (window as unknown as { htmx: { config: { historyCacheSize: number; includeIndicatorStyles: boolean } } }).htmx.config;
        return { history: config.historyCacheSize, styles: config.includeIndicatorStyles, stored: Object.keys(localStorage) };
      }),
    ).toEqual({ history: 0, styles: false, stored: [] });

    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Prospection',
      'Relances',
      'À appeler',
      'Agenda',
      'Entreprises',
      'Argumentaires',
      'Pistes',
      'Candidats',
      'Rencontres',
      'Placements et suivis',
      'Tableau de bord',
      'Journal d’audit',
      'RGPD',
      'SMS',
      'Administration',
    ]);
    await nav.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'L’équipe' }).waitFor();
    expect(await page.getByRole('cell', { name: admin.email }).count()).toBe(1);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/administration`);
    expect(page.url()).toContain('/login');
    // The only failed response is the deliberate wrong password; no script error, no missing asset.
    expect(errors).toEqual([`401 ${baseUrl}/login`]);
  });

  it('hides Administration from staff and refuses it to them', async () => {
    const structure = await createStructure(t.dataSource);
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Adresse e-mail').fill(staff.email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Bonjour Karim' }).waitFor();
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const response = await page.goto(`${baseUrl}/administration`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Accès réservé');
  });
});
