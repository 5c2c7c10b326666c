import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { hashToken } from '../src/auth/auth.service';
import { insertResetLink } from '../src/users/password-reset.queries';
import { api } from './helpers/api';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';
import { createRecords, discoverRoutes, fillPath, StructureRecords } from './helpers/route-walker';

/**
 * Every server-rendered page a user can reach, with realistic data, at a phone's width (390 px:
 * no sideways scrolling) and at a laptop's (1280 px), checked by axe-core for WCAG 2.1 A/AA and
 * best practices. The list of pages is checked against the app's routes, so a new page is walked
 * or excluded here with a reason.
 */

const AXE_SOURCE = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };

/** Route (Express syntax) → the address walked, filled from the seeded records. */
type Walked = (records: StructureRecords) => string;
const ADMIN_PAGES: Record<string, Walked> = {
  '/': () => '/',
  '/relances': () => '/relances',
  '/a-appeler': () => '/a-appeler',
  '/agenda': () => '/agenda',
  '/prospection': () => '/prospection',
  '/prospection/reglages': () => '/prospection/reglages',
  '/entreprises': () => '/entreprises',
  '/entreprises/nouvelle': () => '/entreprises/nouvelle',
  '/entreprises/nouvelle/annuaire': () => '/entreprises/nouvelle/annuaire?name=boulangerie&postcode=59100',
  '/entreprises/import': () => '/entreprises/import',
  '/entreprises/:id': (r) => `/entreprises/${r.ids.company}`,
  '/argumentaires': () => '/argumentaires',
  '/argumentaires/nouveau': () => '/argumentaires/nouveau',
  '/argumentaires/:id': (r) => `/argumentaires/${r.ids.pitch}`,
  '/pistes': () => '/pistes',
  '/pistes/nouvelle': () => '/pistes/nouvelle',
  '/pistes/:id': (r) => `/pistes/${r.ids.lead}`,
  '/candidats': () => '/candidats',
  '/candidats/nouveau': () => '/candidats/nouveau',
  '/candidats/:id': (r) => `/candidats/${r.ids.candidate}`,
  '/rencontres': () => '/rencontres',
  '/rencontres/nouvelle': () => '/rencontres/nouvelle',
  '/rencontres/:id': (r) => `/rencontres/${r.ids.encounter}`,
  '/rencontres/:id/modifier': (r) => `/rencontres/${r.ids.encounter}/modifier`,
  '/placements': () => '/placements',
  '/placements/nouveau': () => '/placements/nouveau',
  '/placements/:id': (r) => `/placements/${r.ids.placement}`,
  '/reglages/suivi': () => '/reglages/suivi',
  '/alertes/:id': (r) => `/alertes/${r.ids.alert}`,
  '/tableau-de-bord': () => '/tableau-de-bord',
  '/tableau-de-bord/rapport': () => '/tableau-de-bord/rapport',
  '/tableau-de-bord/objectifs': () => '/tableau-de-bord/objectifs',
  '/tableau-de-bord/rencontres': () => '/tableau-de-bord/rencontres?from=2026-01-01&to=2026-12-31',
  '/recherche': (r) => `/recherche?q=${encodeURIComponent(r.marker)}`,
  '/recherche/metiers': () => '/recherche/metiers?metier=vendeur',
  '/journal': () => '/journal',
  '/administration': () => '/administration',
  '/administration/sms': () => '/administration/sms',
  '/administration/rgpd': () => '/administration/rgpd',
  '/rgpd/candidats/:id': (r) => `/rgpd/candidats/${r.ids.candidate}`,
  '/rgpd/contacts/:id': (r) => `/rgpd/contacts/${r.ids.contact}`,
};

/** Pages walked another way than by their address (below). */
const WALKED_OTHERWISE: Record<string, string> = {
  '/login': 'walked logged out',
  '/suivi/:token': 'walked logged out, from the check-in e-mail’s link',
  '/suivi/:token/merci': 'walked logged out, after answering the check-in',
  '/tableau-de-bord/liste': 'walked from a figure of the dashboard (its query names the figure)',
  '/mot-de-passe/:token': 'walked logged out, from the password-reset e-mail’s link',
};

