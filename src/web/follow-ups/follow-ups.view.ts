import { ActionView } from '../../prospection/dto/board.dto';
import { Role } from '../../tenancy/actor';

/** The lists of the « Relances » page, in order; the first two are one person's, or everyone's for a manager. */
export const FOLLOW_UP_SECTIONS: Array<{ view: ActionView; anchor: string; title: string; empty: string; ownerScoped: boolean }> = [
  { view: 'today', anchor: 'aujourdhui', title: 'Aujourd’hui', empty: 'Aucune action prévue aujourd’hui.', ownerScoped: true },
  { view: 'overdue', anchor: 'en-retard', title: 'En retard', empty: 'Aucune action en retard.', ownerScoped: true },
  { view: 'stalled', anchor: 'au-point-mort', title: 'Au point mort', empty: 'Aucune entreprise au point mort.', ownerScoped: false },
  { view: 'unassigned', anchor: 'non-attribuees', title: 'Non attribuées', empty: 'Toutes les entreprises ont un·e référent·e.', ownerScoped: false },
];

/** Whose actions the page lists: a manager may ask for everyone's (`?owner=all`), anyone else sees their own. */
export function followUpOwner(role: Role, ownerParam: unknown): 'all' | 'me' {
  const isManager = role === 'manager' || role === 'admin';
  return isManager && ownerParam === 'all' ? 'all' : 'me';
}

/** A section with its page of rows and how many more there are than shown. */
export function followUpSection<S, T>(section: S, page: { items: T[]; total: number }) {
  return { ...section, items: page.items, total: page.total, more: Math.max(0, page.total - page.items.length) };
}
