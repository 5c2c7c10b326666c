import { CandidatesService } from '../src/candidates/candidates.service';
import { CompaniesService } from '../src/companies/companies.service';
import { LeadsService } from '../src/leads/leads.service';
import { ProposalsService } from '../src/leads/proposals.service';
import { PitchScriptsService } from '../src/pitches/pitch-scripts.service';
import { Actor } from '../src/tenancy/actor';
import { User } from '../src/users/user.entity';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

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
    const scripts = actingAs(t.app.get(PitchScriptsService));
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

  it('asks before withdrawing a proposal: cancelling keeps it pending, confirming withdraws it', async () => {
    const structure = await createStructure(t.dataSource, 'ACI Retraits');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Boulangerie Erreur' });
    const lead = await actingAs(t.app.get(LeadsService)).create(actor, { companyId: company.id, jobTitle: 'Vendeuse en boulangerie', contractType: 'cdi' } as never);
    const candidate = await actingAs(t.app.get(CandidatesService)).create(actor, { firstName: 'Samira', lastName: 'Benali' } as never);
    const proposals = actingAs(t.app.get(ProposalsService));
    const proposal = await proposals.propose(actor, lead.id, { candidateId: candidate.id, force: true } as never);
    const outcome = async () => (await proposals.list(actor, lead.id)).find((entry) => entry.id === proposal.id)!.outcome;
    const { page, errors } = await harness.open(staff, `/pistes/${lead.id}`);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const withdraw = page.getByRole('button', { name: 'Retirer la proposition de Samira Benali' });

    await withdraw.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/^Retirer la proposition de Samira Benali \? À faire pour une proposition faite par erreur/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(await outcome()).toBe(proposal.outcome);
    expect(await page.locator('.proposal-withdrawn').count()).toBe(0);

    await withdraw.click();
    await dialog.getByRole('button', { name: 'Retirer' }).click();
    await page.waitForURL(/\/pistes\/[^?]+\?ok=retiree/);
    await page.locator('.proposal-withdrawn').getByText('Samira Benali').waitFor();
    expect(await page.locator('.notice').textContent()).toContain('La mise en relation a été retirée');
    expect(await page.getByRole('button', { name: 'Retirer la proposition de Samira Benali' }).count()).toBe(0);
    expect(await outcome()).toBe('withdrawn');
    expect(errors).toEqual([]);
  });
});
