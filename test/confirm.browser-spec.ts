import { PitchScriptsService } from '../src/pitches/pitch-scripts.service';
import { Actor } from '../src/tenancy/actor';
import { User } from '../src/users/user.entity';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';

const FIRST_MEETING = 'Premier rendez-vous — comprendre les besoins';

describe('consequential actions are confirmed, in Chromium', () => {
  let t: TestApp;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t } = harness);
  });
  afterAll(() => harness?.close());

  it('asks before archiving a script: cancelling keeps it, confirming archives it', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Confirmation');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Sonia');
    const actor: Actor = { userId: manager.id, structureId: structure.id, role: 'manager' };
    const scripts = t.app.get(PitchScriptsService);
    const id = (await scripts.list(actor, {})).find((script) => script.title === FIRST_MEETING)!.id;
    const { page, errors } = await harness.open(manager, `/argumentaires/${id}`);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    await page.getByRole('button', { name: 'Archiver' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('L’argumentaire ne sera plus proposé sur les fiches des entreprises. Vous pourrez le restaurer.').waitFor();
    // The safe choice has the focus; Escape or « Annuler » changes nothing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect((await scripts.get(actor, id)).archived).toBe(false);

    await page.getByRole('button', { name: 'Archiver' }).click();
    await dialog.getByRole('button', { name: 'Archiver' }).click();
    await page.waitForURL(/\/argumentaires\?ok=archive/);
    expect((await scripts.get(actor, id)).archived).toBe(true);
    expect(errors).toEqual([]);
  });

  it('asks before deactivating an account, from the keyboard: Escape keeps it, the confirm button deactivates it', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Comptes');
    const admin = await createUser(t.dataSource, structure, 'admin', 'Alice');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const { page, errors } = await harness.open(admin, '/administration');
    const deactivate = page.getByRole('button', { name: `Désactiver Karim ${staff.lastName}` });

    await deactivate.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Désactiver le compte de Karim ${staff.lastName} ? Cette personne ne pourra plus se connecter.`).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Désactiver Karim ${staff.lastName}`);
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: staff.id })).active).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Désactiver' }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'Désactivé', exact: true }).waitFor();
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: staff.id })).active).toBe(false);
    expect(errors).toEqual([]);
  });
});
