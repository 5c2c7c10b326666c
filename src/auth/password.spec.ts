import { isCommonPassword, PASSWORD_MIN_LENGTH } from './password';

describe('isCommonPassword (password policy)', () => {
  it.each(['azertyuiop', 'AZERTY-uiop', 'Mot de passe', 'motdepasse123', '1234567890', 'aaaaaaaaaaaa', 'abcabcabcabc', 'Tremplin2026!'])(
    'refuses %s',
    (password) => expect(isCommonPassword(password)).toBe(true),
  );

  it.each(['correct horse battery', 'les tomates du jardin partagé', 'Velo-Rouge-Lille-59'])('accepts %s', (password) => {
    expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect(isCommonPassword(password)).toBe(false);
  });
});
