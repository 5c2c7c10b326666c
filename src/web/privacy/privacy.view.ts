import { Flash } from '../kit/flash';
import { CONSTRAINT_CATEGORIES, ConstraintCategory } from '../../candidates/candidate.entity';
import { SHIFT_LABELS, ShiftPattern } from '../../placements/contract-types';
import type { CandidateExport, ContactExport, ErasurePreview, PrivacyRequestView, UpcomingAnonymisation } from '../../privacy/privacy.service';
import { frenchDay } from '../../common/calendar/working-days';
import { formatPhone } from '../../common/phone';

/*
 * What the RGPD pages show: a person's data as the export holds it, in French, the retention
 * schedule and the log of requests. Pure functions.
 */

/** The style sheets of every RGPD page. */
export const PRIVACY_STYLES = ['/static/company.css'];

const CONSTRAINT_LABELS: Record<ConstraintCategory, string> = {
  mobility: 'Mobilité',
  childcare: 'Garde d’enfants',
  housing: 'Logement',
  health: 'Santé',
  language: 'Langue',
  administrative: 'Administratif',
};

const CHECK_IN_STATUS_LABELS: Record<string, string> = {
  planned: 'Prévu',
  sent: 'Envoyé',
  answered: 'Répondu',
  skipped: 'Sans objet',
  cancelled: 'Annulé',
  failed: 'Échec d’envoi',
  call_task: 'Appel à passer',
};

const REQUEST_KIND_LABELS: Record<PrivacyRequestView['kind'], string> = {
  export: 'Consultation ou export',
  erasure: 'Effacement sur demande',
  retention: 'Anonymisation (durée de conservation)',
};

export const NOTICES = new Flash({
  reglage: 'La durée de conservation a été enregistrée.',
  efface: 'Les données identifiantes ont été effacées. Seuls les faits utiles aux bilans restent, sans identité.',
});

const MATCH_KIND_LABELS = { name: 'nom', email: 'adresse e-mail', phone: 'téléphone' } as const;

export const yesNo = (value: boolean | null | undefined) => (value === true ? 'oui' : value === false ? 'non' : '—');
export const orDash = (value: unknown) => (value === null || value === undefined || value === '' ? '—' : String(value));
export const fullName = (row: { firstName?: unknown; lastName?: unknown }) => [row.firstName, row.lastName].filter(Boolean).join(' ');

export function requestsView(rows: PrivacyRequestView[]) {
  return rows.map((row) => ({
    ...row,
    kindLabel: REQUEST_KIND_LABELS[row.kind],
    subjectHref: row.subjectType === 'candidate' ? `/rgpd/candidats/${row.subjectId}` : `/rgpd/contacts/${row.subjectId}`,
    subjectTypeLabel: row.subjectType === 'candidate' ? 'Personne accompagnée' : 'Contact en entreprise',
    actorName: row.actor?.name ?? 'Tremplin (automatique)',
  }));
}

/** The anonymisations to come, with why and when, and where to read the data. */
export function upcomingView(rows: UpcomingAnonymisation[]) {
  return rows.map((row) => ({
    ...row,
    why: row.reason === 'exit' ? `Sortie le ${frenchDay(row.exitDate)}` : `Sans activité depuis le ${frenchDay(row.lastActivityDate)}`,
    href: row.subjectType === 'candidate' ? `/candidats/${row.subjectId}` : null,
    dataHref: row.subjectType === 'candidate' ? `/rgpd/candidats/${row.subjectId}` : `/rgpd/contacts/${row.subjectId}`,
    exitDay: frenchDay(row.exitDate),
    anonymiseDay: frenchDay(row.anonymiseOn),
    ownerName: row.owner?.name ?? null,
  }));
}

/** What an erasure would redact elsewhere, each mention checked unless the manager chose to keep it. */
export function matchesView(preview: ErasurePreview | null, keep: ReadonlySet<string> | undefined) {
  return (preview?.matches ?? []).map((match) => ({
    id: match.id,
    source: match.source,
    createdAt: match.createdAt,
    kindLabel: MATCH_KIND_LABELS[match.kind],
    ...match.context,
    checked: !keep?.has(match.id),
  }));
}

