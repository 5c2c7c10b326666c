import { REFERRER_LABELS } from '../candidates/candidate.entity';
import { CANDIDATE_STATUS_LABELS } from '../candidates/dto/candidate-view.dto';
import { COMPANY_SOURCE_LABELS } from '../companies/company.entity';
import { headcountLabel } from '../companies/headcount';
import { formatPhone } from '../common/phone';
import { CONTRACT_TYPE_LABELS, EXIT_CATEGORY_LABELS, SHIFT_LABELS } from '../placements/contract-types';
import { PLACEMENT_STATUS_LABELS } from '../placements/dto/placement-view.dto';
import { PROPOSAL_OUTCOME_LABELS } from '../leads/proposal.entity';
import { NEXT_ACTION_LABELS } from '../prospection/cadence';
import { stepLabel } from '../checkins/check-in-plan';
import type { AuditAction, AuditedEntity } from './audit-event.entity';

/**
 * The fields the trail follows, per record, with their French labels (the order is the order the
 * journal shows them in). Derived columns (search names, SIREN), counters and hashes are left out.
 */
export const AUDITED_FIELDS: Record<AuditedEntity, Record<string, string>> = {
  company: {
    name: 'Nom',
    siret: 'SIRET',
    nafCode: 'Code NAF',
    sectorLabel: 'Secteur',
    headcountBand: 'Tranche d’effectif',
    address: 'Adresse',
    postcode: 'Code postal',
    commune: 'Commune',
    territory: 'Territoire',
    website: 'Site web',
    phone: 'Téléphone',
    source: 'Origine',
    ownerId: 'Référent·e',
    tags: 'Étiquettes',
    notes: 'Notes',
    stageId: 'Étape',
    comeBackOn: 'À recontacter le',
    nextActionType: 'Prochaine action',
    nextActionDue: 'Échéance de la prochaine action',
    nextActionTime: 'Heure de la prochaine action',
    nextActionOwnerId: 'Chargé·e de la prochaine action',
    nextActionNote: 'Note de la prochaine action',
    nextActionContactId: 'Contact du rendez-vous',
    monthlyContactCap: 'Contacts par mois au plus',
    noContact: 'Ne souhaite pas être contactée',
    restingUntil: 'Au repos jusqu’au',
    restReason: 'Raison du repos',
  },
  candidate: {
    firstName: 'Prénom',
    lastName: 'Nom',
    email: 'E-mail',
    phone: 'Téléphone',
    referrer: 'Prescripteur',
    referrerName: 'Conseiller·ère du prescripteur',
    entryDate: 'Date d’entrée',
    structureContractType: 'Contrat dans la structure',
    structureContractEnd: 'Fin du contrat dans la structure',
    wantedJobs: 'Métiers souhaités',
    strengths: 'Atouts',
    skills: 'Compétences',
    drivingLicence: 'Permis B',
    hasVehicle: 'Véhicule',
    homeCommune: 'Commune',
    reachableCommunes: 'Communes accessibles',
    mobilityRadiusKm: 'Rayon de mobilité (km)',
    hoursPerWeek: 'Heures par semaine',
    shifts: 'Horaires acceptés',
    availableFrom: 'Disponible à partir du',
    constraints: 'Freins (confidentiel)',
    notes: 'Notes (confidentiel)',
    status: 'Situation',
    exitCategory: 'Catégorie de sortie',
    exitDate: 'Date de sortie',
    ownerId: 'Référent·e',
  },
  placement: {
    candidateId: 'Personne',
    companyId: 'Entreprise',
    leadId: 'Piste',
    proposalId: 'Mise en relation',
    kind: 'Nature',
    contractType: 'Type de contrat',
    jobTitle: 'Poste',
    startDate: 'Début',
    plannedEndDate: 'Fin prévue',
    hoursPerWeek: 'Heures par semaine',
    trialEndDate: 'Fin de la période d’essai',
    status: 'Statut',
    endDate: 'Fin',
    endKind: 'Type de fin',
    ruptureReason: 'Motif de la rupture',
    endedBy: 'Rupture à l’initiative de',
    employerContactId: 'Contact employeur',
    ownerId: 'Référent·e',
  },
  user: {
    email: 'E-mail',
    firstName: 'Prénom',
    lastName: 'Nom',
    phone: 'Téléphone',
    role: 'Rôle',
    active: 'Compte actif',
    password: 'Mot de passe',
    passwordResetLink: 'Lien de réinitialisation du mot de passe',
    calendarFeed: 'Lien d’abonnement à l’agenda',
    digestEnabled: 'Récapitulatif quotidien',
    digestTime: 'Heure du récapitulatif',
    meetingRemindersEnabled: 'Rappels de rendez-vous',
  },
  structure: {
    checkInOffsets: 'Étapes du suivi dans l’emploi',
    checkInParties: 'Étapes réservées à une partie',
    checkInNoAnswerDays: 'Jours sans réponse avant une alerte',
    proposalTargetDays: 'Délai visé pour proposer un candidat (jours)',
    alertRecipients: 'Destinataires des alertes',
    retentionMonths: 'Durée de conservation des données (mois)',
    inactivityRetentionMonths: 'Durée de conservation sans activité (mois)',
    smsMonthlyCap: 'Plafond mensuel de SMS',
    restAfterAttempts: 'Appels sans réponse avant un repos',
    restMonths: 'Période comptée et durée du repos (mois)',
  },
  proposal: {
    candidateId: 'Candidat·e',
    leadId: 'Piste',
    outcome: 'Issue',
  },
};

