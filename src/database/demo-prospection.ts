import { EntityManager } from 'typeorm';
import { derivedNames } from '../companies/companies.service';
import { Company, CompanySource } from '../companies/company.entity';
import { nafLabel } from '../companies/naf';
import { sirenWithCheckDigit, withCheckDigit } from '../companies/siret';
import { Contact } from '../contacts/contact.entity';
import { Activity, ActivityType, CallOutcome } from '../prospection/activity.entity';
import { NextActionType } from '../prospection/cadence';
import { insertDefaultScripts } from '../pitches/pitch-scripts.queries';
import { insertDefaultStages } from '../prospection/stages.queries';
import { PipelineStage } from '../prospection/pipeline-stage.entity';
import { StageEvent } from '../prospection/stage-event.entity';
import { addCalendarDays, calendarDayIn } from '../common/calendar/working-days';

type Owner = 'karim' | 'julie' | null;

interface DemoCompany {
  name: string;
  naf: string;
  band: string;
  commune: string;
  postcode: string;
  source: CompanySource;
  owner: Owner;
  /** Stage keys the company went through after "À prospecter", oldest first. */
  path: string[];
  tags: string[];
  contacts: Array<Pick<Contact, 'firstName' | 'lastName' | 'jobTitle'> & Partial<Contact>>;
  /** Days from today to the next action (negative: overdue). */
  nextIn: number | null;
  nextType?: NextActionType;
}

// Numbers as the application stores them (E.164); pages show them as « 03 20 45 12 78 ».
const C = (firstName: string, lastName: string, jobTitle: string, extra: Partial<Contact> = {}) => ({
  firstName,
  lastName,
  jobTitle,
  ...extra,
});

