import * as argon2 from 'argon2';
import { registerDecorator } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Passwords long enough for the length rule that attackers still try first: keyboard rows, digit
 * runs, « motdepasse », the app's own name... Compared after lower-casing and dropping spaces and
 * punctuation, so « Azerty-Uiop » counts too.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '1234567891', '123456789a', 'a123456789', '0987654321', '1234512345',
  '123123123123', '1122334455', '1q2w3e4r5t', '1qaz2wsx3edc', 'azertyuiop', 'azertyuiop1', 'azerty1234',
  'azerty12345', 'azerty123456', 'qwertyuiop', 'qwertyuiop1', 'qwerty1234', 'qwerty12345', 'qwerty123456',
  'abcdefghij', 'abcd123456', 'abc1234567', 'password12', 'password123', 'password1234', 'passw0rd123',
  'motdepasse', 'motdepasse1', 'motdepasse12', 'motdepasse123', 'monmotdepasse', 'iloveyou12', 'iloveyou123',
  'jetaime1234', 'bonjour123', 'bonjour1234', 'soleil1234', 'doudou1234', 'loulou1234', 'chouchou12',
  'marseille13', 'football123', 'welcome123', 'changeme123', 'administrator', 'administrateur', 'tremplin123',
  'tremplin1234', 'tremplin2024', 'tremplin2025', 'tremplin2026',
]);

export function isCommonPassword(password: string): boolean {
  const folded = password.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  if (COMMON_PASSWORDS.has(folded)) return true;
  // One character repeated (« aaaaaaaaaa »), or fewer than four different ones (« abababab12 »).
  return new Set(password.toLowerCase()).size < 4;
}

/** class-validator rule: the password is not one of the first ones attackers try. */
export function IsNotCommonPassword(field: string): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isNotCommonPassword',
      target: target.constructor,
      propertyName: String(property),
      options: { message: `${field} is too common or too easy to guess; choose a longer phrase of your own` },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value) },
    });
}
