import { AlertView } from '../../alerts/alert-list.service';
import { remindersInput } from './home.form';
import { agendaSection, alertRows, answeredDifficulties, remindersForm } from './home.view';

function alert(id: string, kind: AlertView['kind'], answeredAt: Date | null, hasCheckIn = true, reasons: AlertView['reasons'] = []): AlertView {
  return {
    id,
    kind,
    reasons,
    checkIn: hasCheckIn
      ? ({ answeredAt, difficultyLabels: ['Horaires', 'Transport'], difficultyDetails: 'Le bus ne passe plus.' } as AlertView['checkIn'])
      : null,
  } as AlertView;
}

describe('home: the alerts whose answer is shown', () => {
  const answered = alert('a', 'difficulty', new Date('2026-01-05T10:00:00Z'));
  const unanswered = alert('b', 'difficulty', null);
  const noCheckIn = alert('c', 'difficulty', null, false);
  const other = alert('d', 'low_rating', new Date('2026-01-05T10:00:00Z'), true, ['low_rating']);
  // One answer, one alert: its kind is its first reason, the difficulty is among the others.
  const lowWithDifficulties = alert('e', 'low_rating', new Date('2026-01-05T10:00:00Z'), true, ['low_rating', 'difficulty']);
  it.each([
    ['a low answer that also reports difficulties', [lowWithDifficulties], ['e']],
    ['an answered difficulty', [answered], ['a']],
    ['not answered yet', [unanswered], []],
    ['no check-in behind it', [noCheckIn], []],
    ['another kind of alert', [other], []],
    ['a mix, in order', [unanswered, answered, other], ['a']],
  ])('%s', (_case, alerts, ids) => {
    expect(answeredDifficulties(alerts).map((item) => item.id)).toEqual(ids);
  });

  it('shows the difficulties and the words of answered ones only', () => {
    expect(alertRows([answered, unanswered], [answered]).map((row) => row.answer)).toEqual([
      { difficulties: 'Horaires, Transport', details: 'Le bus ne passe plus.' },
      null,
    ]);
  });
});

describe('home: the reminders form', () => {
  const me = { digestEnabled: true, digestTime: '08:30:00', meetingRemindersEnabled: false };
  it.each([
    [undefined, { saved: false, refused: false }],
    ['ok', { saved: true, refused: false }],
    ['heure', { saved: false, refused: true }],
    ['other', { saved: false, refused: false }],
  ])('?rappels=%p', (saved, expected) => {
    expect(remindersForm(me, saved)).toEqual({ digestEnabled: true, digestTime: '08:30', meetingRemindersEnabled: false, ...expected });
  });

  it.each([
    [{ digestTime: '07:45', digestEnabled: 'on' }, { digestEnabled: true, digestTime: '07:45', meetingRemindersEnabled: false }],
    [{ digestTime: '23:59', meetingRemindersEnabled: 'on' }, { digestEnabled: false, digestTime: '23:59', meetingRemindersEnabled: true }],
    [{ digestTime: '24:00', digestEnabled: 'on' }, null],
    [{ digestTime: '7:45' }, null],
    [{ digestTime: ['07:45'] }, null],
    [{}, null],
  ])('posted %p', (form, expected) => {
    expect(remindersInput(form)).toEqual(expected);
  });
});

describe('home: the calendar subscription section', () => {
  const live = { createdAt: new Date('2027-03-27T23:30:00Z') };
  it.each([
    ['no subscription yet', null, null, undefined, { live: null, url: null, revoked: false }],
    // 23:30 UTC on March 27th is already the 28th in Paris.
    ['a live one, made late in the evening (its Paris day)', live, null, undefined, { live: { since: '28 mars 2027' }, url: null, revoked: false }],
    ['just made: the address shown once', live, 'http://localhost/agenda/abc.ics', undefined, { live: { since: '28 mars 2027' }, url: 'http://localhost/agenda/abc.ics', revoked: false }],
    ['just revoked', null, null, 'revoque', { live: null, url: null, revoked: true }],
    ['another ?agenda= value says nothing', null, null, 'constructor', { live: null, url: null, revoked: false }],
  ])('%s', (_case, status, url, query, expected) => {
    expect(agendaSection(status, url, query, 'Europe/Paris')).toEqual(expected);
  });
});
