import { BusinessDay } from '../src/common/calendar/business-day';
import { CompaniesService } from '../src/companies/companies.service';
import { addCalendarDays, addWorkingDays } from '../src/common/calendar/working-days';
import { Actor } from '../src/tenancy/actor';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { actingAs } from './helpers/scope';

describe('the rows of « Relances » and « Ma journée »: done, rescheduled, claimed (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function setup() {
    const structure = await createStructure(t.dataSource, 'ACI Journée');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    const actor: Actor = { userId: staff.id, structureId: structure.id, role: 'staff' };
    const companies = actingAs(t.app.get(CompaniesService));
    const today = t.app.get(BusinessDay).today();
    const due = await companies.create(actor, { name: 'Scierie Vandamme', commune: 'Lille', postcode: '59000', ownerId: staff.id });
    await companies.setNextAction(actor, due.id, { type: 'call', dueOn: addCalendarDays(today, -2) });
    const free = await companies.create(actor, { name: 'Fromagerie Sans Référent', ownerId: null });
    const { agent, csrf } = await login(t.app.getHttpServer(), staff.email);
    return { staff, actor, companies, today, due: due.id, free: free.id, agent, csrf };
  }

  it('logs a call from a row: the fragment with htmx, a 303 back to the list without', async () => {
    const { agent, csrf, due, companies, actor } = await setup();
    const page = await agent.get('/relances').expect(200);
    expect(page.text).toContain(`id="relance-${due}"`);
    expect(page.text).toMatch(/class="nav-count"[^>]*>1</);
    // From today's work to whom to call next.
    expect(page.text).toContain('<a href="/a-appeler">les entreprises à appeler cette semaine</a>');

    const fragment = await agent
      .post(`/relances/${due}/fait`)
      .set('HX-Request', 'true')
      .type('form')
      .send({ _csrf: csrf, type: 'call', outcome: 'call_back', text: 'Rappeler jeudi' })
      .expect(200);
    expect(fragment.headers.vary).toContain('HX-Request');
    expect(fragment.text.trim().startsWith(`<tr id="relance-${due}"`)).toBe(true);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('Prochaine action');
    // The menu's count, out of band: the only action due was just done.
    expect(fragment.text).toContain('<template><span id="nav-count-relances" class="nav-count-slot" hx-swap-oob="true"></span>');
    const after = await companies.get(actor, due);
    expect(after.nextAction!.dueOn >= t.app.get(BusinessDay).today()).toBe(true);
    expect(fragment.text).toContain(after.nextAction!.dueOn.split('-').reverse().join('/'));

    const plain = await agent.post(`/relances/${due}/fait`).type('form').send({ _csrf: csrf, type: 'meeting', outcome: 'need_found' }).expect(303);
    expect(plain.headers.location).toBe(`/relances?ok=fait#relance-${due}`);
    expect((await agent.get(plain.headers.location).expect(200)).text).toContain('C’est noté');
    const home = await agent.post(`/relances/${due}/fait`).type('form').send({ _csrf: csrf, type: 'call', outcome: 'no_answer', retour: 'accueil' }).expect(303);
    expect(home.headers.location).toBe(`/?ok=fait#journee-${due}`);
    // The address reloaded is not a dead end.
    expect((await agent.get(`/relances/${due}/fait`).expect(303)).headers.location).toBe(`/relances#relance-${due}`);
  });

  it('refuses an outcome without its reason in French, next to the field, with and without htmx', async () => {
    const { agent, csrf, due } = await setup();
    const sentence = 'Indiquez la raison du refus : elle aide toute l’équipe à améliorer l’argumentaire.';
    const fragment = await agent.post(`/relances/${due}/fait`).set('HX-Request', 'true').type('form').send({ _csrf: csrf, type: 'call', outcome: 'refused' }).expect(400);
    expect(fragment.text).toContain(`<p class="field-error" id="fait-refus-${due}-erreur">${sentence}</p>`);
    expect(fragment.text).toContain('<details class="work-log" open>');
    const page = await agent.post(`/relances/${due}/fait`).type('form').send({ _csrf: csrf, type: 'visit', outcome: '' }).expect(400);
    expect(page.text).toContain('<h1>Mes relances</h1>');
    expect(page.text).toContain(`id="fait-type-${due}-erreur">Choisissez un type dans la liste.</p>`);
    // From Ma journée: the home page again, the sentence in the row.
    const home = await agent.post(`/relances/${due}/fait`).type('form').send({ _csrf: csrf, type: 'call', outcome: 'refused', retour: 'accueil' }).expect(400);
    expect(home.text).toContain('<h1>Bonjour Karim</h1>');
    expect(home.text).toContain(`<p class="field-error" id="fait-refus-${due}-erreur">${sentence}</p>`);
  });

  it('reschedules to the next working day, refuses a past day', async () => {
    const { agent, csrf, due, companies, actor, today } = await setup();
    const company = await companies.get(actor, due);
    // The next Saturday at least a week ahead: it moves to the Monday (or later, after a holiday).
    let saturday = addCalendarDays(today, 7);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = addCalendarDays(saturday, 1);
    const fragment = await agent
      .post(`/relances/${due}/reporter`)
      .set('HX-Request', 'true')
      .type('form')
      .send({ _csrf: csrf, dueOn: saturday, version: String(company.version) })
      .expect(200);
    expect(fragment.text).toContain('L’action est reportée.');
    expect((await companies.get(actor, due)).nextAction?.dueOn).toBe(addWorkingDays(saturday, 0));

    const past = await agent.post(`/relances/${due}/reporter`).set('HX-Request', 'true').type('form').send({ _csrf: csrf, dueOn: addCalendarDays(today, -1) }).expect(400);
    expect(past.text).toContain('Choisissez un jour à partir d’aujourd’hui.');
    const plain = await agent.post(`/relances/${due}/reporter`).type('form').send({ _csrf: csrf, dueOn: addWorkingDays(today, 3) }).expect(303);
    expect(plain.headers.location).toBe(`/relances?ok=reportee#relance-${due}`);
  });

  it('claims an unassigned company for the reader', async () => {
    const { agent, csrf, free, companies, actor, staff } = await setup();
    const fragment = await agent.post(`/relances/${free}/prendre`).set('HX-Request', 'true').type('form').send({ _csrf: csrf, retour: 'accueil' }).expect(200);
    expect(fragment.text).toContain(`id="journee-${free}"`);
    expect(fragment.text).toContain('L’entreprise vous est attribuée.');
    expect((await companies.get(actor, free)).owner?.id).toBe(staff.id);
  });

  it('answers 404 for another structure’s company, with or without htmx', async () => {
    const { agent, csrf } = await setup();
    const other = await setup();
    for (const action of ['fait', 'reporter', 'prendre']) {
      await agent.post(`/relances/${other.due}/${action}`).set('HX-Request', 'true').type('form').send({ _csrf: csrf, type: 'call', dueOn: other.today }).expect(404);
      await agent.post(`/relances/${other.due}/${action}`).type('form').send({ _csrf: csrf, type: 'call', dueOn: other.today }).expect(404);
      await agent.get(`/relances/${other.due}/${action}`).expect(404);
    }
  });

  it('shows Ma journée: the due company with its actions, the company to claim, no menu tiles; sorts Relances', async () => {
    const { agent, due, free } = await setup();
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain(`id="journee-${due}"`);
    expect(home.text).toContain(`id="journee-${free}"`);
    expect(home.text).not.toContain('class="tiles"');
    expect(home.text).toContain(`action="/relances/${free}/prendre"`);
    for (const [sort, label] of [['echeance', 'Échéance'], ['entreprise', 'Entreprise'], ['responsable', 'Responsable']]) {
      expect((await agent.get(`/relances?tri=${sort}`).expect(200)).text).toContain(`aria-current="true">${label}</a>`);
    }
  });
});
