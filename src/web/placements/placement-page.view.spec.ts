import { CheckIn } from '../../checkins/check-in.entity';
import { planPreview, showsFreeText, stepsCancelledByEnd, stepStateOf, stepView } from './placement-page.view';

const TZ = 'Europe/Paris';

function row(fields: Partial<CheckIn>): CheckIn {
  return {
    id: 'c1',
    placementId: 'p1',
    party: 'employee',
    step: '3 days',
    dueAt: new Date('2027-03-04T08:30:00Z'),
    status: 'planned',
    skipReason: null,
    recipient: null,
    attempts: 0,
    lastError: null,
    smtpMessageId: null,
    sentAt: null,
    answeredAt: null,
    rating: null,
    goingWell: null,
    difficulties: [],
    difficultyDetails: null,
    wantsCall: null,
    noAnswerAlertedAt: null,
    callDoneAt: null,
    callDoneBy: null,
    callNote: null,
    ...fields,
  } as CheckIn;
}

describe('placement page: the follow-up timeline', () => {
  it.each([
    ['planned, due on a winter morning (UTC+1)', row({}), 'planned', 'Prévu le 4 mars 2027 à 09:30'],
    ['sent to the person', row({ status: 'sent', sentAt: new Date('2027-03-04T08:31:00Z'), recipient: 'samira@exemple.fr' }), 'sent', 'Envoyé le 4 mars 2027 à 09:31 à samira@exemple.fr'],
    ['sent by SMS to a mobile', row({ status: 'sent', channel: 'sms', sentAt: new Date('2027-03-04T08:31:00Z'), recipient: '+33612345678' }), 'sent', 'Envoyé par SMS le 4 mars 2027 à 09:31 au 06 12 34 56 78'],
    ['sent, then the no-answer alert', row({ status: 'sent', sentAt: new Date('2027-03-04T08:31:00Z'), noAnswerAlertedAt: new Date('2027-03-11T08:00:00Z') }), 'no_answer', 'Pas de réponse : une alerte a été envoyée.'],
    ['answered in summer time (UTC+2)', row({ status: 'answered', sentAt: new Date('2027-07-01T07:30:00Z'), answeredAt: new Date('2027-07-02T16:05:00Z'), rating: 2 }), 'answered', 'Répondu le 2 juillet 2027 à 18:05'],
    ['no address: a call instead', row({ status: 'call_task', lastError: 'no e-mail address' }), 'call_task', 'Pas d’envoi possible (aucune adresse e-mail) : un appel remplace l’e-mail.'],
    ['the call was made', row({ status: 'call_task', lastError: 'recipient opted out of e-mails', callDoneAt: new Date('2027-03-05T10:00:00Z'), callNote: 'Tout va bien' }), 'call_done', 'Appel passé le 5 mars 2027 à 11:00'],
    ['skipped, after the planned end', row({ status: 'skipped', skipReason: 'after_planned_end' }), 'skipped', 'Ne sera pas envoyé : il tombe après la fin prévue du contrat.'],
    ['cancelled by the end', row({ status: 'cancelled' }), 'cancelled', 'Annulé : le placement est terminé.'],
    ['failed, with the SMTP error', row({ status: 'failed', attempts: 5, lastError: '550 mailbox unavailable' }), 'failed', 'L’envoi a échoué après 5 essais (erreur SMTP : 550 mailbox unavailable).'],
    ['planned, a send-now that failed', row({ lastError: '421 try later' }), 'planned', 'Dernier essai d’envoi échoué (erreur SMTP : 421 try later) ; nouvel essai à la date prévue.'],
  ])('%s', (_name, checkIn, state, line) => {
    const view = stepView(checkIn, TZ, true);
    expect(view.state).toBe(state);
    expect(stepStateOf(checkIn)).toBe(state);
    expect(view.lines).toContain(line);
  });

  it('reads an answer: rating, what goes well, difficulties in French, details, the call asked', () => {
    const view = stepView(
      row({ status: 'answered', rating: 1, goingWell: 'L’équipe', difficulties: ['transport', 'hours'], difficultyDetails: 'Bus à 5 h', wantsCall: true, answeredAt: new Date() }),
      TZ,
      true,
    );
    expect(view.answer).toEqual({ rating: expect.stringContaining('(1/4)'), goingWell: 'L’équipe', difficulties: 'Transport, Horaires', details: 'Bus à 5 h', wantsCall: true });
    expect(showsFreeText([view])).toBe(true);
    expect(showsFreeText([stepView(row({ status: 'answered', rating: 4, answeredAt: new Date() }), TZ, true)])).toBe(false);
  });

  it.each([
    ['a planned step of a started placement', row({}), true, { canSendNow: true, canMarkCall: false }],
    ['a planned step of a placement not started', row({}), false, { canSendNow: false, canMarkCall: false }],
    ['a step already sent', row({ status: 'sent', sentAt: new Date() }), true, { canSendNow: false, canMarkCall: false }],
    ['a call to make', row({ status: 'call_task' }), true, { canSendNow: false, canMarkCall: true }],
    ['a call made', row({ status: 'call_task', callDoneAt: new Date() }), true, { canSendNow: false, canMarkCall: false }],
  ])('offers the actions that fit: %s', (_name, checkIn, started, actions) => {
    expect(stepView(checkIn, TZ, started)).toMatchObject(actions);
  });
});

