import { CompaniesService } from '../src/companies/companies.service';
import { ContactsService } from '../src/contacts/contacts.service';
import { Actor } from '../src/tenancy/actor';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

describe('call mode on the company page in Chromium', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('reads the script beside the form, ticks an objection, accepts the proposed next action and saves in place', async () => {
    const { t, baseUrl } = harness;
    t.clock.set(new Date('2026-11-24T09:00:00Z')); // a Tuesday
    const structure = await createStructure(t.dataSource, 'ACI Appels');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const company = await companies.create(actor, { name: 'Boulangerie Dupont', postcode: '59000', commune: 'Lille' });
    await actingAs(t.app.get(ContactsService)).create(actor, company.id, { firstName: 'Sophie', lastName: 'Lefebvre' } as never);
    const current = await companies.get(actor, company.id);
    await companies.setNextAction(actor, company.id, { type: 'call', dueOn: '2026-11-24', version: current.version } as never);

    const { page, errors } = await harness.open(staff, `/entreprises/${company.id}`, 1366);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    // The script (placeholders filled for the company) and the form, side by side.
    const script = page.locator('#argumentaire');
    const form = page.locator('#activite');
    expect(await script.locator('.script-opening').textContent()).toContain('Boulangerie Dupont');
    expect(await script.locator('.script-opening').textContent()).not.toContain('{{');
    const [scriptBox, formBox] = [await script.boundingBox(), await form.boundingBox()];
    expect(scriptBox!.x + scriptBox!.width).toBeLessThanOrEqual(formBox!.x);
    expect(scriptBox!.y).toBeLessThan(formBox!.y + formBox!.height);
    expect(formBox!.y).toBeLessThan(scriptBox!.y + scriptBox!.height);

    // Click 1: an objection of the panel, ticked for the form.
    const objection = script.locator('.script-objection-tick').first();
    const objectionText = (await objection.textContent())!.trim();
    await objection.click();
    expect(await objection.locator('input').isChecked()).toBe(true);

    // Click 2: the outcome; the cadence's proposal fills the next action (meeting 7 days later).
    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Rendez-vous fixé' });
    await page.locator('.next-proposed').waitFor();
    expect(await page.locator('.next-proposed').textContent()).toContain('01/12/2026');
    expect(await page.getByLabel('Type de la prochaine action').inputValue()).toBe('meeting');
    expect(await page.getByLabel('Date de la prochaine action').inputValue()).toBe('2026-12-01');
    await page.getByLabel('Compte rendu').fill('RDV avec la gérante mardi prochain.');

    // Click 3: save, in place.
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    await page.locator('.activity-saved').waitFor();
    const first = page.locator('.timeline-entry').first();
    expect(await first.locator('.timeline-outcome').textContent()).toBe('Rendez-vous fixé');
    expect(await first.locator('.timeline-objections').textContent()).toContain(objectionText);
    expect(await page.locator('#prochaine-action .next-action-due').textContent()).toBe('01/12/2026');
    expect(await page.locator('#prochaine-action .next-action-type').textContent()).toBe('Rendez-vous');
    expect(await page.getByLabel('Compte rendu').inputValue()).toBe('');
    expect(await objection.locator('input').isChecked()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

    // A refused form: the error next to its field, in view, with the focus on it.
    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Refus' });
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    const error = page.locator('#activite-refusalReason-erreur');
    await error.waitFor();
    expect(await error.textContent()).toContain('Indiquez la raison du refus');
    await page.waitForFunction(() => document.activeElement?.id === 'activite-refusalReason');
    const inView = await error.evaluate((node) => {
      const box = node.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(errors).toEqual([`400 POST ${baseUrl}/entreprises/${company.id}/activites`]);
  });

  it('moves the stage with an activity and updates the header badge in place', async () => {
    const { t } = harness;
    const structure = await createStructure(t.dataSource, 'ACI Étapes');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Nora');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Menuiserie Leroy' });
    const { page, errors } = await harness.open(staff, `/entreprises/${company.id}`, 1366);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const badge = page.locator('.company-header .badge-stage');
    expect(await badge.textContent()).toBe('À prospecter');

    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Rendez-vous fixé' });
    await page.locator('.next-proposed').waitFor();
    await page.getByLabel('Passer à l’étape').selectOption({ label: 'Rendez-vous fixé' });
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    await page.locator('.activity-saved').waitFor();

    await page.waitForFunction(() => document.querySelector('.company-header .badge-stage')?.textContent === 'Rendez-vous fixé');
    expect(await page.locator('#etape .company-stage strong').textContent()).toBe('Rendez-vous fixé');
    expect(await page.locator('.company-header .badge-stage').count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('on a phone, switches between the script and the report with tabs', async () => {
    const { t } = harness;
    const structure = await createStructure(t.dataSource, 'ACI Téléphone');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Lina');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Garage Martin' });
    const { page } = await harness.open(staff, `/entreprises/${company.id}`, 390);
    expect(await page.locator('#argumentaire').isVisible()).toBe(true);
    expect(await page.locator('#activite').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Compte rendu' }).click();
    expect(await page.locator('#activite').isVisible()).toBe(true);
    expect(await page.locator('#argumentaire').isVisible()).toBe(false);
  });
});
