import { postedSettings, refusedRows, settingsRows } from './follow-up-settings.form';

const numbers = { noAnswerDays: '5', proposalTargetDays: '7', alertRecipients: 'follower' };

describe('follow-up settings form', () => {
  it('shows the plan then two blank rows', () => {
    const rows = settingsRows([
      { step: '3 days', parties: ['employee', 'employer'] },
      { step: '6 months', parties: ['employer'] },
    ]);
    expect(rows.map((row) => [row.count, row.unit, row.employee, row.employer])).toEqual([
      ['3', 'day', true, true],
      ['6', 'month', false, true],
      ['', 'month', true, true],
      ['', 'month', true, true],
    ]);
  });

  it.each([
    ['a kept step', { count_0: '10', unit_0: 'day', employee_0: 'on', employer_0: 'on' }, [{ step: '10 days', parties: ['employee', 'employer'] }]],
    ['one party', { count_0: '1', unit_0: 'month', employer_0: 'on' }, [{ step: '1 month', parties: ['employer'] }]],
    ['singular and plural', { count_0: '1', unit_0: 'week', employee_0: 'on', count_1: '2', unit_1: 'week', employee_1: 'on' }, [
      { step: '1 week', parties: ['employee'] },
      { step: '2 weeks', parties: ['employee'] },
    ]],
    ['a blank row is no step', { count_0: '', unit_0: 'month', employee_0: 'on' }, []],
    ['a removed row is no step', { count_0: '3', unit_0: 'day', employee_0: 'on', remove_0: 'on' }, []],
    ['no party: kept, for the service to refuse', { count_0: '3', unit_0: 'day' }, [{ step: '3 days', parties: [] }]],
  ])('%s', (_case, fields, expected) => {
    const posted = postedSettings({ rows: '2', ...numbers, ...fields });
    expect(posted.problems).toEqual([]);
    expect(posted.input?.steps.map(({ step, parties }) => ({ step, parties }))).toEqual(expected);
  });

  it.each([
    ['letters', 'abc', 'day'],
    ['zero', '0', 'day'],
    ['too long', '1000', 'day'],
    ['a unit not offered', '3', 'year'],
  ])('refuses a delay of %s naming its row', (_case, count, unit) => {
    const posted = postedSettings({ rows: '1', ...numbers, count_0: count, unit_0: unit, employee_0: 'on' });
    expect(posted.input).toBeNull();
    expect(posted.problems.map((problem) => [problem.field, problem.code])).toEqual([['count_0', 'checkin.offset_invalid']]);
  });

  it('reads the numbers and the recipients, and no more rows than posted', () => {
    const posted = postedSettings({ rows: '1', noAnswerDays: ' 7 ', proposalTargetDays: 'x', alertRecipients: 'follower_and_managers', count_0: '2', unit_0: 'month', employee_0: 'on', count_1: '9', unit_1: 'day' });
    expect(posted.input).toMatchObject({ noAnswerDays: 7, proposalTargetDays: NaN, alertRecipients: 'follower_and_managers' });
    expect(posted.input?.steps).toHaveLength(1);
  });

  it('shows refused rows again with their sentence, dropping blank ones', () => {
    const posted = postedSettings({ rows: '3', ...numbers, count_0: '3', unit_0: 'day', employee_0: 'on', count_1: '', unit_1: 'month', count_2: 'x', unit_2: 'day' });
    const rows = refusedRows(posted.rows, { count_2: 'Indiquez un délai entier.' });
    expect(rows.map((row) => [row.index, row.count, row.error])).toEqual([
      [0, '3', undefined],
      [1, 'x', 'Indiquez un délai entier.'],
      [2, '', undefined],
      [3, '', undefined],
    ]);
  });
});