/** The candidate export as the page shows it: French labels and dates, every field listed. */
export function candidateView(data: CandidateExport) {
  const c = data.candidate as Record<string, any>;
  const constraints = CONSTRAINT_CATEGORIES.filter((category) => c.constraints?.[category]).map((category) => ({
    label: CONSTRAINT_LABELS[category],
    text: c.constraints[category] as string,
  }));
  return {
    structureName: data.structure.name,
    exportedAt: data.exportedAt,
    candidateId: c.id,
    name: fullName(c),
    anonymisedAt: c.anonymisedAt,
    identity: [
      ['Prénom', c.firstName],
      ['Nom', c.lastName],
      ['E-mail', c.email],
      ['Téléphone', formatPhone(c.phone)],
      ['Commune', c.homeCommune],
      ['Prescripteur', c.referrerLabel],
      ['Conseiller·ère du prescripteur', c.referrerName],
      ['Référent·e', c.owner?.name],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    path: [
      ['Statut', c.statusLabel],
      ['Entrée', frenchDay(c.entryDate)],
      ['Contrat dans la structure', c.structureContractType],
      ['Fin de ce contrat', frenchDay(c.structureContractEnd)],
      ['Sortie', c.exitDate ? `${frenchDay(c.exitDate)} (${orDash(c.exitCategoryLabel)})` : null],
      ['Métiers souhaités', (c.wantedJobs as Array<{ label: string; romeCode?: string | null }>).map((job) => job.label + (job.romeCode ? ` (${job.romeCode})` : '')).join(' ; ')],
      ['Atouts', (c.strengths as string[]).join(', ')],
      ['Compétences', (c.skills as string[]).join(', ')],
      ['Permis B', yesNo(c.drivingLicence)],
      ['Véhicule', yesNo(c.hasVehicle)],
      ['Communes accessibles', (c.reachableCommunes as string[]).join(', ')],
      ['Rayon de mobilité', c.mobilityRadiusKm ? `${c.mobilityRadiusKm} km` : null],
      ['Heures par semaine', c.hoursPerWeek],
      ['Horaires acceptés', (c.shifts as ShiftPattern[]).map((shift) => SHIFT_LABELS[shift] ?? shift).join(', ')],
      ['Disponible à partir du', frenchDay(c.availableFrom)],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    constraints,
    notes: c.notes as string | null,
    retention: c.retentionWarnedFor ? { warnedAt: c.retentionWarnedAt, day: frenchDay(c.retentionWarnedFor) } : null,
    proposals: data.proposals.map((row: Record<string, any>) => ({ ...row, companyName: row.company.name, proposedByName: row.proposedBy?.name ?? '—' })),
    encounters: data.encounters.map((row: Record<string, any>) => ({ ...row, outcomeDay: frenchDay(row.outcomeOn) })),
    placements: data.placements.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      plannedEndDay: frenchDay(row.plannedEndDate),
      endDay: frenchDay(row.endDate),
      endKindLabel: row.endKind === 'early' ? 'rupture' : row.endKind === 'normal' ? 'fin normale' : null,
      checkIns: (row.checkIns as CandidateExport['placements'][number]['checkIns']).map((checkIn) => ({
        ...checkIn,
        statusLabel: CHECK_IN_STATUS_LABELS[checkIn.status] ?? checkIn.status,
        difficultiesText: checkIn.difficultyLabels.join(', '),
        wantsCallText: checkIn.wantsCall === null ? null : yesNo(checkIn.wantsCall),
      })),
    })),
    alerts: data.alerts.map((row) => ({ ...row, recipientName: row.recipient?.name ?? '—' })),
    activities: data.activities.map((row) => ({
      ...row,
      authorName: row.author?.name ?? '—',
      linkLabel: row.link === 'candidate' ? 'Rattaché à sa fiche' : 'La ou le nomme',
    })),
    leads: data.leads.map((row) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      details: [
        ['Code ROME', row.romeCode],
        ['Heures par semaine', row.hoursPerWeek],
        ['Horaires', row.shiftLabel],
        ['Lieu de travail', row.workCommune],
        ['Permis B exigé', yesNo(row.requiresLicence)],
        ['Véhicule exigé', yesNo(row.requiresVehicle)],
        ['Exigences', row.requirements.join(' ; ')],
        ['Adaptations', row.adaptations.join(' ; ')],
        ['Statut', row.statusLabel],
        ['Début souhaité', frenchDay(row.startDate)],
      ].map(([label, value]) => ({ label, value: orDash(value) })),
    })),
    recordChanges: data.recordChanges.map((row) => ({
      ...row,
      actorName: row.actor?.name ?? 'Tremplin (automatique)',
      fields: row.fields.map((field) => ({ ...field, text: field.changedOnly ? 'modifié' : `${field.from} → ${field.to}` })),
    })),
    sensitiveReads: data.sensitiveReads.map((row) => ({ ...row, actorName: row.actor?.name ?? 'Tremplin (automatique)' })),
    requests: requestsView(data.privacyRequests),
  };
}

export function contactView(data: ContactExport) {
  const c = data.contact as Record<string, any>;
  return {
    structureName: data.structure.name,
    exportedAt: data.exportedAt,
    contactId: c.id,
    name: fullName(c),
    erasedAt: c.erasedAt,
    companyId: data.company.id,
    companyName: data.company.name,
    identity: [
      ['Prénom', c.firstName],
      ['Nom', c.lastName],
      ['Fonction', c.jobTitle],
      ['E-mail', c.email],
      ['Téléphone', formatPhone(c.phone)],
      ['Canal préféré', c.preferredChannel],
      ['Décisionnaire', yesNo(c.decisionMaker)],
      ['Ne souhaite pas recevoir d’e-mails', yesNo(c.emailOptOut)],
      ['Notes', c.notes],
    ].map(([label, value]) => ({ label, value: orDash(value) })),
    activities: data.activities.map((row: Record<string, any>) => ({ ...row, authorName: row.author?.name ?? '—' })),
    leads: data.leads.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      requirementsText: (row.requirements as string[]).join(' ; '),
      adaptationsText: (row.adaptations as string[]).join(' ; '),
    })),
    placements: data.placements.map((row: Record<string, any>) => ({
      ...row,
      companyName: row.company.name,
      startDay: frenchDay(row.startDate),
      endDay: frenchDay(row.endDate),
    })),
    checkIns: data.checkIns.map((row: Record<string, any>) => ({ ...row, difficultiesText: (row.difficultyLabels as string[]).join(', ') })),
    requests: requestsView(data.privacyRequests),
  };
}