/** GET routes that are no page of their own. */
const EXCLUDED: Record<string, string> = {
  '/health': 'JSON health check for monitoring, no page',
  '/prospection/colonnes/:stageId': 'htmx fragment: the next cards of a board column',
  '/entreprises/:id/prochaine-action/proposee': 'htmx fragment: the proposed next action fields',
  '/recherche/choix': 'htmx fragment: the listbox of a record picker (the pickers are on the new lead and placement forms)',
  '/entreprises/:id/modifier': 'redirect back to the company page',
  '/entreprises/:id/etape': 'redirect back to the company page',
  '/entreprises/:id/prochaine-action': 'redirect back to the company page',
  '/entreprises/:id/contacts': 'redirect back to the company page',
  '/entreprises/:id/contacts/:contactId/e-mails': 'redirect back to the company page',
  '/entreprises/:id/activites': 'redirect back to the company page',
  '/entreprises/:id/sollicitations': 'redirect back to the company page',
  '/entreprises/:id/reprendre': 'redirect back to the company page',
  '/entreprises/:id/annuaire': 'redirect back to the company page (the « Mettre à jour depuis l’annuaire » form)',
  '/relances/:id/fait': 'redirect back to Relances',
  '/relances/:id/reporter': 'redirect back to Relances',
  '/relances/:id/prendre': 'redirect back to Relances',
  '/a-appeler/:id/prendre': 'redirect back to À appeler',
  '/a-appeler/:id/ecarter': 'redirect back to À appeler',
  '/propositions/:id': 'redirect to its lead’s page',
  '/propositions/:id/retrait': 'redirect to its lead’s page',
  '/placements/:id/points/:checkInId/envoyer': 'redirect back to the placement page',
  '/placements/:id/points/:checkInId/appel': 'redirect back to the placement page',
  '/placements/:id/fiche/demarrer': 'redirect back to the placement page',
  '/placements/:id/fiche/terminer': 'redirect back to the placement page',
  '/placements/:id/dates': 'redirect back to the placement page',
  '/rencontres/:id/annuler': 'redirect back to the encounter page',
  '/rencontres/:id/participants': 'redirect back to the encounter page',
  '/rencontres/:id/presence': 'redirect back to the encounter page',
  '/rencontres/:id/participants/:participantId/retrait': 'redirect back to the encounter page',
  '/rencontres/:id/participants/:participantId/suite': 'redirect back to the encounter page',
  '/placements/:id/simulation': 'redirect: the simulation form\'s address, reloaded, leads back to the placement page',
  '/candidats/:id/sms': 'redirect: the « Envoyer un SMS » form\'s address, reloaded, leads back to the candidate page',
  '/candidats/:id/sms/refuser': 'redirect back to the candidate page (the staff opt-out form\'s address)',
  '/candidats/:id/sms/autoriser': 'redirect back to the candidate page (the form lifting an opt-out)',
  '/mon-agenda': 'redirect: the address the new calendar link was shown at, reloaded, leads back to « Ma journée »',
  '/agenda/:secret.ics': 'a calendar subscription (text/calendar) read by Outlook or a phone, no page',
};

interface Finding {
  page: string;
  problem: string;
}

/**
 * Whether the page scrolls sideways at its current width, naming what sticks out: the outermost
 * elements past the right edge, text running past its box (a long address), and, marked as such,
 * what sticks out inside a scroll container.
 */
