import { randomUUID } from 'node:crypto';
import { stepLabel } from '../src/checkins/check-in-plan';
import { CheckIn } from '../src/checkins/check-in.entity';
import { calendarDayIn } from '../src/common/calendar/working-days';
import { Structure } from '../src/structures/structure.entity';
import { api, Api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';

/** Handlebars escapes `=` in attributes; the raw page is read decoded. */
const decoded = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'");

describe('the employer’s check-in answers on the company page (e2e)', () => {
  let t: TestApp;
  let structure: Structure;
  let a: Api;
  let b: Api;
  let manager: Api;

  beforeAll(async () => {
    t = await createTestApp();
    structure = await createStructure(t.dataSource, 'ACI Réponses employeur');
    const staff = await createUser(t.dataSource, structure, 'staff', 'Karim');
    a = api(await login(t.app.getHttpServer(), staff.email));
    manager = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, structure, 'manager', 'Claire')).email));
    const other = await createStructure(t.dataSource, 'EI Ailleurs', 'EI');
    b = api(await login(t.app.getHttpServer(), (await createUser(t.dataSource, other, 'staff')).email));
  });
  afterAll(() => t?.close());

  /** A company with a started CDI whose employer answered the first step with `answer`. */
  async function companyWithAnswer(answer: Partial<CheckIn>) {
    const companyId = (await a.post('/api/companies', { name: `Boulangerie ${randomUUID().slice(0, 6)}` }).expect(201)).body.id as string;
    const candidateId = (await a.post('/api/candidates', { firstName: 'Samira', lastName: `Benali ${randomUUID().slice(0, 4)}` }).expect(201)).body.id as string;
    const today = calendarDayIn('Europe/Paris', t.clock.now());
    const created = (await a.post('/api/placements', { candidateId, companyId, contractType: 'cdi', jobTitle: 'Vendeuse en boulangerie', startDate: today }).expect(201)).body;
    await a.post(`/api/placements/${created.id}/start`, { version: created.version }).expect(200);
    const rows = await t.dataSource.getRepository(CheckIn).find({ where: { placementId: created.id, party: 'employer' }, order: { dueAt: 'ASC' } });
    await t.dataSource.getRepository(CheckIn).update(rows[0].id, { status: 'answered', sentAt: t.clock.now(), answeredAt: t.clock.now(), ...answer });
    return { companyId, candidateId, placementId: created.id as string, step: stepLabel(rows[0].step) };
  }

  /** The reads of the person on pages (creating them over the API is a read of its own). */
  const pageReadsOf = (candidateId: string) =>
    t.dataSource.query(`SELECT structure_id, details FROM audit_event WHERE action = 'sensitive_read' AND entity_id = $1 AND details->>'via' = 'page'`, [candidateId]) as Promise<
      Array<{ structure_id: string; details: unknown }>
    >;

  it('shows each answer readable, with its placement page, and journals the read of its text', async () => {
    const { companyId, candidateId, placementId, step } = await companyWithAnswer({
      rating: 1,
      goingWell: 'Très ponctuelle le matin',
      difficulties: ['transport', 'hours'],
      difficultyDetails: 'Le bus de 5 h 40 ne passe plus',
      wantsCall: true,
    });
    const html = decoded((await a.get(`/entreprises/${companyId}`).expect(200)).text);
    const answers = html.slice(html.indexOf('company-check-ins'), html.indexOf('</ul>', html.indexOf('company-check-ins')));
    expect(answers).toContain(`href="/placements/${placementId}"`);
    expect(answers).toContain('Très difficile (1/4)');
    expect(answers).toContain('Très ponctuelle le matin');
    expect(answers).toContain('Transport, Horaires');
    expect(answers).toContain('Le bus de 5 h 40 ne passe plus');
    expect(answers).toContain('Souhaite être appelé·e');
    expect(answers).toContain(`point à ${step}`);
    expect(await pageReadsOf(candidateId)).toEqual([{ structure_id: structure.id, details: { via: 'page', path: 'GET /entreprises/:id' } }]);

    // The journal says where it was read.
    const journal = (await manager.get(`/journal?entite=candidate&fiche=${candidateId}`).expect(200)).text;
    expect(journal).toContain('Consultation dans l’application : fiche de l’entreprise (réponses de l’employeur aux points de suivi)');
  });

  it('records nothing when the answers shown carry no free text', async () => {
    const { companyId, candidateId } = await companyWithAnswer({ rating: 4, difficulties: ['team'] });
    const html = (await a.get(`/entreprises/${companyId}`).expect(200)).text;
    expect(html).toContain('Très bien (4/4)');
    expect(html).toContain('Équipe');
    expect(await pageReadsOf(candidateId)).toEqual([]);
  });

  it('shows another structure nothing, and journals nothing for it', async () => {
    const { companyId, candidateId } = await companyWithAnswer({ rating: 2, goingWell: 'Elle connaît déjà la caisse' });
    const refused = await b.get(`/entreprises/${companyId}`).expect(404);
    expect(refused.text).not.toContain('Elle connaît déjà la caisse');
    expect(await pageReadsOf(candidateId)).toEqual([]);
  });
});
