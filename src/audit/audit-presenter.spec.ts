import type { AuditDetails } from './audit-event.entity';
import { presentEvents } from './audit-presenter';
import type { AuditEventView } from './dto/audit.dto';

const PERSON = '6f1c1c0e-4a37-4c43-9a0e-2b8f4f0d2a11';

function read(entityId: string | null, details: AuditDetails): AuditEventView {
  return { id: '1', at: new Date('2026-12-01T09:00:00Z'), actorId: null, actorName: 'Claire Martin', entity: 'candidate', entityId, action: 'sensitive_read', changes: {}, details };
}

describe('presentEvents: sensitive reads', () => {
  const names = new Map([[PERSON, 'Nina Créée']]);

  it.each<[string, string | null, AuditDetails, string, string]>([
    ['the candidate page', PERSON, { via: 'page', path: 'GET /candidats/:id' }, 'Nina Créée', 'Consultation dans l’application : fiche de la personne'],
    ['a read from before routes were recorded', PERSON, { via: 'api' }, 'Nina Créée', 'Réponse de l’API'],
    ['the creation’s answer', PERSON, { via: 'api', path: 'POST /api/candidates' }, 'Nina Créée', 'Réponse de l’API : POST /api/candidates'],
    [
      'the RGPD page after a refused erasure (no URL shown)',
      PERSON,
      { via: 'page', path: 'POST /rgpd/candidats/:id/effacer' },
      'Nina Créée',
      'Consultation dans l’application : données personnelles de la personne, affichée de nouveau après un formulaire refusé',
    ],
    ['an unknown page', PERSON, { via: 'page', path: 'GET /ailleurs' }, 'Nina Créée', 'Consultation dans l’application'],
    [
      'the company page, with the employer’s answers',
      PERSON,
      { via: 'page', path: 'GET /entreprises/:id' },
      'Nina Créée',
      'Consultation dans l’application : fiche de l’entreprise (réponses de l’employeur aux points de suivi)',
    ],
    [
      'the placement page after a refused end',
      PERSON,
      { via: 'page', path: 'POST /placements/:id/fiche/terminer' },
      'Nina Créée',
      'Consultation dans l’application : page du placement (réponses aux points de suivi, notes d’appel, motif de rupture, notes des alertes), affichée de nouveau après un formulaire refusé',
    ],
    [
      'an alert’s page',
      PERSON,
      { via: 'page', path: 'GET /alertes/:id' },
      'Nina Créée',
      'Consultation dans l’application : page d’une alerte (la réponse au point de suivi)',
    ],
    [
      'the alerts of 2 people',
      null,
      { via: 'api', path: 'GET /api/alerts', count: 2, candidateIds: [PERSON, 'x'] },
      '2 personnes',
      'Réponse de l’API : GET /api/alerts',
    ],
    [
      'the CSV export',
      null,
      { via: 'export', path: 'GET /api/candidates/export.csv', count: 3, candidateIds: [] },
      '3 personnes',
      'Export CSV avec freins et notes de 3 personnes : GET /api/candidates/export.csv',
    ],
    ['the RGPD export', PERSON, { via: 'privacy_export', count: 1, candidateIds: [PERSON] }, 'Nina Créée', 'Export RGPD de toutes les données de la personne'],
    [
      'a contact’s RGPD export',
      PERSON,
      { via: 'privacy_export', path: 'GET /api/privacy/contacts/:id/export' },
      'Nina Créée',
      'Export RGPD des données d’un contact employeur (ses réponses aux points de suivi)',
    ],
  ])('%s', (_case, entityId, details, entityName, summary) => {
    const [line] = presentEvents([read(entityId, details)], names);
    expect(line.entityName).toBe(entityName);
    expect(line.readSummary).toBe(summary);
  });

  it('calls a list a reading of N people, an export an export', () => {
    const [list, exported] = presentEvents(
      [read(null, { via: 'page', path: 'GET /placements', count: 2 }), read(null, { via: 'export', count: 2 })],
      names,
    );
    expect(list.entityLabel).toBe('Lecture de');
    expect(exported.entityLabel).toBe('Export de');
  });
});
