import { CodesOf } from '../define';
import { LEAD } from '../lead';

export const LEAD_FR: { readonly [C in CodesOf<typeof LEAD>]: string } = {
  'lead.company_invalid': 'Choisissez une entreprise de la structure.',
  'lead.contact_invalid': 'Choisissez un contact de cette entreprise.',
  'lead.source_activity_invalid': 'Choisissez un échange de cette entreprise.',
  'lead.job_title_invalid': 'Indiquez l’intitulé du poste (200 caractères au plus).',
  'lead.rome_code_invalid': 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103.',
  'lead.contract_type_invalid': 'Choisissez un type de contrat dans la liste.',
  'lead.hours_invalid': 'Indiquez un nombre entier d’heures par semaine, entre 1 et 48.',
  'lead.shift_invalid': 'Choisissez des horaires dans la liste.',
  'lead.day_invalid': 'Indiquez une date valide.',
  'lead.commune_invalid': 'La commune tient en 100 caractères au plus.',
  'lead.checkbox_invalid': 'Cochez la case ou laissez-la vide.',
  'lead.requirements_invalid': 'Jusqu’à 30 exigences de 300 caractères au plus, une par ligne.',
  'lead.adaptations_invalid': 'Jusqu’à 30 adaptations de 300 caractères au plus, une par ligne.',
  'lead.owner_invalid': 'Choisissez un membre actif de l’équipe.',
  'lead.status_invalid': 'Choisissez un statut de la liste.',
  'lead.abandon_reason_invalid': 'Indiquez la raison de l’abandon : elle aide toute l’équipe.',
  'lead.version_invalid': 'La fiche a changé entre-temps : rechargez la page.',
  'lead.target_days_invalid': 'Indiquez un nombre entier de jours, entre 1 et 90.',

  'lead.contact_of_another_company': 'Choisissez un contact de cette entreprise.',
  'lead.source_activity_of_another_company': 'Choisissez un échange de cette entreprise.',
  'lead.rome_code_required': 'Le code ROME est nécessaire pour qualifier la piste (fiche de poste).',
  'lead.hours_required': 'Le nombre d’heures est nécessaire pour qualifier la piste (fiche de poste).',
  'lead.abandon_reason_required': 'Indiquez la raison de l’abandon : elle aide toute l’équipe.',
  'lead.abandon_reason_only_to_abandon': 'La raison ne s’indique que pour abandonner la piste.',
  'lead.transition_refused': 'Une piste ne peut pas passer directement à « {to} » depuis son statut actuel (possible : {allowed}).',
  'lead.stale_version': 'La fiche a été modifiée entre-temps par quelqu’un d’autre : les informations à jour sont affichées, recommencez.',

  'lead.candidate_invalid': 'Choisissez une personne accompagnée de la structure.',
  'lead.outcome_invalid': 'Choisissez une issue dans la liste.',
  'lead.reason_invalid': 'Indiquez la raison du refus (1 000 caractères au plus).',
  'lead.reason_required': 'Indiquez la raison du refus.',
  'lead.closed': 'Cette piste est close (pourvue ou abandonnée) : rouvrez-la avant de proposer quelqu’un.',
  'lead.already_proposed': 'Cette personne a déjà été proposée pour cette piste.',
  'lead.hard_conflicts':
    'Cette personne ne remplit pas une condition strictement nécessaire du poste : utilisez « Proposer quand même » si l’employeur l’accepte.',
  'lead.outcome_settled': 'L’issue de cette mise en relation est déjà définitive.',
  'lead.withdraw_not_pending':
    'Seule une mise en relation en attente peut être retirée ; celle-ci en est à « {outcome} » : notez plutôt son issue.',
};
