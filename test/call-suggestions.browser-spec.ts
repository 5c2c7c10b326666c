import { CompaniesService } from '../src/companies/companies.service';
import { Actor } from '../src/tenancy/actor';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

describe('« À appeler cette semaine » in Chromium: take and set aside in place', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('takes one suggestion and dismisses another with a reason, each row replaced without reloading the page', async () => {
    const structure = await createStructure(t.dataSource, 'ACI À appeler');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Nadia');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const bakery = await companies.create(actor, { name: 'Boulangerie Nouvelle', commune: 'Roubaix', postcode: '59100', nafCode: '10.71C' });
    const garage = await companies.create(actor, { name: 'Garage Neuf', commune: 'Arras', postcode: '62000', nafCode: '45.20A' });
    // Typed in without a first action: never contacted, nothing planned.
    await t.dataSource.query(`UPDATE company SET next_action_due = NULL, next_action_type = NULL, next_action_owner_id = NULL WHERE id = ANY($1)`, [
      [bakery.id, garage.id],
    ]);

    const { page, errors } = await harness.open(staff, '/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'À appeler' }).click();
    await page.getByRole('heading', { name: 'À appeler cette semaine' }).waitFor();
    await page.waitForFunction(() => 'htmx' in window);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    const taken = page.locator(`#suggestion-${bakery.id}`);
    await taken.getByText('Jamais contactée').waitFor();
    await taken.getByRole('button', { name: 'Prendre Boulangerie Nouvelle' }).click();
    await taken.getByText('Boulangerie Nouvelle vous est attribuée, avec un appel prévu aujourd’hui.').waitFor();

    const dismissed = page.locator(`#suggestion-${garage.id}`);
    await dismissed.locator('details.work-log > summary').click();
    await dismissed.getByLabel('Autre', { exact: true }).check();
    await dismissed.getByRole('button', { name: 'Écarter Garage Neuf' }).click();
    await dismissed.getByText('Précisez la raison en quelques mots.').waitFor();
    await dismissed.getByLabel('Secteur non pertinent').check();
    await dismissed.getByRole('button', { name: 'Écarter Garage Neuf' }).click();
    await dismissed.getByText('Garage Neuf est écartée pour toute l’équipe.').waitFor();

    // Both in place: the page was never reloaded.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    const [{ owner_id: owner, next_action_due: due }] = await t.dataSource.query(`SELECT owner_id, to_char(next_action_due, 'YYYY-MM-DD') AS next_action_due FROM company WHERE id = $1`, [bakery.id]);
    expect(owner).toBe(staff.id);
    expect(due).toBeTruthy();
    await page.reload();
    await page.getByText('Aucune entreprise à proposer pour l’instant').waitFor();
    // The refused dismissal answered 400, as it should.
    expect(errors.filter((error) => !error.startsWith('400 '))).toEqual([]);
  });
});
