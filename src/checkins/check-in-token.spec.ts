import { signCheckInToken, verifyCheckInToken } from './check-in-token';

const SECRET = 'a-secret-that-is-long-enough-for-tests-0123';
const ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const NOW = new Date('2026-11-24T09:00:00Z');
const LATER = new Date('2026-12-24T09:00:00Z');

describe('check-in answer links', () => {
  const token = signCheckInToken(SECRET, ID, LATER);

  it('verifies a link it signed until it expires', () => {
    expect(verifyCheckInToken(SECRET, token, NOW)).toEqual({ ok: true, checkInId: ID });
    expect(verifyCheckInToken(SECRET, token, LATER)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each([
    ['another secret', () => verifyCheckInToken('another-secret-that-is-long-enough-0123456', token, NOW), 'forged'],
    ['another id', () => verifyCheckInToken(SECRET, token.replace(ID, ID.replace('6f1c', '7f1c')), NOW), 'forged'],
    ['a later expiry', () => verifyCheckInToken(SECRET, token.replace(/\.(\d+)\./, (_, s) => `.${Number(s) + 1}.`), NOW), 'forged'],
    ['garbage', () => verifyCheckInToken(SECRET, 'nimporte-quoi', NOW), 'malformed'],
    ['a truncated signature', () => verifyCheckInToken(SECRET, token.slice(0, -2), NOW), 'malformed'],
  ])('refuses %s', (_label, check, reason) => {
    expect(check()).toEqual({ ok: false, reason });
  });
});
