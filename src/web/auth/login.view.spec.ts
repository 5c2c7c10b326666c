import { UnauthorizedException } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { AUTH } from '../../refusals/index';
import { because, StatusRefusal } from '../../refusals/refused';
import { loginError, safeNext } from './login.view';

describe('safeNext (where to go after login)', () => {
  it.each([
    ['/administration', '/administration'],
    ['/pistes?statut=ouvert&page=2', '/pistes?statut=ouvert&page=2'],
    ['/%2Fadministration', '/%2Fadministration'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [undefined, '/'],
    [['/a', '/b'], '/'],
  ])('%p → %p', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('loginError (what the login page says)', () => {
  it.each([
    ['a locked account: its own sentence', new StatusRefusal(423, because(AUTH.locked, { minutes: 5 }), 'English'), 'Trop de tentatives échouées : ce compte est bloqué pour quelques minutes.'],
    ['a missing e-mail or password', new ValidationFailedException([]), 'Saisissez une adresse e-mail et un mot de passe.'],
    ['wrong credentials, named by no cause', new UnauthorizedException('Invalid credentials'), 'E-mail ou mot de passe incorrect.'],
    ['anything else: the same sentence', new Error('boom'), 'E-mail ou mot de passe incorrect.'],
  ])('%s', (_case, error, expected) => {
    expect(loginError(error)).toBe(expected);
  });
});
