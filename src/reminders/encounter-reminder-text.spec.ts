import { smsSegments } from '../sms/sms-text';
import { encounterReminderText, InviteeReach, meetingReminderText, reminderChannel, ReminderWhich } from './encounter-reminder-text';

describe('reminderChannel: one reminder per invitee, by the channel they read', () => {
  const reach = (over: Partial<InviteeReach>): InviteeReach => ({ email: false, mobile: false, prefersSms: false, ...over });
  it.each<[string, ReminderWhich, Partial<InviteeReach>, 'email' | 'sms' | null]>([
    ['two hours before, a candidate with both: a text only', 'late', { email: true, mobile: true }, 'sms'],
    ['two hours before, a mobile and no address: a text', 'late', { mobile: true }, 'sms'],
    ['two hours before, an address and a landline (or an opted-out mobile): the e-mail', 'late', { email: true }, 'email'],
    ['two hours before, neither: nothing', 'late', {}, null],
    ['two days before, a candidate with both: the e-mail', 'early', { email: true, mobile: true }, 'email'],
    ['two days before, a mobile and no address: a text', 'early', { mobile: true }, 'sms'],
    ['two days before, a contact who prefers texts: a text', 'early', { email: true, mobile: true, prefersSms: true }, 'sms'],
    ['two days before, prefers texts but no mobile: the e-mail', 'early', { email: true, prefersSms: true }, 'email'],
    ['two days before, neither: nothing', 'early', {}, null],
  ])('%s', (_case, which, over, expected) => {
    expect(reminderChannel(which, reach(over))).toBe(expected);
  });
});

describe('encounterReminderText: short, French, in GSM-7', () => {
  it('reads as the brief’s example, one part', () => {
    const text = encounterReminderText({ title: 'Job dating logistique', whenLabel: 'aujourd’hui', startTime: '10:00', place: 'Salle des fêtes, Lille', structureName: 'ACI du Lien' });
    expect(text).toBe("Rappel : Job dating logistique aujourd'hui à 10:00, Salle des fetes, Lille. Prévenez-nous si vous ne pouvez pas venir. - ACI du Lien");
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', length: text.length, segments: 1 });
  });

  it('says nothing of a place it does not know', () => {
    expect(encounterReminderText({ title: 'Forum', whenLabel: 'demain', startTime: '09:30', place: null, structureName: 'ACI' })).toBe(
      'Rappel : Forum demain à 09:30. Prévenez-nous si vous ne pouvez pas venir. - ACI',
    );
  });

  it('drops the signature, then shortens the place and the title, rather than exceed two parts', () => {
    const long = 'Maison des Associations et de la Vie Citoyenne du Quartier des Trois Ponts, 12 boulevard de la République, 59100 Roubaix';
    const text = encounterReminderText({ title: `Forum ${'de l’emploi '.repeat(12)}`, whenLabel: 'dans 4 jours', startTime: '14:00', place: `${long} ${long}`, structureName: 'Association Intermédiaire du Roubaisis' });
    expect(text.startsWith('Rappel : Forum de l\'emploi')).toBe(true);
    expect(text).toContain('Prévenez-nous si vous ne pouvez pas venir.');
    expect(text).not.toContain('Roubaisis');
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });
});

describe('meetingReminderText: a company contact’s reminder, in GSM-7', () => {
  it('names the structure, the time and the company', () => {
    const text = meetingReminderText({ structureName: 'ACI du Lien', companyName: 'Entrepôt Nord', time: '14:30' });
    expect(text).toBe("Rappel : rendez-vous avec ACI du Lien aujourd'hui à 14:30 (Entrepot Nord). Prévenez-nous si vous ne pouvez pas venir.");
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('cuts a very long company name rather than exceed two parts', () => {
    const text = meetingReminderText({ structureName: 'ACI du Lien', companyName: 'Société Coopérative '.repeat(20), time: '09:00' });
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });
});
