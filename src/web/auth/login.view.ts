import { ValidationFailedException } from '../../common/validation';
import { french, frenchOf } from '../../refusals/french';
import { isCodedRefusal } from '../../refusals/refused';
import { Flash } from '../kit/flash';

export const LOGIN_NOTICES = new Flash({ motdepasse: 'Mot de passe changé : connectez-vous avec le nouveau.' });

/** A local path to go back to after login; anything else (other hosts, //evil) goes home. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-/?=&%.]*$/.test(next) ? next : '/';
}

/** What the login page says: the refusal's own sentence (locked, missing fields), else the one that names no cause. */
export function loginError(error: unknown): string {
  if (isCodedRefusal(error)) return frenchOf(error.refusal);
  if (error instanceof ValidationFailedException) return french('auth.credentials_missing', {});
  return french('auth.invalid_credentials', {});
}
