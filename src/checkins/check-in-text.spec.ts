import { smsSegments } from '../sms/sms-text';
import { checkInText } from './check-in-text';

const URL = 'https://tremplin.example.org/suivi/6f1c2b1e-8a51-4d0e-9d1b-2b7f3c9a1e44.1806000000.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdE';

describe('checkInText: a check-in in two GSM-7 parts at most', () => {
  it.each([
    ['an employee', { party: 'employee' as const, firstName: 'Awa', companyName: 'Boulangerie Martin' }, 'Bonjour Awa, comment se passe votre poste chez Boulangerie Martin ? Répondez en 1 minute : '],
    ['an employer', { party: 'employer' as const, firstName: 'Luc', companyName: 'Garage' }, 'Bonjour Luc, comment se passe le poste de Awa ? Répondez en 1 minute : '],
    ['an employer contact without a first name', { party: 'employer' as const, firstName: null, companyName: 'Garage' }, 'Bonjour, comment se passe le poste de Awa ? '],
    ['a name with œ and ’, kept in GSM-7', { party: 'employee' as const, firstName: 'Zoë', companyName: 'L’Œuf d’Or' }, 'Bonjour Zoe, comment se passe votre poste chez L\'OEuf d\'Or ?'],
  ])('%s', (_case, input, start) => {
    const text = checkInText({ employeeFirstName: 'Awa', structureName: 'ACI du Lien', answerUrl: URL, ...input });
    expect(text.startsWith(start)).toBe(true);
    expect(text).toContain(URL);
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7' });
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('drops the signature, then shortens the company, rather than exceed two parts', () => {
    const long = 'Société Coopérative de Production des Maraîchers et Horticulteurs Réunis du Val de Lys et des Flandres Intérieures'.repeat(2);
    const text = checkInText({ party: 'employee', firstName: 'Awa', employeeFirstName: 'Awa', companyName: long, structureName: 'ACI du Lien', answerUrl: URL });
    expect(text).toContain(URL);
    expect(text).not.toContain('ACI du Lien');
    expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
  });
});