describe('placement page: what an end cancels', () => {
  const rows = [
    row({ id: 'a', step: '3 days', status: 'sent', dueAt: new Date('2027-03-04T08:30:00Z') }),
    row({ id: 'b', step: '1 month', dueAt: new Date('2027-04-01T07:30:00Z') }),
    row({ id: 'c', party: 'employer', step: '1 month', dueAt: new Date('2027-04-01T07:30:00Z') }),
    row({ id: 'd', step: '2 months', dueAt: new Date('2027-05-03T07:30:00Z') }),
  ];

  it.each([
    ['a rupture cancels every planned step', { endKind: 'early' as const, endDate: '2027-03-20' }, 3],
    ['a normal end on the day of a step keeps it', { endKind: 'normal' as const, endDate: '2027-04-01' }, 1],
    ['a normal end the day before cancels it', { endKind: 'normal' as const, endDate: '2027-03-31' }, 3],
    ['a normal end after the last step cancels none', { endKind: 'normal' as const, endDate: '2027-06-01' }, 0],
  ])('%s', (_name, end, count) => {
    expect(stepsCancelledByEnd(rows, end, TZ)).toHaveLength(count);
  });

  it('names the party, the step and its date', () => {
    expect(stepsCancelledByEnd(rows, { endKind: 'early', endDate: '2027-03-20' }, TZ)[0]).toBe('Côté salarié·e : point à 1 mois, prévu le 1 avril 2027 à 09:30');
  });
});

describe('placement page: the plan new dates make', () => {
  it('moves planned steps, keeps sent ones, and skips planned ones the plan no longer has', () => {
    const rows = [
      row({ id: 'a', step: '3 days', status: 'sent', sentAt: new Date('2027-03-04T08:30:00Z') }),
      row({ id: 'b', step: '10 days', dueAt: new Date('2027-03-11T08:30:00Z') }),
      row({ id: 'c', step: '6 months', dueAt: new Date('2027-09-01T07:30:00Z') }),
    ];
    const planned = [
      { step: '3 days', parties: ['employee' as const, 'employer' as const], dueAt: new Date('2027-03-11T08:30:00Z'), status: 'planned' as const, skipReason: null },
      { step: '10 days', parties: ['employee' as const, 'employer' as const], dueAt: new Date('2027-03-18T08:30:00Z'), status: 'planned' as const, skipReason: null },
    ];
    const preview = planPreview(rows, planned, TZ).filter((step) => step.label.startsWith('Côté salarié·e'));
    expect(preview).toEqual([
      { label: 'Côté salarié·e : point à 3 jours', before: 'envoyé (4 mars 2027 à 09:30)', after: 'envoyé (4 mars 2027 à 09:30)', changed: false },
      { label: 'Côté salarié·e : point à 10 jours', before: 'prévu le 11 mars 2027 à 09:30', after: 'prévu le 18 mars 2027 à 09:30', changed: true },
      { label: 'Côté salarié·e : point à 6 mois', before: 'prévu le 1 septembre 2027 à 09:30', after: 'sauté (le calendrier de suivi ne le prévoit plus)', changed: true },
    ]);
  });
});
