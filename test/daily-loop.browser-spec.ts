import { BusinessDay } from '../src/common/calendar/business-day';
import { CompaniesService } from '../src/companies/companies.service';
import { ContactsService } from '../src/contacts/contacts.service';
import { addCalendarDays } from '../src/common/calendar/working-days';
import { Actor } from '../src/tenancy/actor';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

describe('the daily loop in Chromium: Ma journée, then Relances as a work list', () => {
  let t: TestApp;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, baseUrl } = harness);
  });
  afterAll(() => harness?.close());

  it('shows the due companies and the count, logs a call in place from Relances, and works by keyboard', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Journée');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const today = t.app.get(BusinessDay).today();
    const late = await companies.create(actor, { name: 'Scierie Vandamme', commune: 'Lille', postcode: '59000', ownerId: staff.id });
    await companies.setNextAction(actor, late.id, { type: 'call', dueOn: addCalendarDays(today, -3) });
    await actingAs(t.app.get(ContactsService)).create(actor, late.id, { firstName: 'Sophie', lastName: 'Lefebvre', phone: '06 12 34 56 78' } as never);
    const due = await companies.create(actor, { name: 'Boulangerie Dupont', commune: 'Roubaix', postcode: '59100', ownerId: staff.id });
    await companies.setNextAction(actor, due.id, { type: 'call', dueOn: today });
    const third = await companies.create(actor, { name: 'Garage Martin', commune: 'Tourcoing', postcode: '59200', ownerId: staff.id });
    await companies.setNextAction(actor, third.id, { type: 'meeting', dueOn: today });

    // Ma journée: both companies due, with their actions, and the count of today's work in the menu.
    const { page, errors } = await harness.open(staff, '/');
    await page.getByRole('heading', { name: 'Bonjour Karim' }).waitFor();
    const mine = page.getByRole('region', { name: /Mes actions du jour/ });
    await mine.getByRole('link', { name: 'Scierie Vandamme', exact: true }).waitFor();
    expect(await mine.getByRole('link', { name: 'Boulangerie Dupont', exact: true }).count()).toBe(1);
    expect(await page.locator('.tiles').count()).toBe(0);
    expect(await page.locator('#nav-count-relances .nav-count').textContent()).toMatch(/^3\b/);
    expect(await mine.locator(`#journee-${late.id} a[href^="tel:"]`).getAttribute('href')).toBe('tel:0612345678');

    // Relances: log the outcome of the call in place, no full page reload.
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Relances' }).click();
    await page.getByRole('heading', { name: 'Mes relances' }).waitFor();
    await page.waitForFunction(() => 'htmx' in window);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const row = page.locator(`#relance-${late.id}`);
    await row.locator('details.work-log > summary').click();
    await row.getByLabel('Issue').selectOption({ label: 'À rappeler' });
    await row.getByLabel('Note').fill('Rappeler jeudi, la gérante sera là.');
    await row.getByRole('button', { name: /^Enregistrer/ }).click();
    await row.getByText('C’est noté').waitFor();
    // The menu's count follows in place: the call logged moved one action out of today's work.
    await page.waitForFunction(() => document.querySelector('#nav-count-relances')?.textContent?.trim().startsWith('2'));
    expect(await row.locator('.work-notice').textContent()).toMatch(/Prochaine action : Appeler le \d{2}\/\d{2}\/\d{4}/);
    expect(await row.locator('.badge-overdue').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    const after = await companies.get(actor, late.id);
    expect(after.nextAction!.dueOn > today).toBe(true);

    // A refused outcome: the French sentence next to its field, focus on it, still no reload.
    const other = page.locator(`#relance-${due.id}`);
    await other.locator('details.work-log > summary').click();
    await other.getByLabel('Issue').selectOption({ label: 'Refus' });
    await other.getByRole('button', { name: /^Enregistrer/ }).click();
    await other.getByText('Indiquez la raison du refus', { exact: false }).waitFor();
    await page.waitForFunction((id) => document.activeElement?.id === `fait-refus-${id}`, due.id);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

    // Keyboard: j / k move the selection (visible), d opens the selected row's log form, Enter opens the company.
    await page.reload();
    await page.getByRole('heading', { name: 'Mes relances' }).waitFor();
    await page.waitForFunction(() => 'htmx' in window);
    await page.keyboard.press('j');
    const rows = page.locator('[data-work-row]');
    const firstId = await rows.nth(0).getAttribute('id');
    const secondId = await rows.nth(1).getAttribute('id');
    await page.waitForFunction((id) => document.getElementById(id!)?.classList.contains('is-selected') && document.activeElement?.id === id, firstId);
    await page.keyboard.press('j');
    await page.waitForFunction((id) => document.getElementById(id!)?.classList.contains('is-selected'), secondId);
    expect(await page.locator('.is-selected').count()).toBe(1);
    expect(await page.locator(`#${secondId}`).evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
    await page.keyboard.press('k');
    await page.waitForFunction((id) => document.getElementById(id!)?.classList.contains('is-selected'), firstId);
    await page.keyboard.press('d');
    await page.waitForFunction((id) => (document.querySelector(`#${id} details.work-log`) as HTMLDetailsElement | null)?.open === true, firstId);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('type');
    // Typing in a field is left alone: j does not move the selection.
    await page.locator(`#${firstId} textarea`).fill('');
    await page.locator(`#${firstId} textarea`).press('j');
    expect(await page.locator(`#${firstId} textarea`).inputValue()).toBe('j');
    expect(await page.locator(`#${firstId}`).evaluate((element) => element.classList.contains('is-selected'))).toBe(true);
    await page.locator(`#${firstId}`).focus();
    const companyHref = await page.locator(`#${firstId} .work-row-open`).getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${baseUrl}${companyHref}`);

    // And on the next page.
    expect(await page.locator('#nav-count-relances .nav-count').textContent()).toMatch(/^2\b/);
    expect(errors.filter((error) => !error.startsWith('400 '))).toEqual([]);
  });

  it('fits Ma journée and Relances in a 390-pixel phone, rows stacked with their buttons', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Téléphone');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Inès');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const late = await companies.create(actor, { name: 'Menuiserie des Hauts-de-France Réunis', commune: 'Villeneuve-d’Ascq', postcode: '59650', ownerId: staff.id });
    await companies.setNextAction(actor, late.id, { type: 'call', dueOn: addCalendarDays(t.app.get(BusinessDay).today(), -1) });
    const { page, errors } = await harness.open(staff, '/', 390);
    for (const path of ['/', '/relances']) {
      if (path !== '/') await page.goto(`${baseUrl}${path}`);
      await page.locator(`[data-work-row] .work-row-open`).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('[data-work-row] details.work-log > summary').first().isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
