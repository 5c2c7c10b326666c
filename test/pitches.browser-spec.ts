import { CompaniesService } from '../src/companies/companies.service';
import { ContactsService } from '../src/contacts/contacts.service';
import { PitchScriptsService } from '../src/pitches/pitch-scripts.service';
import { ActivitiesService } from '../src/prospection/activities.service';
import { LogActivityDto } from '../src/prospection/dto/activity.dto';
import { Actor } from '../src/tenancy/actor';
import { User } from '../src/users/user.entity';
import { TestApp } from './helpers/app';
import { BrowserHarness, startBrowserHarness } from './helpers/browser';
import { createStructure, createUser } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

const FIRST_CALL = 'Premier appel — obtenir un rendez-vous';
const FIRST_MEETING = 'Premier rendez-vous — comprendre les besoins';
const NO_NEED = 'Nous ne recrutons pas en ce moment.';

describe('argumentaires in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    ({ t, baseUrl } = harness);
  });
  afterAll(() => harness?.close());

  /** A structure with a staff member and a manager, and a company (NAF code) with a contact. */
  async function team(name: string, companyName = 'Boulangerie Dupont') {
    const structure = await createStructure(t.dataSource, name);
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const manager = await createUser(t.dataSource, structure, 'manager', 'Sonia');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const company = await actingAs(t.app.get(CompaniesService)).create(actor, { name: companyName, nafCode: '4711D', postcode: '59000', commune: 'Lille' });
    await actingAs(t.app.get(ContactsService)).create(actor, company.id, { firstName: 'Sophie', lastName: 'Lefebvre' } as never);
    return { structure, staff, manager, actor, company };
  }

  const open = (user: User, path: string) => harness.open(user, path);

  async function scriptId(actor: Actor, title: string): Promise<string> {
    const scripts = await actingAs(t.app.get(PitchScriptsService)).list(actor, {});
    return scripts.find((script) => script.title === title)!.id;
  }

  it('shows the fitting script filled in for the company and contact, switches scripts, logs a call with its objections', async () => {
    t.clock.set(new Date());
    const { staff, company } = await team('ACI Argumentaire', '<b>Gras</b> & Fils');
    const { page, errors } = await open(staff, `/entreprises/${company.id}`);
    const panel = page.locator('#argumentaire');

    // The company is at « À prospecter »: the first-call script, escaped, for the chosen contact.
    expect(await panel.locator('.script-title').textContent()).toBe(FIRST_CALL);
    expect(await panel.locator('.script-opening').textContent()).toContain('Bonjour Madame, Monsieur');
    await page.getByLabel('Contact', { exact: true }).selectOption({ label: 'Sophie Lefebvre' });
    await page.waitForFunction(() => document.querySelector('#argumentaire .script-opening')?.textContent?.includes('Bonjour Sophie'));
    const opening = await panel.locator('.script-opening').textContent();
    expect(opening).toContain('Bonjour Sophie Lefebvre');
    expect(opening).toContain('comme <b>Gras</b> & Fils');
    expect(await panel.locator('b').count()).toBe(0);
    expect(await panel.locator('.script-objection').count()).toBe(4);
    // The sections keep their line breaks (white-space: pre-line).
    expect(await panel.locator('.script-opening').evaluate((node) => getComputedStyle(node).whiteSpace)).toBe('pre-line');
    await page.screenshot({ path: 'test-results/company-script.png', fullPage: true });

    // Switching scripts re-renders the panel and the objections to tick.
    await page.getByLabel('Argumentaire affiché').selectOption({ label: FIRST_MEETING });
    await panel.locator('.script-title', { hasText: FIRST_MEETING }).waitFor();
    expect(await page.locator('.activity-script-title').textContent()).toBe(FIRST_MEETING);
    await page.getByLabel('Argumentaire affiché').selectOption({ label: FIRST_CALL });
    await panel.locator('.script-title', { hasText: FIRST_CALL }).waitFor();
    expect(await page.locator('.activity-script-title').textContent()).toBe(FIRST_CALL);

    // Meetings have an outcome too, but not « Pas de réponse ».
    await page.locator('#activite-type').selectOption('meeting');
    expect(await page.locator('.activity-outcome label').textContent()).toBe('Issue du rendez-vous');
    expect(await page.locator('#activite-outcome option[value="no_answer"]').evaluate((option) => (option as HTMLOptionElement).hidden)).toBe(true);
    await page.locator('#activite-type').selectOption('call');

    // A refusal needs its reason: the French message sits next to the field, the ticks are kept.
    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Refus' });
    expect(await page.getByLabel('Raison du refus').isVisible()).toBe(true);
    await page.getByLabel(NO_NEED).check();
    const refused = page.waitForResponse((response) => response.url().endsWith('/activites') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    expect((await refused).status()).toBe(400);
    const reasonError = page.locator('#activite-refusalReason-erreur');
    await reasonError.waitFor();
    expect(await reasonError.textContent()).toContain('Indiquez la raison du refus');
    expect(await page.getByLabel('Raison du refus').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(NO_NEED).isChecked()).toBe(true);
    expect(await panel.locator('.script-title').textContent()).toBe(FIRST_CALL);

    // Booked: the timeline names the script, its version and the objection met.
    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Rendez-vous fixé' });
    expect(await page.getByLabel('Raison du refus').isHidden()).toBe(true);
    await page.getByLabel('Contact', { exact: true }).selectOption({ label: 'Sophie Lefebvre' });
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    // Saved in place (htmx): the timeline is swapped, the form reset.
    await page.locator('.activity-saved').waitFor();
    const first = page.locator('.timeline-call').first();
    expect(await first.locator('.timeline-outcome').textContent()).toBe('Rendez-vous fixé');
    expect(await first.locator('.timeline-script').textContent()).toBe(`avec l’argumentaire « ${FIRST_CALL} » (v1)`);
    expect(await first.locator('.timeline-objections').textContent()).toBe(`Objections rencontrées : ${NO_NEED}`);

    // A refusal with its reason is shown in the timeline too.
    await page.getByLabel('Issue de l’appel').selectOption({ label: 'Refus' });
    await page.getByLabel('Raison du refus').fill('Aucun poste avant l’été.');
    await page.getByRole('button', { name: 'Noter l’activité' }).click();
    await page.locator('.timeline-call .timeline-refusal').first().waitFor();
    expect(await page.locator('.timeline-call').first().locator('.timeline-refusal').textContent()).toBe('Raison du refus : Aucun poste avant l’été.');

    expect(errors).toEqual([`400 POST ${baseUrl}/entreprises/${company.id}/activites`]);
  });

  it('edits a script into version 2, explains a bad placeholder and a stale save in French, shows the conversion', async () => {
    t.clock.set(new Date());
    const { staff, actor, company } = await team('ACI Versions');
    const id = await scriptId(actor, FIRST_CALL);
    const scripts = actingAs(t.app.get(PitchScriptsService));
    const detail = await scripts.get(actor, id);
    await actingAs(t.app.get(ActivitiesService)).log(actor, company.id, {
      type: 'call',
      outcome: 'meeting_booked',
      scriptVersionId: detail.current.id,
      objections: [detail.current.sections.objections[0].key],
    } as LogActivityDto);

    const { page, errors } = await open(staff, '/argumentaires');
    const item = page.locator('.pitch-item', { hasText: FIRST_CALL });
    expect(await item.locator('.pitch-headline').textContent()).toContain('rendez-vous obtenus : 1 sur 1 appel abouti (100 %)');
    expect(await item.locator('.pitch-targeting').textContent()).toBe('Toutes les entreprises');
    expect(await page.locator('#type-first_meeting').textContent()).toContain('besoins repérés');
    await item.getByRole('link', { name: FIRST_CALL }).click();
    await page.waitForURL(`${baseUrl}/argumentaires/${id}`);

    // The conversion: counts beside the rate and its interval, a small sample flagged.
    const table = page.locator('.pitch-conversion');
    expect(await table.textContent()).toContain('1 / 1');
    expect(await table.textContent()).toContain('100 %');
    expect(await table.textContent()).toMatch(/entre \d+ % et 100 %/);
    expect(await table.textContent()).toContain('échantillon faible');
    expect(await page.locator('.pitch-staff').textContent()).toContain('Karim staff');
    expect(await page.locator('.pitch-frequent').textContent()).toContain(NO_NEED);

    // Editing the closing makes version 2, shown in the history with its author and what changed.
    await page.getByText('Modifier l’argumentaire').click();
    expect(await page.locator('.pitch-placeholders').textContent()).toContain('Prénom du contact');
    await page.getByLabel('Conclusion').fill('Puis-je passer vous voir mardi ou jeudi prochain ? Mon numéro : {{staff.phone}}.');
    await page.getByLabel('Note de modification').fill('Proposer deux jours précis.');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.waitForURL(/\?ok=version/);
    const latest = page.locator('.pitch-version').first();
    expect(await latest.locator('a').first().textContent()).toBe('Version 2');
    expect(await latest.locator('.pitch-version-author').textContent()).toBe('Karim staff');
    expect(await latest.locator('.pitch-version-changes').textContent()).toBe('Modifié : conclusion');
    expect(await latest.locator('.pitch-version-note').textContent()).toContain('Proposer deux jours précis.');
    expect(await page.locator('.pitch-closing').textContent()).toContain('mardi ou jeudi');
    await page.screenshot({ path: 'test-results/pitch.png', fullPage: true });

    // Version 1 stays readable.
    await page.locator('.pitch-version', { hasText: 'Version 1' }).getByRole('link', { name: 'Version 1' }).click();
    await page.waitForURL(/\?version=1/);
    expect(await page.locator('.pitch-readonly').textContent()).toContain('lecture seule');
    expect(await page.locator('.pitch-closing').textContent()).not.toContain('mardi ou jeudi');
    await page.getByRole('link', { name: 'Revenir à la version courante' }).click();

    // An unknown placeholder: the French message next to the section, the typed text kept.
    await page.getByText('Modifier l’argumentaire').click();
    const typed = 'Bonjour {{contact.prenom}}, ici {{staff.firstName}}.';
    await page.getByLabel('Accroche').fill(typed);
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    const openingError = page.locator('#script-opening-erreur');
    await openingError.waitFor();
    expect(await openingError.textContent()).toContain('La variable {{contact.prenom}} n’existe pas');
    expect(await page.getByLabel('Accroche').inputValue()).toBe(typed);
    expect(await page.getByLabel('Accroche').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').count()).toBe(1);

    // Someone else saves meanwhile: the French 409 message, and what was typed is kept.
    await scripts.update(actor, id, { version: 2, changeNote: 'Ailleurs', title: `${FIRST_CALL} (bis)` } as never);
    await page.getByLabel('Accroche').fill('Bonjour {{contact.firstName}}, ici {{staff.firstName}}.');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('.pitch-form .alert').waitFor();
    expect(await page.locator('.pitch-form .alert').textContent()).toContain('modifié entre-temps');
    expect(await page.getByLabel('Accroche').inputValue()).toBe('Bonjour {{contact.firstName}}, ici {{staff.firstName}}.');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.waitForURL(/\?ok=version/);
    expect(await page.locator('.pitch-version').first().locator('a').first().textContent()).toBe('Version 4');

    expect(errors).toEqual([`400 POST ${baseUrl}/argumentaires/${id}`, `409 POST ${baseUrl}/argumentaires/${id}`]);
  });

  it('creates a script with objections; a manager archives a script, which leaves the list; staff cannot archive', async () => {
    const { staff, manager, actor } = await team('ACI Archives');
    const id = await scriptId(actor, FIRST_MEETING);

    const { page: staffPage, errors: staffErrors } = await open(staff, '/argumentaires/nouveau');
    await staffPage.getByLabel('Type').selectOption({ label: 'Appel de relance' });
    await staffPage.getByLabel('Titre').fill('Relance commerces');
    await staffPage.getByLabel('Codes NAF').fill('47, 10.71');
    await staffPage.getByLabel('Accroche').fill('Bonjour {{contact.firstName}}, je vous rappelle comme convenu.');
    await staffPage.getByLabel('Objection 1', { exact: true }).fill('Rappelez-moi plus tard.');
    await staffPage.getByRole('button', { name: 'Créer l’argumentaire' }).click();
    // An objection without its answer is refused next to the pair.
    await staffPage.locator('.pitch-pair .field-error').waitFor();
    expect(await staffPage.locator('.pitch-pair .field-error').textContent()).toContain('Indiquez la réponse');
    await staffPage.getByLabel('Réponse à l’objection 1', { exact: true }).fill('Bien sûr : quel jour vous arrange ?');
    await staffPage.getByRole('button', { name: 'Créer l’argumentaire' }).click();
    await staffPage.waitForURL(/\?ok=cree/);
    expect(await staffPage.locator('h1').textContent()).toBe('Relance commerces');
    expect(await staffPage.locator('.pitch-targeting').first().textContent()).toBe('NAF 47, 10.71');
    expect(await staffPage.locator('.pitch-objection-list').textContent()).toContain('Rappelez-moi plus tard.');
    expect(await staffPage.getByRole('button', { name: 'Archiver' }).count()).toBe(0);
    await staffPage.goto(`${baseUrl}/argumentaires/${id}`);
    expect(await staffPage.getByRole('button', { name: 'Archiver' }).count()).toBe(0);
    expect(staffErrors).toEqual([`400 POST ${baseUrl}/argumentaires/nouveau`]);

    const { page, errors } = await open(manager, `/argumentaires/${id}`);
    await page.getByRole('button', { name: 'Archiver' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archiver' }).click();
    await page.waitForURL(/\/argumentaires\?ok=archive/);
    const titles = await page.locator('.pitch-item-title a').allTextContents();
    expect(titles).toContain(FIRST_CALL);
    expect(titles).toContain('Relance commerces');
    expect(titles).not.toContain(FIRST_MEETING);
    await page.getByRole('link', { name: 'Voir les archives' }).click();
    await page.waitForURL(/archives=1/);
    expect(await page.locator('.pitch-item-title a').allTextContents()).toEqual([FIRST_MEETING]);
    await page.getByRole('link', { name: FIRST_MEETING }).click();
    await page.getByRole('button', { name: 'Restaurer' }).click();
    await page.waitForURL(/\?ok=restaure/);
    expect(errors).toEqual([]);
  });
});
