import { createHash, createHmac } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { anySuppressed, listedKeys, suppressedEntries } from './email-suppression.queries';

/**
 * The structure's suppression list (`email_suppression`) holds each address it must not e-mail:
 * - as typed (lower-cased), for a contact who opted out: staff may see it and opt them back in;
 * - as `hmac:<hex>` once its contact was erased: HMAC-SHA256 of the trimmed, lower-cased address
 *   under SUPPRESSION_HASH_SECRET, so that only this server can tell whether an address is the
 *   erased one (a plain hash of an address is recomputed by anyone who guesses it);
 * - as `sha256:<hex>` for contacts erased before the keyed hash: the address is unknown, so these
 *   rows cannot be converted; they are still matched, never written anew.
 * Every look-up computes the keys in Node (PostgreSQL never sees the secret) and matches all three.
 */

/** How an address is compared: surrounding spaces and case do not make another address. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** What the list keeps of an erased contact's address. */
export function erasedAddressKey(secret: string, address: string): string {
  return `hmac:${createHmac('sha256', secret).update(normaliseAddress(address), 'utf8').digest('hex')}`;
}

/** The key rows written before the keyed hash hold. */
export function legacyErasedAddressKey(address: string): string {
  return `sha256:${createHash('sha256').update(normaliseAddress(address), 'utf8').digest('hex')}`;
}

/** Whether a row of the list is an erased address (kept only as a hash). */
export function isErasedAddressKey(value: string): boolean {
  return value.startsWith('hmac:') || value.startsWith('sha256:');
}

function erasedKeys(secret: string, address: string): string[] {
  return [erasedAddressKey(secret, address), legacyErasedAddressKey(address)];
}

/**
 * Whether the structure must not e-mail this address: it is suppressed (as typed, or as a hash
 * once its contact was erased), or a contact of the structure who opted out has it. The outbox
 * and the check-in sender both ask, at sending time.
 */
export async function emailSuppressed(manager: EntityManager, secret: string, structureId: string, recipient: string): Promise<boolean> {
  const keys = [normaliseAddress(recipient), ...erasedKeys(secret, recipient)];
  return anySuppressed(manager, structureId, keys, normaliseAddress(recipient));
}

/**
 * Which of these addresses (normalised) the structure must not e-mail, by the same rule as
 * `emailSuppressed`: so that a contact typed in again with an address that opted out, or whose
 * contact was erased, shows as opted out from the start.
 */
export async function suppressedEmails(manager: EntityManager, secret: string, structureId: string, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.map(normaliseAddress))];
  if (!wanted.length) return new Set();
  const byKey = keysOf(secret, wanted, true);
  const found = await suppressedEntries(manager, structureId, [...byKey.keys()], wanted);
  return new Set(found.map((email) => byKey.get(email) ?? email));
}

/**
 * Which of these addresses (normalised) belong to an erased contact of the structure. Whoever
 * writes a contact's address checks it, and opts such a contact out for good: the person asked to
 * be forgotten, and typing their address again must not make them reachable.
 */
export async function erasedEmails(manager: EntityManager, secret: string, structureId: string, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.map(normaliseAddress))];
  if (!wanted.length) return new Set();
  const byKey = keysOf(secret, wanted, false);
  const keys = await listedKeys(manager, structureId, [...byKey.keys()]);
  return new Set(keys.map((key) => byKey.get(key)!));
}

/** Each key of the list that may stand for one of these addresses, with the address. */
function keysOf(secret: string, addresses: string[], typed: boolean): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const address of addresses) {
    if (typed) byKey.set(address, address);
    for (const key of erasedKeys(secret, address)) byKey.set(key, address);
  }
  return byKey;
}
