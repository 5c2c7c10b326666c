import { belongingsView } from './company-related.view';

describe('what belongs to the company, as its page lists it', () => {
  it('lists what belongs to the company, check-in answers as rating and date only', () => {
    const view = belongingsView('c1', {
      leads: [{ id: 'l1', jobTitle: 'Vendeur', statusLabel: 'Repérée', spottedAt: new Date('2026-11-01') } as never],
      leadsTotal: 3,
      proposals: [{ id: 'p1', leadId: 'l1', candidate: { id: 'k1', firstName: 'Ana', lastName: 'Roy' }, proposedAt: new Date(), outcomeLabel: 'En attente' } as never],
      placements: [{ id: 'pl1', candidate: { id: 'k1', name: 'Ana Roy' }, jobTitle: 'Vendeuse', statusLabel: 'En cours', startDate: '2026-11-02', endDate: null, plannedEndDate: '2027-05-01' } as never],
      checkIns: [{ placementId: 'pl1', answeredAt: new Date('2026-11-20'), rating: 3, stepLabel: '1 mois' }],
    });
    expect(view.newLeadHref).toBe('/pistes/nouvelle?entreprise=c1');
    expect(view.leads).toEqual([expect.objectContaining({ id: 'l1', proposals: 1 })]);
    expect(view.moreLeads).toBe(2);
    expect(view.proposals[0]).toMatchObject({ leadTitle: 'Vendeur', candidate: { id: 'k1', name: 'Ana Roy' } });
    expect(view.placements[0].endDate).toBe('2027-05-01');
    expect(view.checkIns).toEqual([{ candidateName: 'Ana Roy', jobTitle: 'Vendeuse', stepLabel: '1 mois', answeredAt: new Date('2026-11-20'), rating: 3 }]);
  });
});
