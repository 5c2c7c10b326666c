import { SmsMessage } from '../../sms/sms-message.entity';
import { failureReason, optOutSentence, textRow, UNKNOWN_FAILURE } from './text-messages.view';

const TZ = 'Europe/Paris';

function text(fields: Partial<SmsMessage>): SmsMessage {
  return {
    id: 's1',
    structureId: 'st',
    recipient: '+33612345678',
    content: 'Bonjour Awa, rendez-vous vendredi.',
    purpose: 'one_off',
    candidateId: 'c1',
    contactId: null,
    placementId: null,
    checkInId: null,
    encounterId: null,
    sentBy: 'u1',
    encoding: 'GSM-7',
    segments: 1,
    status: 'sent',
    notBefore: new Date('2027-03-17T09:00:00Z'),
    attempts: 1,
    lastError: null,
    providerId: '42',
    createdAt: new Date('2027-03-17T09:00:00Z'),
    sentAt: new Date('2027-03-17T09:00:05Z'),
    statusAt: null,
    ...fields,
  } as SmsMessage;
}

describe('texts on the pages: why one did not arrive', () => {
  it.each([
    ['sent: nothing to explain', text({}), null],
    ['delivered', text({ status: 'delivered' }), null],
    ['the operator could not deliver it', text({ status: 'undelivered' }), 'L’opérateur n’a pas pu remettre le message au téléphone (numéro inactif ou téléphone éteint trop longtemps).'],
    ['STOP before it left', text({ status: 'suppressed', lastError: 'the number asked for no text' }), 'Le numéro a demandé à ne plus recevoir de SMS de la structure.'],
    ['the monthly cap', text({ status: 'failed', lastError: 'monthly cap of 500 texts reached' }), 'Le plafond mensuel de SMS de la structure était atteint.'],
    ['refused by Brevo', text({ status: 'failed', lastError: 'SMS refused by the provider (HTTP 400, invalid_parameter)' }), 'Le fournisseur de SMS a refusé ce message (numéro invalide ou non joignable).'],
    ['refused before the call', text({ status: 'failed', lastError: 'SMS refused before sending (recipient_not_e164)' }), 'Le numéro n’est pas valide pour un SMS.'],
    ['Brevo down through every retry', text({ status: 'failed', lastError: 'SMS provider unavailable (HTTP 503, no_error_code)' }), 'Le fournisseur de SMS est resté injoignable malgré plusieurs essais.'],
    ['SMS switched off', text({ status: 'failed', lastError: 'SMS is off: SMS_URL is not set' }), 'L’envoi de SMS n’est pas activé sur cette installation.'],
    ['a reason nobody mapped', text({ status: 'failed', lastError: 'Error: socket hang up' }), UNKNOWN_FAILURE],
    ['failed without a reason', text({ status: 'failed', lastError: null }), UNKNOWN_FAILURE],
  ])('%s', (_case, row, expected) => {
    expect(failureReason(row)).toBe(expected);
  });
});

describe('texts on the pages: one row', () => {
  it('a one-off text on the person’s page: number in French format, who wrote it, its words', () => {
    expect(textRow(text({}), TZ, new Map([['u1', 'Karim Benali']]))).toMatchObject({
      when: '17 mars 2027 à 10:00',
      purposeLabel: 'Message',
      number: '06 12 34 56 78',
      to: null,
      statusLabel: 'Envoyé',
      sentBy: 'Karim Benali',
      content: 'Bonjour Awa, rendez-vous vendredi.',
      waitingUntil: null,
    });
  });

  it('a check-in text to the employer on a placement’s page: no words (they carry the answer link)', () => {
    const row = textRow(text({ purpose: 'check_in', candidateId: null, contactId: 'k1', placementId: 'p1', sentBy: null, content: 'Bonjour Luc… https://x/suivi/tok' }), TZ);
    expect(row).toMatchObject({ purposeLabel: 'Point de suivi', to: 'Employeur', content: null, sentBy: null });
  });

  it('a reminder written at 21:00 waits for 08:00 the next working day', () => {
    const row = textRow(
      text({ purpose: 'encounter_reminder', status: 'pending', sentAt: null, createdAt: new Date('2027-03-19T20:00:00Z'), notBefore: new Date('2027-03-22T07:00:00Z') }),
      TZ,
      new Map(),
      new Date('2027-03-19T20:00:00Z'),
    );
    expect(row).toMatchObject({ purposeLabel: 'Rappel', statusLabel: 'En attente d’envoi', when: '19 mars 2027 à 21:00', waitingUntil: '22 mars 2027 à 08:00' });
  });
});

describe('texts on the pages: the number’s opt-out', () => {
  it.each([
    ['none', null, null],
    ['a STOP reply', { source: 'stop' as const, createdAt: new Date('2027-03-17T09:00:00Z'), createdBy: null }, 'Ce numéro a répondu « STOP » le 17 mars 2027 : aucun SMS ne lui est plus envoyé.'],
    [
      'set by staff',
      { source: 'staff' as const, createdAt: new Date('2027-03-17T09:00:00Z'), createdBy: 'u1' },
      'Plus aucun SMS n’est envoyé à ce numéro, à la demande de la personne (noté le 17 mars 2027 par Karim Benali).',
    ],
  ])('%s', (_case, optOut, expected) => {
    expect(optOutSentence(optOut, TZ, new Map([['u1', 'Karim Benali']]))).toBe(expected);
  });
});
