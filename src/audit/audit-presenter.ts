import type { AuditedEntity } from './audit-event.entity';
import { ACTION_LABELS, AUDITED_FIELDS, ENTITY_LABELS, fieldLabel, formatValue } from './audit-fields';
import type { AuditEventView } from './dto/audit.dto';

/** One changed field as the journal shows it, in French. */
export interface ChangeLine {
  label: string;
  from: string;
  to: string;
  /** Sensitive: it changed, and that is all the journal says. */
  changedOnly: boolean;
}

/** One event as the journal and the candidate page show it. */
export interface EventLine {
  id: string;
  at: Date;
  /** For the `datetime` attribute. */
  isoAt: string;
  actorName: string;
  entityLabel: string;
  entityName: string;
  entityHref: string | null;
  actionLabel: string;
  changes: ChangeLine[];
  /** For a read of sensitive fields: where it came from. */
  readSummary: string | null;
}

const ENTITY_PAGES: Partial<Record<AuditedEntity, string>> = { company: '/entreprises', candidate: '/candidats', proposal: '/propositions' };

/** The page of a record, for those that have one. */
export function entityHref(entity: AuditedEntity, id: string): string | null {
  const base = ENTITY_PAGES[entity];
  return base ? `${base}/${id}` : null;
}

const people = (count: number) => `${count} ${count <= 1 ? 'personne' : 'personnes'}`;

const SHOWN_AGAIN = 'affichée de nouveau après un formulaire refusé';

/** The pages that record a read, in the journal's words (their routes are for the API's readers). */
const PLACEMENT_PAGE = 'page du placement (réponses aux points de suivi, notes d’appel, motif de rupture, notes des alertes)';

const READ_PAGES: Record<string, string> = {
  'GET /candidats/:id': 'fiche de la personne',
  'POST /pistes/:id/propositions': `fiche de la personne, ${SHOWN_AGAIN}`,
  'GET /rgpd/candidats/:id': 'données personnelles de la personne',
  'POST /rgpd/candidats/:id/effacer': `données personnelles de la personne, ${SHOWN_AGAIN}`,
  'GET /rgpd/contacts/:id': 'données d’un contact employeur (ses réponses aux points de suivi)',
  'POST /rgpd/contacts/:id/effacer': `données d’un contact employeur (ses réponses aux points de suivi), ${SHOWN_AGAIN}`,
  'GET /': 'alertes de la page d’accueil (difficultés signalées)',
  'GET /alertes/:id': 'page d’une alerte (la réponse au point de suivi)',
  'POST /alertes/:id/traitee': `page d’une alerte (la réponse au point de suivi), ${SHOWN_AGAIN}`,
  'GET /placements': 'liste des placements (motifs de rupture)',
  'POST /placements/:id/demarrer': `liste des placements (motifs de rupture), ${SHOWN_AGAIN}`,
  'POST /placements/:id/terminer': `liste des placements (motifs de rupture), ${SHOWN_AGAIN}`,
  'POST /placements/:id/annuler': `liste des placements (motifs de rupture), ${SHOWN_AGAIN}`,
  'GET /placements/:id': PLACEMENT_PAGE,
  'POST /placements/:id/points/:checkInId/envoyer': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'POST /placements/:id/points/:checkInId/appel': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'POST /placements/:id/fiche/demarrer': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'POST /placements/:id/fiche/terminer': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'POST /placements/:id/dates': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'POST /placements/:id/simulation': `${PLACEMENT_PAGE}, ${SHOWN_AGAIN}`,
  'GET /entreprises/:id': 'fiche de l’entreprise (réponses de l’employeur aux points de suivi)',
  'POST /entreprises/:id/modifier': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
  'POST /entreprises/:id/etape': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
  'POST /entreprises/:id/prochaine-action': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
  'POST /entreprises/:id/contacts': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
  'POST /entreprises/:id/contacts/:contactId/e-mails': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
  'POST /entreprises/:id/activites': `fiche de l’entreprise (réponses de l’employeur aux points de suivi), ${SHOWN_AGAIN}`,
};

/** Where a read happened: the page in words, the route of an API answer. */
function readPlace(details: AuditEventView['details']): string {
  const path = details?.path;
  if (!path) return '';
  if (details?.via === 'page') return READ_PAGES[path] ? ` : ${READ_PAGES[path]}` : '';
  return ` : ${path}`;
}

function readSummary(event: AuditEventView): string | null {
  if (event.action !== 'sensitive_read') return null;
  const details = event.details ?? {};
  const place = readPlace(details);
  if (details.via === 'export') return `Export CSV avec freins et notes de ${people(details.count ?? 0)}${place}`;
  if (details.via === 'privacy_export') {
    return details.path === 'GET /api/privacy/contacts/:id/export'
      ? 'Export RGPD des données d’un contact employeur (ses réponses aux points de suivi)'
      : 'Export RGPD de toutes les données de la personne';
  }
  if (details.via === 'page') return `Consultation dans l’application${place}`;
  return `Réponse de l’API${place}`;
}

/**
 * The events in French: field labels in the order of the record's form, values through their
 * labels (stages, people, companies by name), sensitive fields as « modifié » without values.
 */
export function presentEvents(events: AuditEventView[], names: ReadonlyMap<string, string>): EventLine[] {
  return events.map((event) => {
    const order = Object.keys(AUDITED_FIELDS[event.entity] ?? {});
    const fields = Object.keys(event.changes).sort((a, b) => rank(order, a) - rank(order, b));
    return {
      id: event.id,
      at: event.at,
      isoAt: new Date(event.at).toISOString(),
      actorName: event.actorName ?? 'Tremplin (automatique)',
      // An export or a list is about many people at once.
      entityLabel: event.entityId ? ENTITY_LABELS[event.entity] : event.details?.via === 'export' ? 'Export de' : 'Lecture de',
      entityName: event.entityId ? (names.get(event.entityId) ?? 'fiche supprimée') : people(event.details?.count ?? 0),
      entityHref: event.entityId && names.has(event.entityId) ? entityHref(event.entity, event.entityId) : null,
      actionLabel: ACTION_LABELS[event.action] ?? event.action,
      changes: fields.map((field) => {
        const change = event.changes[field];
        const changedOnly = change.changed === true;
        return {
          label: fieldLabel(event.entity, field),
          from: changedOnly ? '' : formatValue(event.entity, field, change.from, names),
          to: changedOnly ? '' : formatValue(event.entity, field, change.to, names),
          changedOnly,
        };
      }),
      readSummary: readSummary(event),
    };
  });
}

function rank(order: string[], field: string): number {
  const index = order.indexOf(field);
  return index === -1 ? order.length : index;
}
