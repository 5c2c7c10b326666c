import { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import { CompaniesService } from '../src/companies/companies.service';
import { ContactsService } from '../src/contacts/contacts.service';
import { Actor } from '../src/tenancy/actor';
import { User } from '../src/users/user.entity';
import { TestApp, createTestWorker } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

const SIRENE_FILE = join(__dirname, 'fixtures', 'sirene-small.csv');

/** The calendar day in Paris of an instant, as 'YYYY-MM-DD'. */
function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `days` working days after `day` (weekends skipped; no public holiday falls near the dates used here), as dd/mm/yyyy. */
function workingDaysLaterFr(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left--;
  }
  const [year, month, dayOfMonth] = date.toISOString().slice(0, 10).split('-');
  return `${dayOfMonth}/${month}/${year}`;
}

describe('company pages in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, baseUrl } = harness);
  });
  afterAll(() => harness?.close());

  async function team(name: string): Promise<{ staff: User; actor: Actor }> {
    const structure = await createStructure(t.dataSource, name);
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    await createUser(t.dataSource, structure, 'staff', 'Julie');
    return { staff, actor: { userId: staff.id, structureId: structure.id, role: 'staff' } };
  }

  const open = (user: User, path: string) => harness.open(user, path);

  it('creates a company through the form, adds a contact, logs a call and sees the cadence’s next action', async () => {
    t.clock.set(new Date('2026-11-24T09:00:00Z')); // a Tuesday
    const { staff, actor } = await team('ACI Fiches');
    // Same normalised name in another postcode: flagged after creation (the same postcode would open it instead).
    const existing = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Patisserie Berenice SARL', postcode: '59800', commune: 'Lille' });
    const { page, errors } = await open(staff, '/entreprises/nouvelle');

    // The owner defaults to the current user.
    const owner = page.getByLabel('Référent·e');
    expect(await owner.locator('option:checked').textContent()).toBe('Karim staff');

    await page.getByLabel('Nom de l’entreprise').fill('Pâtisserie Bérénice');
    await page.getByLabel('SIRET').fill('12345678901234');
    await page.getByLabel('Code NAF').fill('1071C');
    await page.getByLabel('Tranche d’effectif').selectOption('03');
    await page.getByLabel('Adresse').fill('12 rue des Tilleuls');
    await page.getByLabel('Code postal').fill('59000');
    await page.getByLabel('Commune').fill('Lille');
    await page.getByLabel('Origine').selectOption('network');
    await page.getByLabel('Étiquettes').fill('boulangerie, centre-ville');
    const refused = page.waitForResponse((response) => response.url().endsWith('/entreprises/nouvelle') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
    expect((await refused).status()).toBe(400);

    // The French message sits next to the SIRET field, and what was typed is kept.
    const siretError = page.locator('#nouvelle-siret-erreur');
    await siretError.waitFor();
    expect(await siretError.textContent()).toBe('Le SIRET doit comporter 14 chiffres avec une clé de contrôle valide.');
    expect(await page.getByLabel('SIRET').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('SIRET').inputValue()).toBe('12345678901234');
    expect(await page.getByLabel('Nom de l’entreprise').inputValue()).toBe('Pâtisserie Bérénice');
    expect(await page.getByLabel('Commune').inputValue()).toBe('Lille');
    expect(await page.getByLabel('Tranche d’effectif').inputValue()).toBe('03');
    expect(await page.getByLabel('Étiquettes').inputValue()).toBe('boulangerie, centre-ville');
    expect(await page.locator('.field-error').count()).toBe(1);

    await page.getByLabel('SIRET').fill('732 829 320 00074');
    await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
    await page.waitForURL(/\/entreprises\/[0-9a-f-]{36}\?ok=creee/);
    await page.getByRole('heading', { level: 1, name: 'Pâtisserie Bérénice' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('L’entreprise a été créée.');

    // Same normalised name in another postcode: not a duplicate, nothing flagged.
    expect(await page.locator('.company-duplicates').count()).toBe(0);
    expect(existing.id).toBeTruthy();

    const facts = page.locator('.company-facts');
    expect(await facts.textContent()).toContain('73282932000074');
    expect(await facts.textContent()).toContain('732829320');
    expect(await facts.textContent()).toContain('10.71C – Boulangerie et boulangerie-pâtisserie');
    expect(await facts.textContent()).toContain('6 à 9 salariés');
    expect(await facts.textContent()).toContain('Réseau');
    expect(await facts.locator('.tags li').allTextContents()).toEqual(['boulangerie', 'centre-ville']);

    // A contact, decision-maker; then the e-mail opt-out toggled on.
    await page.getByLabel('Prénom').fill('Sophie');
    await page.locator('#contact-lastName').fill('Lefebvre');
    await page.getByLabel('Fonction').fill('Gérante');
    await page.getByLabel('E-mail', { exact: true }).fill('s.lefebvre@exemple.fr');
    await page.getByLabel('Décisionnaire').check();
    await page.getByRole('button', { name: 'Ajouter le contact' }).click();
    await page.waitForURL(/\?ok=contact/);
    const contact = page.locator('.contact', { hasText: 'Sophie Lefebvre' });
    expect(await contact.locator('.badge').allTextContents()).toEqual(['Décisionnaire']);
    await contact.getByRole('button', { name: 'Ne souhaite plus d’e-mails' }).click();
    await page.waitForURL(/\?ok=optout/);
    expect(await page.locator('.contact', { hasText: 'Sophie Lefebvre' }).locator('.badge').allTextContents()).toEqual([
      'Décisionnaire',
      'Ne souhaite pas d’e-mails',
    ]);

    // The outcome menu belongs to calls only.
    const activityType = page.locator('#activite-type');
    await activityType.selectOption('note');
    expect(await page.locator('.activity-outcome').isHidden()).toBe(true);
    await activityType.selectOption('call');
    expect(await page.locator('.activity-outcome').isVisible()).toBe(true);
    // Date and time default to now on the app's clock (Paris time).
    expect(await page.getByLabel('Date et heure').inputValue()).toBe('2026-11-24T10:00');
    expect(await page.locator('#activite-cadence-aide').textContent()).toContain('proposée par la cadence');

    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Pas de réponse' });
    await page.getByLabel('Contact', { exact: true }).selectOption({ label: 'Sophie Lefebvre' });
    await page.getByLabel('Compte rendu').fill('Standard injoignable à 11 h.');
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    // Saved in place (htmx): the form says so, the timeline and the next action are swapped.
    await page.locator('.activity-saved').waitFor();

    const first = page.locator('.timeline-entry').first();
    expect(await first.locator('.timeline-kind').textContent()).toBe('Appel');
    expect(await first.locator('.timeline-outcome').textContent()).toBe('Pas de réponse');
    expect(await first.textContent()).toContain('avec Sophie Lefebvre');
    expect(await first.textContent()).toContain('Standard injoignable à 11 h.');
    expect(await first.textContent()).toContain('24/11/2026 10:00');

    // No next action given: the cadence proposes a call 2 working days later (Tuesday → Thursday).
    const expectedDue = workingDaysLaterFr(parisDay(t.clock.now()), 2);
    expect(expectedDue).toBe('26/11/2026');
    const nextAction = page.locator('#prochaine-action');
    expect(await nextAction.locator('.next-action-type').textContent()).toBe('Appeler');
    expect(await nextAction.locator('.next-action-due').textContent()).toBe(expectedDue);
    expect(await nextAction.locator('.next-action-owner').textContent()).toBe('Karim staff');

    // The timeline filter keeps only the stage changes (the entry into the first stage).
    await page.getByLabel('Afficher').selectOption({ label: 'Changements d’étape' });
    await page.waitForURL(/type=stage_change/);
    expect(await page.locator('.timeline-kind').allTextContents()).toEqual(['Changement d’étape']);
    expect(await page.locator('.timeline-stage').textContent()).toBe('À prospecter');

    await page.goto(page.url().replace(/\?.*$/, ''));
    await page.screenshot({ path: 'test-results/company.png', fullPage: true });
    // The only failed response is the deliberate 400 of the bad SIRET; no script error, no missing asset.
    expect(errors).toEqual([`400 POST ${baseUrl}/entreprises/nouvelle`]);
  });

  it('finds a company on /entreprises by a partial name typed without accents', async () => {
    const { staff, actor } = await team('ACI Recherche');
    const companies = actingAs(t.app.get(CompaniesService));
    await companies.create(actor, { name: 'Bâtiments Électriques Hénin', postcode: '62110', commune: 'Hénin-Beaumont' });
    await companies.create(actor, { name: 'Boulangerie Dupont', postcode: '59000', commune: 'Lille' });
    const { page, errors } = await open(staff, '/entreprises');

    expect(await page.locator('.company-table tbody tr').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Recherche' }).fill('electriq hen');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=electriq/);
    const rows = page.locator('.company-table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getByRole('link').textContent()).toBe('Bâtiments Électriques Hénin');
    expect(await rows.first().textContent()).toContain('62110 Hénin-Beaumont');
    expect(await rows.first().textContent()).toContain('À prospecter');
    expect(await page.locator('.company-count').textContent()).toContain('1 entreprise correspondant à la recherche');
    await page.screenshot({ path: 'test-results/companies.png', fullPage: true });
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Bâtiments Électriques Hénin' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('opens the company a SIRET already belongs to; explains a stale edit in French; changes the stage and the next action', async () => {
    const { staff, actor } = await team('ACI Conflits');
    const companies = actingAs(t.app.get(CompaniesService));
    const taken = await companies.create(actor, { name: 'Menuiserie Vauban', siret: '55210055400013', postcode: '59800', commune: 'Lille' });
    const { page, errors } = await open(staff, '/entreprises/nouvelle');

    // A SIRET already used opens its company rather than creating a twin.
    await page.getByLabel('Nom de l’entreprise').fill('Menuiserie du Vieux-Lille');
    await page.getByLabel('SIRET').fill('552 100 554 00013');
    await page.getByRole('button', { name: 'Créer l’entreprise' }).click();
    await page.waitForURL(new RegExp(`/entreprises/${taken.id}\\?ok=existe`));
    await page.getByRole('heading', { level: 1, name: 'Menuiserie Vauban' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toContain('Cette entreprise est déjà dans Tremplin : voici sa fiche.');

    // An edit based on a version someone else has changed meanwhile.
    await page.getByText('Modifier la fiche').click();
    await companies.update(actor, taken.id, { phone: '03 20 00 00 00' });
    await page.getByLabel('Territoire').fill('Lille Métropole');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Cette fiche a été modifiée entre-temps');
    expect(await page.locator('.company-facts').textContent()).toContain('03 20 00 00 00');
    expect(await page.getByLabel('Territoire').inputValue()).toBe('Lille Métropole');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.waitForURL(/\?ok=fiche/);
    expect(await page.locator('.company-facts').textContent()).toContain('Lille Métropole');

    await page.getByLabel('Changer d’étape').selectOption({ label: 'Premier appel' });
    await page.getByRole('button', { name: 'Changer', exact: true }).click();
    await page.waitForURL(/\?ok=etape/);
    expect(await page.locator('.company-stage strong').textContent()).toBe('Premier appel');

    await page.getByText('Changer la prochaine action').click();
    await page.locator('#action-type').selectOption({ label: 'Rendez-vous' });
    await page.locator('#action-dueOn').fill('2026-12-03');
    await page.locator('#action-ownerId').selectOption({ label: 'Julie staff' });
    await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
    await page.waitForURL(/\?ok=action/);
    expect(await page.locator('.next-action-type').textContent()).toBe('Rendez-vous');
    expect(await page.locator('.next-action-due').textContent()).toBe('03/12/2026');
    expect(await page.locator('.next-action-owner').textContent()).toBe('Julie staff');

    expect(errors).toEqual([`409 POST ${baseUrl}/entreprises/${taken.id}/modifier`]);
  });

  it('books a meeting « Avec » a contact: the page says the contact was sent an invitation, or why not', async () => {
    const { staff, actor } = await team('ACI Rendez-vous');
    const companies = actingAs(t.app.get(CompaniesService));
    const contacts = actingAs(t.app.get(ContactsService));
    const firm = await companies.create(actor, { name: 'Serrurerie Clé', address: '2 rue des Clés', postcode: '59000', commune: 'Lille' });
    await contacts.create(actor, firm.id, { firstName: 'Marc', lastName: 'Durand', email: `durand-${Date.now()}@example.org` });
    await contacts.create(actor, firm.id, { firstName: 'Léa', lastName: 'Sansmail' });
    const { page, errors } = await open(staff, `/entreprises/${firm.id}`);

    await page.getByText('Changer la prochaine action').click();
    await page.locator('#action-type').selectOption({ label: 'Rendez-vous' });
    await page.locator('#action-dueOn').fill('2027-07-08');
    await page.locator('#action-time').fill('14:30');
    await page.getByLabel('Avec (facultatif)').selectOption({ label: 'Marc Durand' });
    await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
    await page.waitForURL(/\?ok=action/);
    expect(await page.locator('.next-action-contact').textContent()).toBe('Marc Durand');
    expect(await page.locator('.next-action-invitation').textContent()).toBe('Invitation envoyée au contact (agenda)');

    await page.getByText('Changer la prochaine action').click();
    expect(await page.getByLabel('Avec (facultatif)').inputValue()).not.toBe('');
    await page.getByLabel('Avec (facultatif)').selectOption({ label: 'Léa Sansmail' });
    await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
    await page.waitForURL(/\?ok=action/);
    await page.locator('.next-action-contact', { hasText: 'Léa Sansmail' }).waitFor();
    expect(await page.locator('.next-action-invitation').textContent()).toBe('Pas d’invitation envoyée : le contact n’a pas d’adresse e-mail');
    expect(errors).toEqual([]);
  });

  it('says in French, from the refusal codes, why a file cannot be imported', async () => {
    const { staff } = await team('ACI Import refusé');
    const { page, errors } = await open(staff, '/entreprises/import');
    const alert = page.locator('#import-alert');
    for (const [content, sentence] of [
      ['nom;commune\n', 'Le fichier n’a que sa ligne d’en-tête : aucune entreprise à importer.'],
      ['raison;ville\nAcme;Lille\n', 'Colonnes non reconnues : utilisez notre modèle (colonne « nom » obligatoire) ou un extrait SIRENE (colonnes « siret » et « codePostalEtablissement »).'],
    ]) {
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'essai.csv', mimeType: 'text/csv', buffer: Buffer.from(content) });
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      await page.locator('#import-alert', { hasText: sentence }).waitFor();
      expect(await alert.textContent()).toBe(sentence);
    }
    expect(errors).toEqual([`400 POST ${baseUrl}/api/imports`, `400 POST ${baseUrl}/api/imports`]);
  });

  describe('with a worker', () => {
    let worker: INestApplicationContext | undefined;
    beforeAll(async () => {
      worker = await createTestWorker();
    });
    afterAll(() => worker?.close());

    it('imports a SIRENE file: dry run (3 to create, line 5 rejected), then the real import', async () => {
      t.clock.set(new Date());
      const { staff } = await team('ACI Import');
      const { page, errors } = await open(staff, '/entreprises/import');
      expect(await page.getByRole('link', { name: 'télécharger le modèle (CSV)' }).getAttribute('href')).toBe('/api/imports/template.csv');
      expect(await page.locator('.column-list').textContent()).toContain('codePostalEtablissement');

      await page.getByLabel('Fichier CSV').setInputFiles(SIRENE_FILE);
      await page.getByLabel('Ignorer').check();
      await page.getByRole('button', { name: 'Analyser le fichier' }).click();
      const result = page.locator('#import-result');
      await result.waitFor();
      expect(await page.locator('#import-progress-text').textContent()).toBe('4 / 4 lignes');
      expect(await page.locator('#count-create').textContent()).toBe('3');
      expect(await page.locator('#count-merge').textContent()).toBe('0');
      expect(await page.locator('#count-skip').textContent()).toBe('0');
      expect(await page.locator('#count-reject').textContent()).toBe('1');
      const rejected = page.locator('#import-rejected tbody tr');
      expect(await rejected.count()).toBe(1);
      expect(await rejected.locator('td').first().textContent()).toBe('5');
      expect(await rejected.textContent()).toMatch(/siret/i);
      expect(await page.locator('#import-preview tbody tr').count()).toBeGreaterThanOrEqual(3);
      await page.screenshot({ path: 'test-results/company-import.png', fullPage: true });

      await page.getByRole('button', { name: 'Lancer l’import' }).click();
      const done = page.locator('#import-done');
      await done.waitFor();
      expect(await page.locator('#done-create').textContent()).toBe('3');
      expect(await page.locator('#done-reject').textContent()).toBe('1');

      await done.getByRole('link', { name: 'Voir les entreprises' }).click();
      await page.waitForURL(`${baseUrl}/entreprises`);
      await page.getByRole('searchbox', { name: 'Recherche' }).fill('sirene');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForURL(/q=sirene/);
      expect((await page.locator('.company-table tbody tr a').allTextContents()).sort()).toEqual([
        'BOULANGERIE DES TILLEULS SIRENE',
        'GARAGE DU CHATEAU D\'EAU SIRENE',
        'MENUISERIE VAUBAN SIRENE',
      ]);
      expect(errors).toEqual([]);
    });
  });
});