/** A believable territory (Métropole Européenne de Lille) at every stage of the SEVE pipeline. */
const COMPANIES: DemoCompany[] = [
  { name: 'Boulangerie Au Bon Grain', naf: '10.71C', band: '02', commune: 'Roubaix', postcode: '59100', source: 'cold_prospection', owner: 'karim', path: ['first_call'], tags: ['alimentaire'], contacts: [C('Sylvie', 'Lemaire', 'Gérante', { phone: '+33320451278', decisionMaker: true })], nextIn: 0 },
  { name: 'Transports Delcourt', naf: '49.41A', band: '12', commune: 'Lesquin', postcode: '59810', source: 'network', owner: 'julie', path: ['first_call', 'meeting_booked', 'meeting_held'], tags: ['logistique', 'permis C'], contacts: [C('Martine', 'Delcourt', 'Directrice', { email: 'm.delcourt@transports-delcourt.example', decisionMaker: true, preferredChannel: 'email' }), C('Hugo', 'Ferreira', 'Chef de quai')], nextIn: 3 },
  { name: 'Logistique des Flandres', naf: '52.10B', band: '21', commune: 'Seclin', postcode: '59113', source: 'event', owner: 'karim', path: ['first_call', 'meeting_booked', 'meeting_held', 'need_found'], tags: ['logistique', '2x8'], contacts: [C('Olivier', 'Vandenberghe', 'Responsable RH', { email: 'rh@logistique-flandres.example', decisionMaker: true })], nextIn: -2 },
  { name: 'Clinique Saint-Roch', naf: '86.10Z', band: '22', commune: 'Lille', postcode: '59000', source: 'prescriber', owner: 'julie', path: ['first_call', 'meeting_booked'], tags: ['santé'], contacts: [C('Nathalie', 'Caron', 'Cadre de santé', { phone: '+33320881010' })], nextIn: 2, nextType: 'meeting' },
  { name: 'Propreté Nordique', naf: '81.21Z', band: '21', commune: 'Tourcoing', postcode: '59200', source: 'cold_prospection', owner: 'karim', path: ['first_call', 'meeting_booked', 'meeting_held', 'need_found', 'candidate_proposed'], tags: ['nettoyage', 'horaires décalés'], contacts: [C('Farid', 'Bensaïd', 'Chef d’exploitation', { decisionMaker: true, phone: '+33612345678' })], nextIn: 1 },
  { name: 'Hôtel du Beffroi', naf: '55.10Z', band: '11', commune: 'Lille', postcode: '59000', source: 'inbound', owner: null, path: [], tags: ['hôtellerie'], contacts: [], nextIn: 0 },
  { name: 'Restaurant La Petite Cour', naf: '56.10A', band: '03', commune: 'Lille', postcode: '59800', source: 'event', owner: 'julie', path: ['first_call', 'no_need'], tags: ['restauration', 'food & job'], contacts: [C('Bastien', 'Leroy', 'Chef cuisinier', { emailOptOut: true, email: 'contact@petitecour.example' })], nextIn: 84 },
  { name: 'Supermarché de Flers', naf: '47.11D', band: '21', commune: 'Villeneuve-d’Ascq', postcode: '59650', source: 'network', owner: 'karim', path: ['first_call', 'meeting_booked', 'meeting_held', 'need_found', 'candidate_proposed', 'recruitment'], tags: ['commerce'], contacts: [C('Céline', 'Dufour', 'Directrice de magasin', { decisionMaker: true, email: 'c.dufour@super-flers.example' })], nextIn: 5, nextType: 'visit' },
  { name: 'Garage Wattrelosien', naf: '45.20A', band: '02', commune: 'Wattrelos', postcode: '59150', source: 'cold_prospection', owner: 'julie', path: ['first_call', 'refused'], tags: [], contacts: [C('Didier', 'Noël', 'Gérant')], nextIn: null },
  { name: 'Menuiserie Hémoise', naf: '16.23Z', band: '03', commune: 'Hem', postcode: '59510', source: 'cold_prospection', owner: 'karim', path: [], tags: ['bâtiment'], contacts: [], nextIn: -5 },
  { name: 'EHPAD Les Tilleuls', naf: '87.10A', band: '21', commune: 'Marcq-en-Barœul', postcode: '59700', source: 'prescriber', owner: 'julie', path: ['first_call', 'meeting_booked', 'meeting_held', 'need_found', 'candidate_proposed', 'recruitment', 'active_partner'], tags: ['santé', 'partenaire'], contacts: [C('Isabelle', 'Petit', 'Directrice', { decisionMaker: true, email: 'direction@ehpad-tilleuls.example' }), C('Kévin', 'Martin', 'Responsable hôtellerie')], nextIn: 20, nextType: 'meeting' },
  { name: 'Espaces Verts du Mélantois', naf: '81.30Z', band: '11', commune: 'Lesquin', postcode: '59810', source: 'network', owner: 'karim', path: ['first_call'], tags: ['espaces verts'], contacts: [C('Thierry', 'Dubois', 'Gérant', { phone: '+33698765432', decisionMaker: true })], nextIn: 2 },
  { name: 'Imprimerie Roubaisienne', naf: '18.12Z', band: '11', commune: 'Roubaix', postcode: '59100', source: 'other', owner: null, path: [], tags: [], contacts: [], nextIn: 1 },
  { name: 'Boucherie Centrale', naf: '47.22Z', band: '01', commune: 'Armentières', postcode: '59280', source: 'cold_prospection', owner: 'julie', path: [], tags: ['alimentaire'], contacts: [], nextIn: 0 },
  { name: 'Blanchisserie Industrielle du Nord', naf: '96.01A', band: '22', commune: 'Tourcoing', postcode: '59200', source: 'event', owner: 'karim', path: ['first_call', 'meeting_booked', 'meeting_held'], tags: ['industrie', '2x8'], contacts: [C('Laurence', 'Descamps', 'Responsable de production', { decisionMaker: true })], nextIn: -1 },
  { name: 'Auto-école du Vieux-Lille', naf: '85.53Z', band: '01', commune: 'Lille', postcode: '59800', source: 'inbound', owner: null, path: [], tags: ['mobilité'], contacts: [], nextIn: 4 },
  { name: 'Traiteur Saveurs d’Ici', naf: '56.21Z', band: '03', commune: 'Lomme', postcode: '59160', source: 'event', owner: 'julie', path: ['first_call'], tags: ['restauration', 'job dating'], contacts: [C('Amina', 'Haddad', 'Co-gérante', { decisionMaker: true, phone: '+33761223344' })], nextIn: -3 },
  { name: 'Entrepôt Lesquin Distribution', naf: '52.29B', band: '31', commune: 'Lesquin', postcode: '59810', source: 'prescriber', owner: 'julie', path: ['first_call', 'meeting_booked', 'meeting_held', 'need_found'], tags: ['logistique', '3x8'], contacts: [C('Sébastien', 'Lambert', 'Responsable d’entrepôt', { decisionMaker: true, email: 's.lambert@eld.example' })], nextIn: 0 },
  { name: 'Maçonnerie Duhamel', naf: '43.99C', band: '03', commune: 'Armentières', postcode: '59280', source: 'cold_prospection', owner: 'karim', path: ['first_call'], tags: ['bâtiment'], contacts: [C('Jean-Marc', 'Duhamel', 'Artisan', { decisionMaker: true })], nextIn: 6 },
  { name: 'Pharmacie de la Gare', naf: '47.73Z', band: '02', commune: 'Lille', postcode: '59000', source: 'cold_prospection', owner: 'karim', path: [], tags: ['santé'], contacts: [], nextIn: 0 },
];

/** The activity that brought a company into each stage. */
const STEP_ACTIVITY: Record<
  string,
  { type: ActivityType; outcome?: CallOutcome; text: string; script?: 'first_call' | 'first_meeting'; objections?: string[]; refusalReason?: string }