/**
 * Recorded as « modifié » only, never with their values: a candidate's constraints and notes, the
 * reason a placement broke off (the journal is read by managers, and sensitive content stays where
 * each read of it is recorded), a password.
 */
export const SENSITIVE_FIELDS: Record<AuditedEntity, readonly string[]> = {
  company: [],
  candidate: ['constraints', 'notes'],
  placement: ['ruptureReason'],
  user: ['password'],
  structure: [],
  proposal: [],
};

/** The fields to compare, for changesBetween (a password is never compared: its change, a reset link sent or a calendar link made is told). */
export function auditedFields(entity: AuditedEntity): string[] {
  return Object.keys(AUDITED_FIELDS[entity]).filter((field) => !['password', 'passwordResetLink', 'calendarFeed'].includes(field));
}

export const ENTITY_LABELS: Record<AuditedEntity, string> = {
  company: 'Entreprise',
  candidate: 'Candidat·e',
  placement: 'Placement',
  user: 'Compte',
  structure: 'Structure',
  proposal: 'Mise en relation',
};

export const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Création',
  update: 'Modification',
  stage: 'Changement d’étape',
  next_action: 'Prochaine action',
  exit: 'Sortie du parcours',
  start: 'Démarrage',
  end: 'Fin',
  cancel: 'Annulation',
  deactivate: 'Désactivation',
  sensitive_read: 'Consultation des informations confidentielles',
  withdraw: 'Retrait',
  text: 'SMS envoyé',
};

const ROLE_LABELS: Record<string, string> = { staff: 'Chargé·e d’insertion', manager: 'Responsable', admin: 'Administrateur·rice' };
const KIND_LABELS: Record<string, string> = { contract: 'Contrat', immersion: 'Immersion (PMSMP)' };
const END_KIND_LABELS: Record<string, string> = { normal: 'Fin normale', early: 'Rupture anticipée' };
const ENDED_BY_LABELS: Record<string, string> = { employee: 'La personne salariée', employer: 'L’employeur', both: 'D’un commun accord' };

/** French words for coded values, per `entity.field`. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  'company.source': COMPANY_SOURCE_LABELS,
  'company.nextActionType': NEXT_ACTION_LABELS,
  'candidate.referrer': REFERRER_LABELS,
  'structure.alertRecipients': { follower: 'la personne qui suit le placement', follower_and_managers: 'la personne qui suit et tous les responsables' },
  'candidate.status': CANDIDATE_STATUS_LABELS,
  'candidate.exitCategory': EXIT_CATEGORY_LABELS,
  'candidate.structureContractType': CONTRACT_TYPE_LABELS,
  'candidate.shifts': SHIFT_LABELS,
  'placement.kind': KIND_LABELS,
  'placement.contractType': CONTRACT_TYPE_LABELS,
  'placement.status': PLACEMENT_STATUS_LABELS,
  'placement.endKind': END_KIND_LABELS,
  'placement.endedBy': ENDED_BY_LABELS,
  'user.role': ROLE_LABELS,
  'proposal.outcome': PROPOSAL_OUTCOME_LABELS,
};

/** Fields holding the id of another record, and which table names it. */
export const REFERENCE_FIELDS: Record<string, 'user' | 'stage' | 'candidate' | 'company' | 'lead' | 'contact' | 'proposal'> = {
  ownerId: 'user',
  nextActionOwnerId: 'user',
  stageId: 'stage',
  candidateId: 'candidate',
  companyId: 'company',
  leadId: 'lead',
  employerContactId: 'contact',
  nextActionContactId: 'contact',
  proposalId: 'proposal',
};

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A field's French label; the field's own name when none exists. */
export function fieldLabel(entity: AuditedEntity, field: string): string {
  return AUDITED_FIELDS[entity]?.[field] ?? field;
}

/**
 * A recorded value as the journal shows it: days as dd/mm/yyyy, yes/no, coded values in French,
 * lists joined, ids through `names` (which knows the names of the records they point to).
 */
export function formatValue(entity: AuditedEntity, field: string, value: unknown, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    return value.map((item) => formatValue(entity, field, item, names)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'object' && entity === 'structure' && field === 'checkInParties') {
    // Steps sent to one party only: « 1 mois : employeur ».
    const who: Record<string, string> = { employee: 'personne salariée', employer: 'employeur' };
    return Object.entries(value as Record<string, string[]>)
      .map(([step, parties]) => `${stepLabel(step)} : ${parties.map((party) => who[party] ?? party).join(', ')}`)
      .join(' ; ');
  }
  if (typeof value === 'object') {
    // Wanted jobs: the person's words, with the ROME code.
    const job = value as { label?: unknown; romeCode?: unknown };
    if (typeof job.label === 'string') return job.romeCode ? `${job.label} (${String(job.romeCode)})` : job.label;
    return JSON.stringify(value);
  }
  const text = String(value);
  if (REFERENCE_FIELDS[field]) return names.get(text) ?? 'fiche supprimée';
  if (entity === 'company' && field === 'headcountBand') return headcountLabel(text) ?? text;
  // Numbers are kept in E.164 (+33612345678); the journal shows them as typed in France.
  if (field === 'phone') return formatPhone(text);
  if (entity === 'structure' && field === 'checkInOffsets') return stepLabel(text);
  const coded = VALUE_LABELS[`${entity}.${field}`];
  if (coded) return coded[text] ?? text;
  const day = DAY.exec(text);
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  if (/^\d{2}:\d{2}(:\d{2})?$/.test(text)) return text.slice(0, 5).replace(':', ' h ');
  return text;
}
