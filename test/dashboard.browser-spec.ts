import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { api, Api } from './helpers/api';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';

const RESULTS = join(__dirname, '..', 'test-results');

describe('dashboard, lists behind the numbers, targets and the period report in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, baseUrl } = harness);
    mkdirSync(RESULTS, { recursive: true });
  });
  afterAll(() => harness?.close());

  async function company(as: Api, name: string): Promise<string> {
    return (await as.post('/api/companies', { name, commune: 'Lille', postcode: '59000' }).expect(201)).body.id;
  }

  async function activity(as: Api, companyId: string, type: 'call' | 'meeting', at: string, outcome?: string): Promise<void> {
    await as.post(`/api/companies/${companyId}/activities`, { type, occurredAt: at, ...(outcome ? { outcome } : {}) }).expect(201);
  }

  // Friday 20 March 2026, 11:00 in Paris: the day the figures are computed.
  const TODAY = new Date('2026-03-20T10:00:00Z');

  /**
   * Logs in at the real time (the session cookie must not be born expired), then moves the app's
   * clock back to TODAY and opens `path`.
   */
  async function openAt(user: { email: string }, path: string) {
    t.clock.set(new Date());
    const opened = await harness.open(user, '/', 1400);
    t.clock.set(TODAY);
    await opened.page.goto(`${baseUrl}${path}`);
    return opened;
  }

  /** The number shown for a funnel step (the link's text, or the plain number). */
  const stepCount = async (page: Page, step: string) => ((await page.locator(`tr[data-step="${step}"] .dash-count .num`).first().textContent()) ?? '').trim();
  const teamCount = async (page: Page, step: string) => ((await page.locator(`tr[data-step="${step}"] .dash-team .num`).first().textContent()) ?? '').trim();

  it('shows the funnel, follows the period and presets, opens the list behind a number; staff see their own figures; the report prints', async () => {
    t.clock.set(new Date());
    const structure = await createStructure(t.dataSource, 'ACI Bilan');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Sonia');
    const karim = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const lea = await createUser(t.dataSource, structure, 'staff', 'Léa');
    const karimApi = api(await login(t.app.getHttpServer(), karim.email));
    const leaApi = api(await login(t.app.getHttpServer(), lea.email));
    t.clock.set(TODAY);

    // Karim: the bakery called in January then met; the garage called in February.
    // Léa: the restaurant called in March, a need found on the phone (it passes the meeting step).
    const bakery = await company(karimApi, 'Boulangerie Dupont');
    const garage = await company(karimApi, 'Garage Martin');
    const restaurant = await company(leaApi, 'Restaurant Le Port');
    await activity(karimApi, bakery, 'call', '2026-01-12T09:00:00Z');
    await activity(karimApi, bakery, 'meeting', '2026-01-20T09:00:00Z');
    await activity(karimApi, garage, 'call', '2026-02-10T09:00:00Z');
    await activity(leaApi, restaurant, 'call', '2026-03-03T09:00:00Z', 'need_found');

    // ---- the manager's dashboard for the first quarter
    const { page, errors } = await openAt(manager, '/tableau-de-bord?from=2026-01-01&to=2026-03-31');
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    expect(await page.locator('.dash-scope').textContent()).toContain('du 01/01/2026 au 31/03/2026');
    expect(await page.locator('.dash-scope-badge').textContent()).toBe('Toute la structure');
    expect(await stepCount(page, 'contacted')).toBe('3');
    expect(await stepCount(page, 'meeting_held')).toBe('2');
    expect(await stepCount(page, 'need_found')).toBe('1');
    expect(await stepCount(page, 'candidate_proposed')).toBe('0');
    expect(await stepCount(page, 'hired')).toBe('0');
    expect(await page.locator('tr[data-step="meeting_held"] .dash-conversion').textContent()).toMatch(/^66,7\s%$/);
    // Managers may narrow to one staff member; the side-by-side table has both.
    expect(await page.locator('#filtre-staffId option').allTextContents()).toEqual(expect.arrayContaining(['Toute l’équipe', 'Karim staff', 'Léa staff']));
    const staffRows = page.locator('.dash-staff tbody tr');
    expect(await staffRows.count()).toBe(2);
    expect(await staffRows.filter({ hasText: 'Karim staff' }).locator('td').first().textContent()).toBe('2');
    // Activity per staff member: Karim has 2 calls and 1 meeting over the period.
    const karimActivity = page.locator('.dash-activity tbody[data-staff="Karim staff"]');
    expect(await karimActivity.locator('tr[data-type="Appels"] td').first().textContent()).toBe('2');
    expect(await karimActivity.locator('tr[data-type="Rendez-vous"] td').first().textContent()).toBe('1');
    // The charts are drawn from the embedded JSON (Chart.js served from its npm package) under the strict CSP.
    await page.locator('#graphique-tendance[data-drawn="true"]').waitFor();
    await page.locator('#graphique-activite[data-drawn="true"]').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.dash-panel')!).borderRadius)).toBe('10px');
    await page.screenshot({ path: join(RESULTS, 'dashboard.png'), fullPage: true });

    // ---- change the period through the form: from February on, the bakery (first called in January) is out
    await page.getByLabel('Du', { exact: true }).fill('2026-02-01');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/from=2026-02-01/);
    expect(await stepCount(page, 'contacted')).toBe('2');
    expect(await stepCount(page, 'meeting_held')).toBe('1');

    // ---- a preset: this month (1–20 March) holds only the restaurant
    await page.getByRole('button', { name: 'Ce mois-ci' }).click();
    await page.waitForURL(/periode=mois/);
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-03-01');
    expect(await page.getByLabel('Au (inclus)').inputValue()).toBe('2026-03-20');
    expect(await page.getByRole('button', { name: 'Ce mois-ci' }).getAttribute('aria-pressed')).toBe('true');
    expect(await stepCount(page, 'contacted')).toBe('1');

    // ---- the list behind a number: February–March contacted companies
    await page.goto(`${baseUrl}/tableau-de-bord?from=2026-02-01&to=2026-03-31`);
    await page.locator('tr[data-step="contacted"] .dash-count a').click();
    await page.waitForURL(/\/tableau-de-bord\/liste\?metric=funnel\.contacted&/);
    await page.getByRole('heading', { name: 'Entreprises contactées : entreprises', level: 1 }).waitFor();
    expect(await page.locator('.dash-list-total').textContent()).toBe('2');
    const listed = await page.locator('.dash-list tbody th a').allTextContents();
    expect(listed.sort()).toEqual(['Garage Martin', 'Restaurant Le Port']);
    expect(await page.getByRole('link', { name: 'Garage Martin' }).getAttribute('href')).toBe(`/entreprises/${garage}`);
    expect(await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href')).toMatch(
      /^\/api\/reports\/export\.csv\?table=drill&metric=funnel\.contacted&from=2026-02-01&to=2026-03-31$/,
    );
    await page.screenshot({ path: join(RESULTS, 'dashboard-list.png'), fullPage: true });
    await page.getByRole('link', { name: '← Retour au tableau de bord' }).click();
    await page.waitForURL(`${baseUrl}/tableau-de-bord?from=2026-02-01&to=2026-03-31`);
    // A week of the trend: the garage, first called the week of 9 February.
    await page.getByText('Tableau de l’évolution').click();
    await page.locator('.dash-trend tr[data-bucket="2026-02-09"] td').first().getByRole('link', { name: '1' }).click();
    await page.waitForURL(/metric=funnel\.contacted&bucket=2026-02-09&interval=week&/);
    expect(await page.locator('.dash-list tbody th a').allTextContents()).toEqual(['Garage Martin']);
    // The CSV of a table answers (the API applies the same filters).
    const csv = await page.request.get(`${baseUrl}/api/reports/export.csv?table=funnel&from=2026-02-01&to=2026-03-31`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');

    // ---- bad filters: French messages next to the fields, never a 500
    let response = await page.goto(`${baseUrl}/tableau-de-bord?from=2026-03-31&to=2026-01-01`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#filtre-to-erreur').textContent()).toBe('La date de fin ne peut pas précéder la date de début.');
    expect(await page.locator('.dash-form-alert').textContent()).toContain('Certains filtres sont à corriger');
    expect(await page.locator('tr[data-step="contacted"]').count()).toBe(0);
    response = await page.goto(`${baseUrl}/tableau-de-bord?from=2020-01-01&to=2026-01-01`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#filtre-from-erreur').textContent()).toBe('La période ne peut pas dépasser 3 ans : raccourcissez-la.');
    response = await page.goto(`${baseUrl}/tableau-de-bord?naf=cuisine`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#filtre-naf-erreur').textContent()).toContain('code NAF');

    // ---- weekly targets: a refused value, then 5 calls a week by default, shown on the dashboard
    await page.goto(`${baseUrl}/tableau-de-bord/objectifs`);
    await page.getByLabel('Appels par semaine', { exact: true }).fill('2000');
    await page.getByRole('button', { name: 'Enregistrer les objectifs par défaut' }).click();
    await page.locator('#defaut-call-erreur').waitFor();
    expect(await page.locator('#defaut-call-erreur').textContent()).toContain('entre 0 et 1 000');
    await page.getByLabel('Appels par semaine', { exact: true }).fill('5');
    await page.getByRole('button', { name: 'Enregistrer les objectifs par défaut' }).click();
    await page.waitForURL(/objectifs\?ok=defauts$/);
    expect(await page.locator('.notice').textContent()).toBe('Les objectifs par défaut ont été enregistrés.');
    // Léa works part time: 2 calls a week for her.
    await page.getByLabel('Appels par semaine – Léa staff').fill('2');
    await page.getByRole('button', { name: 'Enregistrer les objectifs de Léa staff' }).click();
    await page.waitForURL(/objectifs\?ok=personne#objectifs-/);
    expect(await page.locator(`#objectifs-${lea.id}`).textContent()).toContain('Objectifs propres');
    await page.goto(`${baseUrl}/tableau-de-bord?from=2026-01-01&to=2026-03-31`);
    expect(await page.locator('.dash-activity tbody[data-staff="Karim staff"] tr[data-type="Appels"] .dash-target').textContent()).toBe('5');
    expect(await page.locator('.dash-activity tbody[data-staff="Léa staff"] tr[data-type="Appels"] .dash-target').textContent()).toBe('2');
    // And back to the defaults.
    await page.goto(`${baseUrl}/tableau-de-bord/objectifs`);
    await page.getByRole('button', { name: 'Revenir aux objectifs par défaut pour Léa staff' }).click();
    await page.waitForURL(/objectifs\?ok=reinitialise#objectifs-/);
    expect(await page.locator(`#objectifs-${lea.id}`).textContent()).toContain('Objectifs par défaut');
    expect(await page.getByLabel('Appels par semaine – Léa staff').inputValue()).toBe('5');

    // ---- the printable period report
    await page.goto(`${baseUrl}/tableau-de-bord/rapport?from=2026-01-01&to=2026-03-31`);
    expect(await page.locator('.report-structure').textContent()).toBe(structure.name);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Rapport d’activité du 01/01/2026 au 31/03/2026');
    expect(await page.locator('.report-asof').textContent()).toContain('Situation au 20 mars 2026');
    expect(await stepCount(page, 'contacted')).toBe('3');
    expect(await page.locator('#rapport-table-activite tbody tr', { hasText: 'Karim staff' }).locator('td').first().textContent()).toBe('2');
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    expect(await page.locator('nav[aria-label="Navigation principale"]').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.querySelectorAll('.report-section')[1]).breakBefore)).toBe('page');
    await page.screenshot({ path: join(RESULTS, 'dashboard-report-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Only the deliberate refusals (three bad filters, one refused target) failed.
    const deliberate = /^400 (GET .*\/tableau-de-bord\?(from=2026-03-31|from=2020-01-01|naf=cuisine)|POST .*\/tableau-de-bord\/objectifs)/;
    expect(errors.filter((error) => !deliberate.test(error))).toEqual([]);
    expect(errors).toHaveLength(4);
    expect(consoleErrors.filter((message) => !/status of 400/.test(message))).toEqual([]);
    await page.close();

    // ---- a staff member: own figures and the team totals, no staff filter, no targets form
    const staff = await openAt(karim, '/tableau-de-bord?from=2026-01-01&to=2026-03-31');
    expect(await staff.page.locator('#filtre-staffId').count()).toBe(0);
    expect(await staff.page.locator('.dash-scope-badge').textContent()).toBe('Mes chiffres');
    expect(await stepCount(staff.page, 'contacted')).toBe('2');
    expect(await teamCount(staff.page, 'contacted')).toBe('3');
    // The team's totals are figures only, not lists; their own are lists.
    expect(await staff.page.locator('tr[data-step="contacted"] .dash-team a').count()).toBe(0);
    expect(await staff.page.locator('tr[data-step="contacted"] .dash-count a').count()).toBe(1);
    expect(await staff.page.getByRole('link', { name: 'Objectifs d’activité' }).count()).toBe(0);
    await staff.page.screenshot({ path: join(RESULTS, 'dashboard-staff.png'), fullPage: true });
    await staff.page.locator('tr[data-step="contacted"] .dash-count a').click();
    await staff.page.waitForURL(/\/tableau-de-bord\/liste\?/);
    expect((await staff.page.locator('.dash-list tbody th a').allTextContents()).sort()).toEqual(['Boulangerie Dupont', 'Garage Martin']);
    expect(staff.errors).toEqual([]);
    await staff.page.close();
  });
});