async function sidewaysScroll(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const viewport = window.innerWidth;
    if (document.documentElement.scrollWidth <= viewport) return null;
    const sticksOut = (rect: DOMRect) => rect.width > 0 && rect.right + window.scrollX > viewport + 0.5;
    const scrolls = (element: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(element).overflowX);
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${Array.from(element.classList).map((name) => `.${name}`).join('')}`;
    const path = (element: Element) =>
      [element, element.parentElement, element.parentElement?.parentElement].filter((node): node is HTMLElement => !!node).map(describe).reverse().join(' > ');
    const scrolled = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) if (scrolls(up)) return true;
      return false;
    };
    const culprits: Array<{ name: string; right: number; scrolled: boolean }> = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const rect = element.getBoundingClientRect();
      const parent = element.parentElement;
      // The outermost element that sticks out: its parent fits.
      if (!sticksOut(rect) || (parent && parent !== document.body && sticksOut(parent.getBoundingClientRect()))) continue;
      culprits.push({ name: path(element), right: rect.right + window.scrollX, scrolled: scrolled(element) });
    }
    const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      // Text clipped by its own box (visually hidden labels) shows nothing past it.
      if (!sticksOut(rect) || sticksOut(parent.getBoundingClientRect()) || scrolls(parent)) continue;
      culprits.push({ name: `text « ${node.textContent.trim().slice(0, 40)} » in ${path(parent)}`, right: rect.right + window.scrollX, scrolled: scrolled(parent) });
    }
    culprits.sort((a, b) => Number(a.scrolled) - Number(b.scrolled) || b.right - a.right);
    const named = culprits.slice(0, 3).map((c) => `${c.name} (${Math.round(c.right)} px${c.scrolled ? ', inside a scroll container' : ''})`);
    return `scrollWidth ${document.documentElement.scrollWidth} > ${viewport}: ${named.join('; ') || 'nothing in the body sticks out'}`;
  });
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
  return violations.map((violation) => `${violation.id} (${violation.help}): ${violation.targets.slice(0, 5).join(' | ')}`);
}

/** The page at the address, at a phone's width then a laptop's: what is wrong with it. */
async function check(page: Page, label: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  await page.setViewportSize(PHONE);
  const overflow = await sidewaysScroll(page);
  if (overflow) findings.push({ page: label, problem: `390 px: ${overflow}` });
  for (const problem of await axeViolations(page)) findings.push({ page: label, problem: `390 px axe ${problem}` });
  await page.setViewportSize(LAPTOP);
  for (const problem of await axeViolations(page)) findings.push({ page: label, problem: `1280 px axe ${problem}` });
  return findings;
}

const report = (findings: Finding[]) => findings.map((finding) => `${finding.page}: ${finding.problem}`);

describe('every page at 390 px and accessible', () => {
  let harness: BrowserHarness;
  let records: StructureRecords;
  let admin: { email: string };
  let newcomer: { id: string; email: string };

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { t } = harness;
    const structure = await createStructure(t.dataSource, 'ACI Les Jardins');
    const adminUser = await createUser(t.dataSource, structure, 'admin', 'Nadia');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Claire');
    const server = t.app.getHttpServer();
    const managerApi = api(await login(server, manager.email));
    records = await createRecords(managerApi, api(await login(server, adminUser.email)), t.config.SESSION_SECRET, t.clock.now(), 'Page');
    // A text on the candidate's page, so that its SMS list is walked too (axe, width).
    await managerApi.post(`/api/candidates/${records.ids.candidate}/sms`, { text: 'Bonjour, pouvez-vous rappeler Claire au sujet de votre contrat ?' }).expect(201);
    admin = adminUser;
    newcomer = await createUser(t.dataSource, structure, 'staff', 'Inès');
  });
  afterAll(() => harness?.close());

  it('walks or excludes, with a reason, every page the app answers', () => {
    const pages = discoverRoutes(harness.t.app)
      .filter((route) => route.method === 'GET' && !route.api && !route.path.startsWith('/api'))
      .map((route) => route.path);
    const listed = [...Object.keys(ADMIN_PAGES), ...Object.keys(WALKED_OTHERWISE), ...Object.keys(EXCLUDED)];
    expect(pages.filter((path) => !listed.includes(path))).toEqual([]);
    expect(listed.filter((path) => !pages.includes(path))).toEqual([]);
  });

  it('shows every page to an admin without sideways scrolling at 390 px and without axe violation', async () => {
    const { page, errors } = await harness.open(admin, '/', LAPTOP.width);
    const findings: Finding[] = [];
    for (const [route, address] of Object.entries(ADMIN_PAGES)) {
      const path = address(records);
      const response = await page.goto(`${harness.baseUrl}${path}`);
      expect(`${route} ${response?.status()}`).toBe(`${route} 200`);
      findings.push(...(await check(page, path)));
    }
    await page.goto(`${harness.baseUrl}/tableau-de-bord`);
    const drill = await page.locator('a[href^="/tableau-de-bord/liste"]').first().getAttribute('href');
    await page.goto(`${harness.baseUrl}${drill}`);
    findings.push(...(await check(page, '/tableau-de-bord/liste')));

    // The confirmation page of a consequential action, as without JavaScript (the form posted without « confirme »).
    await page.goto(`${harness.baseUrl}/placements`);
    await page.evaluate((id) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = `/placements/${id}/annuler`;
      const csrf = document.createElement('input');
      csrf.type = 'hidden';
      csrf.name = '_csrf';
      csrf.value = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content;
      form.append(csrf);
      document.body.append(form);
      form.submit();
    }, records.ids.placement);
    await page.getByRole('heading', { name: /Annuler le placement/ }).waitFor();
    findings.push(...(await check(page, 'confirmation (POST /placements/:id/annuler)')));

    // A started placement's page (its timeline under way), then its end form sent as without JavaScript: the steps it cancels.
    await page.goto(`${harness.baseUrl}/placements/${records.ids.startedPlacement}`);
    findings.push(...(await check(page, '/placements/:id (started)')));
    await page.evaluate(() => document.querySelector<HTMLFormElement>('form[action$="/fiche/terminer"]')!.submit());
    await page.getByRole('heading', { name: /Terminer le placement/ }).waitFor();
    findings.push(...(await check(page, 'confirmation (POST /placements/:id/fiche/terminer)')));

    // « Ma journée » showing a new calendar subscription address once (a long unbroken line), then with a live link.
    await page.goto(`${harness.baseUrl}/`);
    await page.getByRole('button', { name: 'Créer mon lien d’abonnement' }).click();
    await page.getByLabel('Adresse d’abonnement').waitFor();
    expect(await page.getByLabel('Adresse d’abonnement').inputValue()).toMatch(/\/agenda\/[A-Za-z0-9_-]{43}\.ics$/);
    findings.push(...(await check(page, 'calendar link shown (POST /mon-agenda)')));
    await page.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByText('L’adresse de votre agenda est révoquée').waitFor();

    const missing = await page.goto(`${harness.baseUrl}/nulle-part`);
    expect(missing?.status()).toBe(404);
    findings.push(...(await check(page, '404')));

    expect(report(findings)).toEqual([]);
    expect(errors.filter((error) => !error.endsWith('/nulle-part'))).toEqual([]);
    await page.close();
  });

  it('folds the dashboard’s filters behind « Filtres » on a phone, keeps them open on a laptop, and scrolls the board’s columns inside the board', async () => {
    const { page } = await harness.open(admin, '/tableau-de-bord', PHONE.width);
    const html = await (await page.request.get(`${harness.baseUrl}/tableau-de-bord`)).text();
    expect(html).toMatch(/<details class="dash-filters-fold" open/);
    const toggle = page.locator('summary', { hasText: 'Filtres' });
    const from = page.getByLabel('Du', { exact: true });
    await page.waitForFunction(() => !document.querySelector<HTMLDetailsElement>('details.dash-filters-fold')!.open);
    expect(await from.isVisible()).toBe(false);
    await toggle.click();
    await from.waitFor();

    await page.setViewportSize(LAPTOP);
    await page.reload();
    await from.waitFor();
    expect(await toggle.isVisible()).toBe(false);

    await page.setViewportSize(PHONE);
    await page.goto(`${harness.baseUrl}/prospection`);
    const widths = await page.evaluate(() => {
      const board = document.getElementById('board')!;
      return { page: document.documentElement.scrollWidth, boardRight: board.getBoundingClientRect().right, boardScroll: board.scrollWidth, boardClient: board.clientWidth };
    });
    expect(widths.page).toBeLessThanOrEqual(PHONE.width);
    expect(widths.boardRight).toBeLessThanOrEqual(PHONE.width);
    expect(widths.boardScroll).toBeGreaterThan(widths.boardClient);
    await page.close();
  });

  it('shows the login page, the check-in answer pages and the password-reset page without sideways scrolling and without axe violation', async () => {
    const page = await harness.browser.newPage({ viewport: LAPTOP });
    const findings: Finding[] = [];
    await page.goto(`${harness.baseUrl}/login`);
    findings.push(...(await check(page, '/login')));

    const answer = fillPath({ method: 'GET', path: '/suivi/:token', params: ['token'], api: false, key: '' }, records);
    await page.goto(`${harness.baseUrl}${answer}`);
    findings.push(...(await check(page, '/suivi/:token')));
    await page.locator('input[name="rating"]').first().check();
    await page.getByRole('button', { name: /Envoyer/ }).click();
    await page.waitForURL(/\/merci$/);
    findings.push(...(await check(page, '/suivi/:token/merci')));

    // A password-reset link as an admin sends it (the table keeps only the token's hash).
    const token = 'lien-de-la-visite-des-pages';
    await insertResetLink(harness.t.dataSource.manager, {
      structureId: records.structureId,
      userId: newcomer.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(harness.t.clock.now().getTime() + 3_600_000),
      createdBy: newcomer.id,
      now: harness.t.clock.now(),
    });
    await page.goto(`${harness.baseUrl}/mot-de-passe/${token}`);
    await page.getByLabel(/Nouveau mot de passe/).first().waitFor();
    findings.push(...(await check(page, '/mot-de-passe/:token')));

    expect(report(findings)).toEqual([]);
    await page.close();
  });
});
