import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The link in a check-in e-mail: `<check-in id>.<expiry, epoch seconds>.<HMAC>`, signed with a key
 * derived from SESSION_SECRET. Unguessable and tamper-evident without storing anything; single use
 * is enforced by the check-in row (answered once).
 */
export type TokenCheck = { ok: true; checkInId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

function signature(secret: string, payload: string): string {
  const key = createHmac('sha256', secret).update('tremplin:check-in-link').digest();
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function signCheckInToken(secret: string, checkInId: string, expiresAt: Date): string {
  const payload = `${checkInId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

export function verifyCheckInToken(secret: string, token: string, now: Date): TokenCheck {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, checkInId, expiry, given] = match;
  const expected = Buffer.from(signature(secret, `${checkInId}.${expiry}`));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'forged' };
  if (Number(expiry) * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, checkInId };
}