> = {
  first_call: { type: 'call', outcome: 'call_back', text: 'Premier appel avec l’argumentaire : rappeler en fin de semaine.', script: 'first_call', objections: ['pas-le-temps'] },
  meeting_booked: { type: 'call', outcome: 'meeting_booked', text: 'Rendez-vous pris sur place.', script: 'first_call', objections: ['pas-de-besoin'] },
  meeting_held: { type: 'meeting', text: 'Premier rendez-vous : visite des postes, présentation de l’offre de service RH.', script: 'first_meeting' },
  need_found: { type: 'meeting', outcome: 'need_found', text: 'Besoin non publié repéré : poste co-construit avec l’employeur, sans exigence de diplôme.', script: 'first_meeting', objections: ['diplome-exige'] },
  candidate_proposed: { type: 'email', text: 'Candidature proposée, présentée par ses atouts.' },
  recruitment: { type: 'visit', text: 'Entretien au poste de travail, en présence de la chargée d’insertion.' },
  active_partner: { type: 'meeting', text: 'Point de partenariat : deux nouveaux besoins annoncés pour le printemps.' },
  no_need: { type: 'call', outcome: 'refused', text: 'Recontacter avant la saison.', script: 'first_call', objections: ['pas-de-besoin'], refusalReason: 'Pas de besoin pour l’instant' },
  refused: { type: 'call', outcome: 'refused', text: 'Appel bref.', script: 'first_call', objections: ['public-eloigne'], refusalReason: 'Ne souhaite pas travailler avec une structure d’insertion' },
};

const DAY = 86_400_000;

/**
 * Demo companies of the demo structure, each with the contacts, activities and stage events of
 * its story so far. Skipped when the structure already has companies, so re-seeding is safe.
 */
export async function seedDemoProspection(
  manager: EntityManager,
  structureId: string,
  users: Record<'karim' | 'julie', string>,
  now: Date,
  log: (line: string) => void,
): Promise<void> {
  const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM company WHERE structure_id = $1`, [structureId]);
  if (count > 0) return log(`  companies already seeded (${count})`);
  await insertDefaultStages(manager, structureId);
  const scripts = await insertDefaultScripts(manager, structureId);
  const stages = new Map(
    (await manager.getRepository(PipelineStage).find({ where: { structureId } })).map((stage) => [stage.key, stage]),
  );
  const today = calendarDayIn('Europe/Paris', now);
  for (const [index, demo] of COMPANIES.entries()) {
    log(`  [${index + 1}/${COMPANIES.length}] ${demo.name}`);
    const ownerId = demo.owner ? users[demo.owner] : null;
    const startedAt = new Date(now.getTime() - (6 + demo.path.length * 5) * DAY);
    const finalStage = stages.get(demo.path.at(-1) ?? 'to_prospect')!;
    const steps = demo.path.map((key, step) => ({ key, at: new Date(startedAt.getTime() + (step + 1) * 5 * DAY) }));
    const company = await manager.getRepository(Company).save(
      manager.getRepository(Company).create({
        structureId,
        name: demo.name,
        ...derivedNames(demo.name, demo.commune),
        siret: withCheckDigit(sirenWithCheckDigit(String(31_000_000 + index * 104_729)) + '0001'),
        nafCode: demo.naf,
        sectorLabel: nafLabel(demo.naf) ?? null,
        headcountBand: demo.band,
        postcode: demo.postcode,
        commune: demo.commune,
        territory: 'Métropole Européenne de Lille',
        source: demo.source,
        ownerId,
        tags: demo.tags,
        stageId: finalStage.id,
        stageEnteredAt: steps.at(-1)?.at ?? startedAt,
        comeBackOn: finalStage.kind === 'no_need' ? addCalendarDays(today, demo.nextIn ?? 90) : null,
        nextActionType: demo.nextIn === null ? null : (demo.nextType ?? 'call'),
        nextActionDue: demo.nextIn === null ? null : addCalendarDays(today, demo.nextIn),
        nextActionOwnerId: demo.nextIn === null ? null : ownerId,
        createdBy: ownerId,
        createdAt: startedAt,
      }),
    );
    const contacts = await manager.getRepository(Contact).save(
      demo.contacts.map((contact) =>
        manager.getRepository(Contact).create({ structureId, companyId: company.id, emailOptOutAt: contact.emailOptOut ? now : null, ...contact }),
      ),
    );
    const events = manager.getRepository(StageEvent);
    await events.save(events.create({ structureId, companyId: company.id, fromStageId: null, toStageId: stages.get('to_prospect')!.id, actorId: ownerId, occurredAt: startedAt }));
    let from = stages.get('to_prospect')!;
    for (const { key, at } of steps) {
      const step = STEP_ACTIVITY[key];
      const activity = await manager.getRepository(Activity).save(
        manager.getRepository(Activity).create({
          structureId,
          companyId: company.id,
          contactId: contacts[0]?.id ?? null,
          type: step.type,
          outcome: step.outcome ?? null,
          occurredAt: at,
          authorId: ownerId ?? users.karim,
          text: step.text,
          scriptVersionId: step.script ? (scripts[step.script] ?? null) : null,
          objections: step.script && scripts[step.script] ? (step.objections ?? []) : [],
          refusalReason: step.refusalReason ?? null,
        }),
      );
      const to = stages.get(key)!;
      await events.save(events.create({ structureId, companyId: company.id, fromStageId: from.id, toStageId: to.id, actorId: ownerId ?? users.karim, activityId: activity.id, occurredAt: at }));
      from = to;
    }
  }
}
