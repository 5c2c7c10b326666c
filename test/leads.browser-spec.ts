import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CandidatesService } from '../src/candidates/candidates.service';
import { CompaniesService } from '../src/companies/companies.service';
import { LeadsService } from '../src/leads/leads.service';
import { Actor } from '../src/tenancy/actor';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

describe('leads, candidates and placements pages in Chromium', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('creates a lead, proposes the best match in one click, and creates a placement', async () => {
    const { t, baseUrl } = harness;
    t.clock.set(new Date('2026-11-24T09:00:00Z'));
    const structure = await createStructure(t.dataSource, 'ACI Pistes');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Entrepôt du Nord', postcode: '59000', commune: 'Lille' });
    const candidates = actingAs(t.app.get(CandidatesService));
    const samira = await candidates.create(actor, {
      firstName: 'Samira',
      lastName: 'Benali',
      wantedJobs: [{ label: 'travailler en entrepôt', romeCode: 'N1103' }],
      strengths: ['Ponctuelle', 'Rigoureuse'],
      skills: ['CACES 1'],
      shifts: ['day'],
      hoursPerWeek: 35,
      homeCommune: 'Lille',
      constraints: { health: 'Dos fragile : pas de port de charges lourdes' },
      notes: 'Note privée de suivi',
    });
    await candidates.create(actor, { firstName: 'Alain', lastName: 'Durand', wantedJobs: [{ label: 'cuisine' }], shifts: ['day'] });
    await candidates.create(actor, { firstName: 'Zoé', lastName: 'Martin', wantedJobs: [{ label: 'vente' }], shifts: ['night'] });

    // ---- a new lead from the company, with a bad ROME code first
    const { page, errors } = await harness.open(staff, `/pistes/nouvelle?entreprise=${company.id}`);
    expect(await page.getByLabel('Entreprise').locator('option:checked').textContent()).toBe('Entrepôt du Nord');
    await page.getByLabel('Intitulé du poste').fill('Préparateur de commandes');
    await page.getByLabel('Code ROME').fill('X9999');
    await page.getByLabel('Heures par semaine').fill('35');
    await page.getByLabel('Exigences strictement nécessaires').fill('Savoir lire une étiquette\n\nPorter des gants');
    const refused = page.waitForResponse((response) => response.url().endsWith('/pistes/nouvelle') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Créer la piste' }).click();
    expect((await refused).status()).toBe(400);
    const romeError = page.locator('#piste-romeCode-erreur');
    await romeError.waitFor();
    expect(await romeError.textContent()).toBe('Code ROME inconnu : saisissez un code du ROME, par exemple N1103.');
    expect(await page.getByLabel('Code ROME').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Intitulé du poste').inputValue()).toBe('Préparateur de commandes');

    await page.getByLabel('Code ROME').fill('n1103');
    await page.getByRole('button', { name: 'Créer la piste' }).click();
    await page.waitForURL(/\/pistes\/[0-9a-f-]{36}\?ok=creee$/);
    const leadUrl = page.url().replace(/\?.*$/, '');
    const leadId = leadUrl.split('/').pop()!;
    expect(await page.locator('.notice').textContent()).toBe('La piste a été créée.');
    expect(await page.locator('#statut-piste').textContent()).toBe('Repéré');
    expect(await page.locator('main').textContent()).toContain('Magasinage et préparation de commandes');
    expect(await page.locator('.lead-list').first().textContent()).toContain('Porter des gants');

    // ---- the list
    await page.goto(`${baseUrl}/pistes`);
    const row = page.locator('tr', { hasText: 'Préparateur de commandes' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Entrepôt du Nord');
    expect(await row.textContent()).toContain('Marché caché');
    expect(await row.textContent()).toContain('à proposer avant le 01/12/2026');
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'leads.png'), fullPage: true });

    // ---- matching: Samira first, with the job as a reason; Zoé set aside with her conflict
    await page.goto(leadUrl);
    const first = page.locator('#candidats-compatibles ol.match-list > li').first();
    expect(await first.locator('.match-name').textContent()).toBe('Samira Benali');
    expect(await first.locator('.match-reasons').textContent()).toContain('Souhaite ce métier (N1103)');
    expect(await page.locator('.excluded-list').textContent()).toContain('Zoé Martin');
    expect(await page.locator('.excluded-list').textContent()).toContain('N’accepte pas le rythme du poste');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toContain('Dos fragile');
    expect(body).not.toContain('Note privée');
    mkdirSync(join(__dirname, '..', 'test-results'), { recursive: true });
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'lead.png'), fullPage: true });

    await first.getByRole('button', { name: 'Proposer Samira Benali' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('Proposer Samira Benali pour ce poste ? L’employeur pourra recevoir sa candidature.').waitFor();
    await confirm.getByRole('button', { name: 'Proposer' }).click();
    await page.waitForURL(/\?ok=propose#propositions$/);
    expect(await page.locator('#statut-piste').textContent()).toBe('Candidat proposé');
    const proposal = page.locator('.proposal', { hasText: 'Samira Benali' });
    expect(await proposal.locator('.badge').textContent()).toBe('En attente');
    expect(await page.locator('#candidats-compatibles').textContent()).toContain('Déjà proposé·e');

    // The outcome: an interview moves the lead on.
    await proposal.getByText('Noter l’issue').click();
    await proposal.getByLabel('Issue').selectOption('interview');
    await proposal.getByRole('button', { name: 'Enregistrer l’issue' }).click();
    await page.waitForURL(/\?ok=issue#propositions$/);
    expect(await page.locator('.proposal .badge').first().textContent()).toBe('Entretien');
    expect(await page.locator('#statut-piste').textContent()).toBe('Entretien / immersion');

    // ---- the candidate page: strengths first, confidential block last
    await page.goto(`${baseUrl}/candidats/${samira.id}`);
    const order = await page.evaluate(() => {
      const strengths = document.getElementById('atouts');
      const confidential = document.getElementById('confidentiel');
      return strengths && confidential ? Boolean(strengths.compareDocumentPosition(confidential) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    });
    expect(order).toBe(true);
    expect(await page.locator('#atouts').textContent()).toContain('Ponctuelle');
    expect(await page.locator('#atouts').textContent()).toContain('Magasinage et préparation de commandes');
    expect(await page.locator('#confidentiel').textContent()).toContain('Dos fragile');
    expect(await page.locator('#pistes-compatibles').textContent()).toContain('Préparateur de commandes');
    expect(await page.locator('#pistes-compatibles').textContent()).toContain('Déjà proposé·e');
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'candidate.png'), fullPage: true });

    // ---- a placement from the lead: a PMSMP over a month is refused next to the end date
    await page.goto(`${baseUrl}/placements/nouveau?piste=${leadId}&candidat=${samira.id}`);
    expect(await page.getByLabel('Personne accompagnée').locator('option:checked').textContent()).toBe('Samira Benali');
    expect(await page.getByLabel('Entreprise').locator('option:checked').textContent()).toBe('Entrepôt du Nord');
    expect(await page.getByLabel('Poste').inputValue()).toBe('Préparateur de commandes');
    await page.getByLabel('Type de contrat').selectOption('pmsmp');
    await page.getByLabel('Date de début').fill('2026-12-01');
    await page.getByLabel('Date de fin prévue').fill('2027-01-15');
    const refusedPlacement = page.waitForResponse((response) => response.url().endsWith('/placements/nouveau') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Créer le placement' }).click();
    expect((await refusedPlacement).status()).toBe(400);
    const endError = page.locator('#placement-plannedEndDate-erreur');
    await endError.waitFor();
    expect(await endError.textContent()).toBe('Une immersion (PMSMP) dure un mois au plus : la date de fin doit être au plus tard le 31 décembre 2026.');

    await page.getByLabel('Date de fin prévue').fill('2026-12-19');
    await page.getByRole('button', { name: 'Créer le placement' }).click();
    await page.waitForURL(`${baseUrl}/placements?ok=placement`);
    const placementRow = page.locator('tbody tr', { hasText: 'Samira Benali' });
    const rowText = (await placementRow.textContent()) ?? '';
    expect(rowText).toContain('Entrepôt du Nord');
    expect(rowText).toContain('Immersion (PMSMP)');
    expect(rowText).toContain('01/12/2026');
    expect(rowText).toContain('19/12/2026');
    expect(rowText).toContain('Prévu');
    expect(rowText).toContain('Pas une sortie');
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'placements.png'), fullPage: true });

    // Starting it: the person is now in placement.
    await placementRow.getByRole('button', { name: 'Démarrer' }).click();
    await page.waitForURL(`${baseUrl}/placements?ok=demarre`);
    expect(await page.locator('tbody tr', { hasText: 'Samira Benali' }).locator('.badge').first().textContent()).toBe('En cours');

    // Ending it early needs the reason and who ended it, in French next to the fields (nine days
    // later: a new session, sessions last 12 hours).
    t.clock.set(new Date('2026-12-10T09:00:00Z'));
    const later = await harness.open(staff, '/placements');
    const started = later.page.locator('tbody tr', { hasText: 'Samira Benali' });
    await started.getByText('Terminer', { exact: true }).click();
    await started.getByLabel('Date de fin').fill('2026-12-09');
    await started.getByLabel('Anticipée (rupture)').check();
    await started.getByRole('button', { name: 'Terminer le placement' }).click();
    const reasonError = later.page.locator('tbody tr', { hasText: 'Samira Benali' }).locator('.field-error').first();
    await reasonError.waitFor();
    expect(await reasonError.textContent()).toBe('Indiquez le motif de la rupture.');
    const again = later.page.locator('tbody tr', { hasText: 'Samira Benali' });
    await again.getByLabel('Motif de la rupture').fill('Trajet trop long finalement');
    await again.getByLabel('À l’initiative de').selectOption('employee');
    await again.getByRole('button', { name: 'Terminer le placement' }).click();
    await later.page.waitForURL(`${baseUrl}/placements?ok=termine`);
    const ended = (await later.page.locator('tbody tr', { hasText: 'Samira Benali' }).textContent()) ?? '';
    expect(ended).toContain('Terminé');
    expect(ended).toContain('Rupture');
    expect(ended).toContain('terminé le 09/12/2026');
    errors.push(...later.errors);
    await later.page.close();

    // The deliberate 400s: the bad ROME code, the PMSMP over a month, the rupture without a reason.
    const deliberate = /^400 POST .*\/(pistes\/nouvelle|placements\/nouveau|placements\/[0-9a-f-]{36}\/terminer)$/;
    expect(errors.filter((error) => !deliberate.test(error))).toEqual([]);
    expect(errors).toHaveLength(3);
    await page.close();
  });

  it('creates a candidate through the form, with a French error for an unknown ROME code', async () => {
    const { t, baseUrl } = harness;
    const structure = await createStructure(t.dataSource, 'ACI Candidats');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Julie');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: 'Brasserie du Port', postcode: '59140', commune: 'Dunkerque' });
    await actingAs(t.app.get(LeadsService)).create(actor, { companyId: company.id, jobTitle: 'Commis de cuisine', romeCode: 'G1602', contractType: 'cdd' });
    const { page, errors } = await harness.open(staff, '/candidats/nouveau');
    await page.getByLabel('Prénom').fill('Inès');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill('Carpentier');
    await page.getByLabel('Atouts').fill('Souriante\nPersévérante');
    await page.getByLabel('Métier 1', { exact: true }).fill('aide en cuisine');
    await page.getByLabel('Code ROME du métier 1').fill('Z0000');
    await page.getByLabel('Santé').fill('Suivi médical en cours');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    const error = page.locator('#candidat-wantedRome0-erreur');
    await error.waitFor();
    expect(await error.textContent()).toContain('Code ROME inconnu');
    await page.getByLabel('Code ROME du métier 1').fill('G1602');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    await page.waitForURL(/\/candidats\/[0-9a-f-]{36}\?ok=candidat$/);
    expect(await page.locator('h1').textContent()).toBe('Inès Carpentier');
    expect(await page.locator('#atouts').textContent()).toContain('Persévérante');
    expect(await page.locator('#confidentiel').textContent()).toContain('Suivi médical en cours');

    // Proposing from the person's page, for an open lead that fits.
    expect(await page.locator('#pistes-compatibles').textContent()).toContain('Souhaite ce métier (G1602)');
    await page.getByRole('button', { name: 'Proposer pour Commis de cuisine' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Proposer' }).click();
    await page.waitForURL(/\/candidats\/[0-9a-f-]{36}\?ok=propose#pistes-compatibles$/);
    expect(await page.locator('#pistes-compatibles').textContent()).toContain('Déjà proposé·e');

    await page.goto(`${baseUrl}/candidats?q=carpen`);
    expect(await page.locator('tbody').textContent()).toContain('Inès Carpentier');
    expect(await page.locator('tbody').textContent()).not.toContain('Suivi médical');
    expect(errors.filter((entry) => entry !== `400 POST ${baseUrl}/candidats/nouveau`)).toEqual([]);
    await page.close();
  });
});
