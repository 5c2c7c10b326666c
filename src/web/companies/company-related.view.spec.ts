import { belongingsView, EmployerAnswer, employerAnswerView, placementsWithAnswerText } from './company-related.view';

const answer = (fields: Partial<EmployerAnswer>): EmployerAnswer => ({
  id: 'a1',
  placementId: 'pl1',
  step: '1 month',
  answeredAt: new Date('2026-11-20'),
  rating: 3,
  goingWell: null,
  difficulties: [],
  difficultyDetails: null,
  wantsCall: false,
  ...fields,
});

describe('what belongs to the company, as its page lists it', () => {
  it('lists what belongs to the company, each employer answer with its placement page', () => {
    const view = belongingsView('c1', {
      leads: [{ id: 'l1', jobTitle: 'Vendeur', statusLabel: 'Repérée', spottedAt: new Date('2026-11-01') } as never],
      leadsTotal: 3,
      proposals: [{ id: 'p1', leadId: 'l1', candidate: { id: 'k1', firstName: 'Ana', lastName: 'Roy' }, proposedAt: new Date(), outcomeLabel: 'En attente' } as never],
      placements: [{ id: 'pl1', candidate: { id: 'k1', name: 'Ana Roy' }, jobTitle: 'Vendeuse', statusLabel: 'En cours', startDate: '2026-11-02', endDate: null, plannedEndDate: '2027-05-01' } as never],
      checkIns: [answer({ goingWell: 'Ponctuelle' })],
    });
    expect(view.newLeadHref).toBe('/pistes/nouvelle?entreprise=c1');
    expect(view.leads).toEqual([expect.objectContaining({ id: 'l1', proposals: 1 })]);
    expect(view.moreLeads).toBe(2);
    expect(view.proposals[0]).toMatchObject({ leadTitle: 'Vendeur', candidate: { id: 'k1', name: 'Ana Roy' } });
    expect(view.placements[0].endDate).toBe('2027-05-01');
    expect(view.checkIns).toEqual([
      expect.objectContaining({ id: 'a1', placementHref: '/placements/pl1', candidateName: 'Ana Roy', jobTitle: 'Vendeuse', stepLabel: '1 mois', goingWell: 'Ponctuelle' }),
    ]);
  });

  it.each([
    ['a good answer with nothing written', answer({ rating: 4 }), { rating: 'Très bien (4/4)', goingWell: null, difficulties: null, details: null, wantsCall: false }],
    [
      'a low answer with difficulties, details and a call asked',
      answer({ rating: 1, difficulties: ['transport', 'hours'], difficultyDetails: 'Arrive en retard le lundi', wantsCall: true }),
      { rating: 'Très difficile (1/4)', goingWell: null, difficulties: 'Transport, Horaires', details: 'Arrive en retard le lundi', wantsCall: true },
    ],
    ['an answer without a rating', answer({ rating: null, goingWell: 'Bonne équipe' }), { rating: null, goingWell: 'Bonne équipe' }],
  ])('reads %s', (_case, row, expected) => {
    expect(employerAnswerView(row)).toMatchObject(expected);
  });

  it('names the placements whose answers carry free text, once each', () => {
    const answers = [
      answer({ placementId: 'pl1', goingWell: 'Ponctuelle' }),
      answer({ placementId: 'pl1', difficultyDetails: 'Retards' }),
      answer({ placementId: 'pl2', difficulties: ['health'] }),
      answer({ placementId: 'pl3', difficultyDetails: 'Fatigue' }),
    ];
    expect(placementsWithAnswerText(answers)).toEqual(['pl1', 'pl3']);
    expect(placementsWithAnswerText([answer({ rating: 2 })])).toEqual([]);
  });
});
