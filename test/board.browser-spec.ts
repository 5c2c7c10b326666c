import { Locator, Page } from 'playwright-core';
import { CompaniesService } from '../src/companies/companies.service';
import { StageEvent } from '../src/prospection/stage-event.entity';
import { Structure } from '../src/structures/structure.entity';
import { Actor } from '../src/tenancy/actor';
import { User } from '../src/users/user.entity';
import { api, Api } from './helpers/api';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser, login } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

const DAY = 24 * 60 * 60 * 1000;

interface Team {
  structure: Structure;
  staff: User;
  manager: User;
  actor: Actor;
  staffApi: Api;
}

describe('prospection board, follow-ups and pipeline settings in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, baseUrl } = harness);
  });
  afterAll(() => harness?.close());

  async function team(): Promise<Team> {
    const structure = await createStructure(t.dataSource, 'ACI Tableau');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Sonia');
    const staffApi = api(await login(t.app.getHttpServer(), staff.email));
    return { structure, staff, manager, actor: { userId: staff.id, structureId: structure.id, role: 'staff' }, staffApi };
  }

  async function company(actor: Actor, name: string, ownerId: string | null = actor.userId): Promise<string> {
    const created = await actingAs(t.app.get(CompaniesService)).create(actor, { name, commune: 'Lille', postcode: '59000', ownerId });
    return created.id;
  }

  const open = (user: User, path: string) => harness.open(user, path, 1400);

  const column = (page: Page, stage: string) => page.locator(`.board-column[data-stage-name="${stage}"]`);
  const card = (page: Page, name: string) => page.locator('.board-card', { hasText: name });
  const count = async (page: Page, stage: string) => Number(await column(page, stage).locator('.count-value').textContent());
  const cardNames = (page: Page, stage: string) => column(page, stage).locator('.board-card-name').allTextContents();

  /** A real mouse drag (SortableJS's fallback mode listens to pointer moves). */
  async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
    const source = (await from.locator('.board-card-owner').boundingBox())!;
    const target = (await to.boundingBox())!;
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 5, { steps: 5 });
    await page.mouse.move(target.x + target.width / 2, target.y + Math.min(40, target.height / 2), { steps: 20 });
    await page.mouse.move(target.x + target.width / 2 + 2, target.y + Math.min(42, target.height / 2), { steps: 3 });
    await page.mouse.up();
  }

  const isMove = (id: string) => (response: { url(): string; request(): { method(): string } }) =>
    response.url().endsWith(`/api/companies/${id}/stage`) && response.request().method() === 'POST';

  it('drags a card to "Premier appel" with the mouse; the move is saved and in the timeline', async () => {
    const { staff, actor, staffApi } = await team();
    const id = await company(actor, 'Boulangerie Dupont');
    await company(actor, 'Garage Martin');
    const { page, errors } = await open(staff, '/prospection');

    await page.getByRole('heading', { name: 'Prospection', level: 1 }).waitFor();
    expect(await column(page, 'À prospecter').locator('.board-card').count()).toBe(2);
    expect(await count(page, 'À prospecter')).toBe(2);
    expect(await count(page, 'Premier appel')).toBe(0);
    // French date and next action label on the card (a call today by default).
    expect(await card(page, 'Boulangerie Dupont').locator('.board-card-next').textContent()).toMatch(/^Appeler le \d{2}\/\d{2}\/\d{4}$/);
    // The board's stylesheet is applied under the strict CSP.
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('board')!).display)).toBe('flex');

    const moved = page.waitForResponse(isMove(id));
    await drag(page, card(page, 'Boulangerie Dupont'), column(page, 'Premier appel').locator('.board-cards'));
    expect((await moved).status()).toBe(201);
    await page.getByRole('status').filter({ hasText: '« Boulangerie Dupont » déplacée vers « Premier appel ».' }).waitFor({ state: 'attached' });
    expect(await count(page, 'À prospecter')).toBe(1);
    expect(await count(page, 'Premier appel')).toBe(1);
    expect(await card(page, 'Boulangerie Dupont').getAttribute('data-version')).toBe('2');
    await page.screenshot({ path: 'test-results/board.png', fullPage: true });

    await page.reload();
    expect(await cardNames(page, 'Premier appel')).toEqual(['Boulangerie Dupont']);
    expect(await cardNames(page, 'À prospecter')).toEqual(['Garage Martin']);

    const timeline = await staffApi.get(`/api/companies/${id}/timeline?type=stage_change`).expect(200);
    expect(timeline.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'stage_change', fromStage: 'À prospecter', toStage: 'Premier appel' })]),
    );
    expect(errors).toEqual([]);
  });

  it('moves cards with the keyboard only and keeps the focus on the card', async () => {
    const { staff, actor } = await team();
    await company(actor, 'Menuiserie Leroy');
    await company(actor, 'Imprimerie Nord');
    const { page, errors } = await open(staff, '/prospection');

    // Alt+ArrowRight on a focused card: to the next column.
    const leroy = card(page, 'Menuiserie Leroy');
    await leroy.focus();
    await page.keyboard.press('Alt+ArrowRight');
    await column(page, 'Premier appel').locator('.board-card', { hasText: 'Menuiserie Leroy' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.name)).toBe('Menuiserie Leroy');
    await page.getByRole('status').filter({ hasText: '« Menuiserie Leroy » déplacée vers « Premier appel ».' }).waitFor({ state: 'attached' });

    // The card's one control: its « Déplacer » menu, from the keyboard.
    const menuButton = page.getByRole('button', { name: 'Déplacer « Imprimerie Nord » vers…' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Premier appel' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Premier appel');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Rendez-vous réalisé');
    await page.keyboard.press('Enter');
    await column(page, 'Rendez-vous réalisé').locator('.board-card', { hasText: 'Imprimerie Nord' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Déplacer « Imprimerie Nord » vers…');
    expect(await page.evaluate(() => document.activeElement?.closest<HTMLElement>('.board-card')?.dataset.name)).toBe('Imprimerie Nord');
    // One control per card: no list-and-button pair any more.
    expect(await page.locator('.board-card select').count()).toBe(0);
    expect(await card(page, 'Imprimerie Nord').getByRole('button').count()).toBe(1);
    expect(await count(page, 'À prospecter')).toBe(0);

    await page.reload();
    expect(await cardNames(page, 'Premier appel')).toEqual(['Menuiserie Leroy']);
    expect(await cardNames(page, 'Rendez-vous réalisé')).toEqual(['Imprimerie Nord']);
    expect(errors).toEqual([]);
  });

  /** Opens a card's « Déplacer » menu and picks a stage. */
  async function moveWithMenu(page: Page, name: string, stage: string): Promise<void> {
    await page.getByRole('button', { name: `Déplacer « ${name} » vers…` }).click();
    await page.getByRole('menuitem', { name: stage, exact: true }).click();
  }

  it('shows every open column header with its count at 1366 px, narrow columns, sticky headers', async () => {
    const { staff, actor } = await team();
    for (let index = 1; index <= 12; index += 1) await company(actor, `Société ${String(index).padStart(2, '0')}`);
    const { page, errors } = await harness.open(staff, '/prospection', 1366);
    const board = page.locator('#board');
    const boardBox = (await board.boundingBox())!;
    const open = page.locator('.board-column-open');
    expect(await open.count()).toBe(8);
    for (const header of await page.locator('.board-column-open .board-column-head').all()) {
      await header.scrollIntoViewIfNeeded();
      const box = (await header.boundingBox())!;
      const view = (await board.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(view.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width + 1);
      expect(box.width).toBeLessThanOrEqual(230);
      expect(await header.locator('.count-value').isVisible()).toBe(true);
    }
    expect(boardBox.x + boardBox.width).toBeLessThanOrEqual(1366);
    // Scrolling down a long column keeps the headers in view.
    await board.evaluate((element) => element.scrollTo({ top: 600 }));
    const head = (await column(page, 'À prospecter').locator('.board-column-head').boundingBox())!;
    expect(Math.abs(head.y - (await board.boundingBox())!.y)).toBeLessThan(4);
    expect(errors).toEqual([]);
  });

  it('undoes a move for 10 seconds: the card and the server are back', async () => {
    const { staff, actor, staffApi } = await team();
    const id = await company(actor, 'Fonderie Delattre');
    const { page, errors } = await open(staff, '/prospection');
    const stageBefore = (await staffApi.get(`/api/companies/${id}`).expect(200)).body.stageId;

    await moveWithMenu(page, 'Fonderie Delattre', 'Premier appel');
    const undo = page.locator('#board-undo');
    await undo.getByText('« Fonderie Delattre » déplacée vers « Premier appel ».').waitFor();
    expect(await cardNames(page, 'Premier appel')).toEqual(['Fonderie Delattre']);
    expect((await staffApi.get(`/api/companies/${id}`).expect(200)).body.stageId).not.toBe(stageBefore);

    const undone = page.waitForResponse(isMove(id));
    await undo.getByRole('button', { name: 'Annuler' }).click();
    expect((await undone).status()).toBe(201);
    await page.getByRole('status').filter({ hasText: 'Déplacement annulé' }).waitFor({ state: 'attached' });
    expect(await cardNames(page, 'À prospecter')).toEqual(['Fonderie Delattre']);
    expect(await cardNames(page, 'Premier appel')).toEqual([]);
    expect(await count(page, 'À prospecter')).toBe(1);
    expect(await count(page, 'Premier appel')).toBe(0);
    expect(await undo.isHidden()).toBe(true);
    const after = (await staffApi.get(`/api/companies/${id}`).expect(200)).body;
    expect(after.stageId).toBe(stageBefore);
    expect(after.version).toBe(3);
    expect(errors).toEqual([]);
  });

  it('asks the reason of a move to a closed stage and stores it; cancelling keeps the card', async () => {
    const { staff, actor } = await team();
    const id = await company(actor, 'Tannerie Roubaix');
    const { page, errors } = await open(staff, '/prospection');

    await moveWithMenu(page, 'Tannerie Roubaix', 'Refus');
    const dialog = page.getByRole('dialog', { name: /Pourquoi « Tannerie Roubaix » passe en « Refus »/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await cardNames(page, 'À prospecter')).toEqual(['Tannerie Roubaix']);

    await moveWithMenu(page, 'Tannerie Roubaix', 'Refus');
    await dialog.getByLabel('Raison').fill('Aucun recrutement prévu cette année');
    const moved = page.waitForResponse(isMove(id));
    await dialog.getByRole('button', { name: 'Déplacer' }).click();
    expect((await moved).status()).toBe(201);
    await column(page, 'Refus').locator('.board-card', { hasText: 'Tannerie Roubaix' }).waitFor();
    const events = await t.dataSource.getRepository(StageEvent).find({ where: { companyId: id } });
    expect(events.map((event) => event.reason).sort()).toEqual(['Aucun recrutement prévu cette année', null]);
    expect(errors).toEqual([]);
  });

  it('asks the date and time of the meeting on a move to « Rendez-vous fixé »', async () => {
    const { staff, actor, staffApi } = await team();
    const id = await company(actor, 'Laiterie Bailleul');
    const { page, errors } = await open(staff, '/prospection');
    const day = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);

    await moveWithMenu(page, 'Laiterie Bailleul', 'Rendez-vous fixé');
    const dialog = page.getByRole('dialog', { name: 'Rendez-vous avec « Laiterie Bailleul »' });
    await dialog.getByLabel('Date').fill(day);
    await dialog.getByLabel('Heure').fill('14:30');
    await dialog.getByRole('button', { name: 'Déplacer' }).click();
    await column(page, 'Rendez-vous fixé').locator('.board-card', { hasText: 'Laiterie Bailleul' }).waitFor();
    await page.locator('#board-undo').getByText('« Laiterie Bailleul » déplacée vers « Rendez-vous fixé ».').waitFor();
    expect(await card(page, 'Laiterie Bailleul').locator('.board-card-next').textContent()).toMatch(/^Rendez-vous le /);
    const saved = (await staffApi.get(`/api/companies/${id}`).expect(200)).body;
    expect(saved.nextAction).toEqual(expect.objectContaining({ type: 'meeting', dueOn: day, time: '14:30' }));
    expect(errors).toEqual([]);
  });

  it('adds a company straight into a column with its « + »', async () => {
    const { staff, staffApi } = await team();
    const { page, errors } = await open(staff, '/prospection');
    await page.getByRole('link', { name: 'Ajouter une entreprise dans « Besoin repéré »' }).click();
    await page.getByText('L’entreprise entrera dans l’étape « Besoin repéré » du tableau de prospection.').waitFor();
    await page.getByLabel('Nom de l’entreprise').fill('Chocolaterie Wambrechies');
    await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
    await page.waitForURL(/\/entreprises\/[0-9a-f-]{36}/);
    await page.goto(`${baseUrl}/prospection`);
    expect(await cardNames(page, 'Besoin repéré')).toEqual(['Chocolaterie Wambrechies']);
    const stages = (await staffApi.get('/api/pipeline/stages').expect(200)).body as Array<{ id: string; key: string }>;
    const created = (await staffApi.get('/api/companies?q=Wambrechies').expect(200)).body.items[0];
    expect(created.stageId).toBe(stages.find((stage) => stage.key === 'need_found')!.id);
    expect(errors).toEqual([]);
  });

  it('puts a card back and says so in French when the company changed behind the page', async () => {
    const { staff, actor, staffApi } = await team();
    const id = await company(actor, 'Transports Caron');
    const { page, errors } = await open(staff, '/prospection');
    await staffApi.patch(`/api/companies/${id}`, { notes: 'Modifiée dans un autre onglet' }).expect(200);

    const moved = page.waitForResponse(isMove(id));
    await drag(page, card(page, 'Transports Caron'), column(page, 'Premier appel').locator('.board-cards'));
    expect((await moved).status()).toBe(409);
    const alert = page.getByRole('alert').filter({ hasText: 'modifiée' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Cette entreprise a été modifiée entre-temps : rechargez la page.');
    expect(await cardNames(page, 'À prospecter')).toEqual(['Transports Caron']);
    expect(await cardNames(page, 'Premier appel')).toEqual([]);
    expect(await count(page, 'À prospecter')).toBe(1);
    expect(await count(page, 'Premier appel')).toBe(0);
    expect(errors).toEqual([`409 POST ${baseUrl}/api/companies/${id}/stage`]);
  });

  it('filters the board by name and carries the filters to the CSV export', async () => {
    const { staff, actor } = await team();
    await company(actor, 'Garage Martin');
    await company(actor, 'Boulangerie Dupont');
    await company(actor, 'Garage des Flandres', null);
    const { page, errors } = await open(staff, '/prospection');

    await page.getByLabel('Recherche', { exact: true }).fill('garage');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/q=garage/);
    expect((await cardNames(page, 'À prospecter')).sort()).toEqual(['Garage Martin', 'Garage des Flandres']);
    expect(await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href')).toBe('/api/board/export.csv?q=garage');

    await page.getByLabel('Référent·e').selectOption({ label: 'Non attribuées' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/owner=none/);
    expect(await cardNames(page, 'À prospecter')).toEqual(['Garage des Flandres']);
    expect(await page.getByLabel('Recherche', { exact: true }).inputValue()).toBe('garage');
    expect(errors).toEqual([]);
  });

  it('loads more cards of a long column with "Voir plus"', async () => {
    const { staff, actor } = await team();
    for (let index = 1; index <= 23; index += 1) await company(actor, `Entreprise ${String(index).padStart(2, '0')}`);
    const { page, errors } = await open(staff, '/prospection');
    expect(await column(page, 'À prospecter').locator('.board-card').count()).toBe(20);
    await column(page, 'À prospecter').getByRole('button', { name: 'Voir plus' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.board-column .board-card').length === 23);
    expect(await column(page, 'À prospecter').getByRole('button', { name: 'Voir plus' }).isHidden()).toBe(true);
    expect(await count(page, 'À prospecter')).toBe(23);
    expect(errors).toEqual([]);
  });

  it('lists an overdue company under "En retard" and an unassigned one under "Non attribuées" on /relances', async () => {
    const { staff, manager, actor } = await team();
    const late = await company(actor, 'Scierie Vandamme');
    await company(actor, 'Fromagerie Sans Référent', null);
    const past = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    await actingAs(t.app.get(CompaniesService)).setNextAction(actor, late, { type: 'call', dueOn: past });
    const { page, errors } = await open(staff, '/relances');

    await page.getByRole('heading', { name: 'Mes relances' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').nth(1).textContent()).toBe('Relances');
    const overdue = page.getByRole('region', { name: /En retard/ });
    expect(await overdue.getByRole('link', { name: 'Scierie Vandamme' }).count()).toBe(1);
    const [year, month, day] = past.split('-');
    expect(await overdue.getByRole('row', { name: /Scierie Vandamme/ }).textContent()).toContain(`${day}/${month}/${year}`);
    expect(await page.getByRole('region', { name: /Aujourd’hui/ }).getByRole('link', { name: 'Scierie Vandamme' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: /Non attribuées/ }).getByRole('link', { name: 'Fromagerie Sans Référent' }).count()).toBe(1);
    // Staff see their own actions only: no "Toute l’équipe" switch.
    expect(await page.getByLabel('Afficher les actions de').count()).toBe(0);
    expect(errors).toEqual([]);

    // A manager sees nothing of their own, then the whole team's actions.
    const asManager = await open(manager, '/relances');
    expect(await asManager.page.getByRole('region', { name: /En retard/ }).getByText('Aucune action en retard.').count()).toBe(1);
    await asManager.page.getByLabel('Afficher les actions de').selectOption({ label: 'Toute l’équipe' });
    await asManager.page.getByRole('button', { name: 'Afficher' }).click();
    await asManager.page.waitForURL(/owner=all/);
    expect(await asManager.page.getByRole('region', { name: /En retard/ }).getByRole('link', { name: 'Scierie Vandamme' }).count()).toBe(1);
    expect(asManager.errors).toEqual([]);
  });

  it('lets a manager rename a stage on /prospection/reglages and refuses the page to staff', async () => {
    const { staff, manager } = await team();
    const { page, errors } = await open(manager, '/prospection');
    await page.getByRole('link', { name: 'Étapes et relances' }).click();
    await page.getByRole('heading', { name: 'Étapes et relances' }).waitFor();

    await page.getByLabel('Nom de l’étape « Premier appel »').fill('Premier contact');
    await page.getByRole('button', { name: 'Enregistrer « Premier appel »' }).click();
    await page.getByText('L’étape a été enregistrée.').waitFor();

    // A name already taken: the error in French, nothing changed.
    await page.getByLabel('Nom de l’étape « Premier contact »').fill('refus');
    await page.getByRole('button', { name: 'Enregistrer « Premier contact »' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Une étape nommée « Refus » existe déjà.');

    await page.goto(`${baseUrl}/prospection`);
    expect(await column(page, 'Premier contact').count()).toBe(1);
    expect(await column(page, 'Premier appel').count()).toBe(0);
    expect(errors).toEqual([expect.stringMatching(/^409 POST .*\/prospection\/reglages\/etapes\/[0-9a-f-]{36}$/)]);

    const asStaff = await open(staff, '/prospection');
    expect(await asStaff.page.getByRole('link', { name: 'Étapes et relances' }).count()).toBe(0);
    const refused = await asStaff.page.goto(`${baseUrl}/prospection/reglages`);
    expect(refused?.status()).toBe(403);
    expect(await asStaff.page.locator('h1').textContent()).toBe('Accès réservé');
  });

  it('lets a manager add, reorder, archive and restore stages and edit the follow-up cadence', async () => {
    const { manager, actor } = await team();
    await company(actor, 'Brasserie du Beffroi');
    const { page, errors } = await open(manager, '/prospection/reglages');
    const stageNames = () => page.locator('.settings-stages tbody input[name="name"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

    await page.getByLabel('Nom de la nouvelle étape').fill('Immersion');
    await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await page.getByText('L’étape a été ajoutée.').waitFor();
    expect((await stageNames()).slice(7, 9)).toEqual(['Partenaire actif', 'Immersion']);

    await page.getByRole('button', { name: 'Monter « Immersion »' }).click();
    await page.getByText('L’ordre des étapes a été modifié.').waitFor();
    expect((await stageNames()).slice(6, 9)).toEqual(['Recrutement', 'Immersion', 'Partenaire actif']);

    await page.getByRole('button', { name: 'Archiver « À prospecter »' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archiver' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(
      'L’étape « À prospecter » contient encore 1 entreprise : déplacez-les avant de l’archiver.',
    );

    await page.getByRole('button', { name: 'Archiver « Immersion »' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archiver' }).click();
    await page.getByText('L’étape a été archivée.').waitFor();
    expect(await stageNames()).not.toContain('Immersion');
    await page.getByRole('button', { name: 'Restaurer « Immersion »' }).click();
    await page.getByText('L’étape a été restaurée.').waitFor();
    expect(await stageNames()).toContain('Immersion');

    await page.getByLabel('Prochaine action après « Appel : refus »').selectOption({ label: 'Appeler' });
    await page.getByLabel('Délai après « Appel : refus »', { exact: true }).fill('6');
    await page.getByLabel('Unité du délai après « Appel : refus »').selectOption({ label: 'mois' });
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await page.getByText('Les règles de relance ont été enregistrées.').waitFor();
    expect(await page.getByLabel('Délai après « Appel : refus »', { exact: true }).inputValue()).toBe('6');
    const staffApi = api(await login(t.app.getHttpServer(), manager.email));
    const rules = (await staffApi.get('/api/pipeline/cadence').expect(200)).body as Array<{ trigger: string }>;
    expect(rules).toContainEqual({ trigger: 'call:refused', actionType: 'call', amount: 6, unit: 'months' });

    await page.getByRole('button', { name: 'Rétablir les règles par défaut' }).click();
    await page.getByText('Les règles de relance par défaut ont été rétablies.').waitFor();
    expect(await page.getByLabel('Prochaine action après « Appel : refus »').inputValue()).toBe('');
    expect(errors).toEqual([expect.stringMatching(/^409 POST .*\/prospection\/reglages\/etapes\/[0-9a-f-]{36}\/archiver$/)]);
  });
});
