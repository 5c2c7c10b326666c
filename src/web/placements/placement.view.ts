import { PLACEMENT_STATUS_LABELS, PlacementView } from '../../placements/dto/placement-view.dto';
import { PLACEMENT_STATUSES, PlacementStatus } from '../../placements/placement.entity';
import { option, Raw, text } from '../kit/forms';
import { FormState } from '../leads/lead.view';

export const ENDED_BY_LABELS = { employee: 'La personne salariée', employer: 'L’employeur', both: 'D’un commun accord' };

/** `?statut=` when it is a placement status. */
export function placementStatusOf(raw: Raw): PlacementStatus | undefined {
  const value = text(raw.statut);
  return (PLACEMENT_STATUSES as readonly string[]).includes(value) ? (value as PlacementStatus) : undefined;
}

export function placementTabs(filterStatus: PlacementStatus | undefined) {
  return [
    { label: 'Tous', href: '/placements', current: !filterStatus },
    ...PLACEMENT_STATUSES.map((value) => ({ label: PLACEMENT_STATUS_LABELS[value], href: `/placements?statut=${value}`, current: value === filterStatus })),
  ];
}

/** Back to the list after a post, on the same tab, with what was done (`ok`). */
export function placementsBack(raw: Raw, ok: string): string {
  const status = placementStatusOf(raw);
  const params = new URLSearchParams();
  if (status) params.set('statut', status);
  params.set('ok', ok);
  return `/placements?${params.toString()}`;
}

export function placementRow(placement: PlacementView) {
  return {
    ...placement,
    planned: placement.status === 'planned',
    started: placement.status === 'started',
    ended: placement.status === 'ended',
    early: placement.endKind === 'early',
    endedByLabel: placement.endedBy ? ENDED_BY_LABELS[placement.endedBy] : null,
  };
}

/** The end form of a started placement (closed unless a refused post shows it again); none otherwise. */
export function endFormModel(placement: Pick<PlacementView, 'status'>, form: (FormState & { open?: boolean }) | undefined, today: string) {
  if (placement.status !== 'started') return null;
  const values = form?.values ?? { endDate: today, endKind: 'normal', ruptureReason: '', endedBy: '' };
  return {
    ...(form ?? { values, errors: {} }),
    open: Boolean(form),
    early: values.endKind === 'early',
    endedBy: [option('', '— Choisir —', values.endedBy), ...Object.entries(ENDED_BY_LABELS).map(([value, label]) => option(value, label, values.endedBy))],
  };
}
