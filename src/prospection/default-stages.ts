import { StageKind } from './pipeline-stage.entity';

export interface DefaultStage {
  key: string;
  name: string;
  kind: StageKind;
  stalledAfterDays: number | null;
}

/**
 * The SEVE pipeline every structure starts with. Keys are stable so the funnel still finds
 * "meeting held" after a manager renames the column.
 */
export const DEFAULT_STAGES: readonly DefaultStage[] = [
  { key: 'to_prospect', name: 'À prospecter', kind: 'open', stalledAfterDays: 30 },
  { key: 'first_call', name: 'Premier appel', kind: 'open', stalledAfterDays: 14 },
  { key: 'meeting_booked', name: 'Rendez-vous fixé', kind: 'open', stalledAfterDays: 14 },
  { key: 'meeting_held', name: 'Rendez-vous réalisé', kind: 'open', stalledAfterDays: 14 },
  { key: 'need_found', name: 'Besoin repéré', kind: 'open', stalledAfterDays: 7 },
  { key: 'candidate_proposed', name: 'Candidat proposé', kind: 'open', stalledAfterDays: 14 },
  { key: 'recruitment', name: 'Recrutement', kind: 'open', stalledAfterDays: 30 },
  { key: 'active_partner', name: 'Partenaire actif', kind: 'open', stalledAfterDays: null },
  { key: 'no_need', name: 'Pas de besoin pour l’instant', kind: 'no_need', stalledAfterDays: null },
  { key: 'refused', name: 'Refus', kind: 'refused', stalledAfterDays: null },
];
