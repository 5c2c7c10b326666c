import { ValidationFailedException } from '../../common/validation';
import { refusedRestForm, restFormOf, restFormValues, restInput } from './rest-settings.form';

describe('the automatic rest’s settings form', () => {
  it.each([
    [{ attempts: '6', months: '3' }, { attempts: 6, months: 3 }],
    [{ attempts: ' 8 ', months: '12' }, { attempts: 8, months: 12 }],
    [{ attempts: '', months: 'trois' }, { attempts: '', months: 'trois' }],
    [{ attempts: '2.5', months: '-1' }, { attempts: '2.5', months: '-1' }],
    [{}, { attempts: '', months: '' }],
  ])('%j is given to the DTO as %j', (form, input) => {
    expect(restInput(restFormValues(form))).toEqual(input);
  });

  it('shows the current settings', () => {
    expect(restFormOf({ attempts: 6, months: 3 })).toEqual({ values: { attempts: '6', months: '3' }, errors: {} });
  });

  it('puts each refused field’s French sentence next to it, once', () => {
    const error = new ValidationFailedException([
      { field: 'attempts', message: 'attempts must not be less than 2', code: 'pressure.rest_attempts_invalid', params: { field: 'attempts' } },
      { field: 'attempts', message: 'attempts must be an integer', code: 'pressure.rest_attempts_invalid', params: { field: 'attempts' } },
    ]);
    expect(refusedRestForm({ attempts: '1', months: '3' }, error)).toEqual({
      values: { attempts: '1', months: '3' },
      errors: { attempts: 'Indiquez un nombre d’appels sans réponse entre 2 et 50.' },
    });
  });
});
