import type { CookieOptions, Response } from 'express';
import { AppConfig } from '../config/env';

export const SESSION_COOKIE = 'tremplin_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

function cookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_BASE_URL.startsWith('https://'),
    signed: true,
    path: '/',
  };
}

/**
 * The cookie lives as long as the session, counted from when the browser receives it (Max-Age), so
 * a client clock out of step with the server's neither drops a fresh session nor keeps a dead one:
 * the server checks the session's own expiry on every request anyway.
 */
export function setSessionCookie(response: Response, config: AppConfig, token: string): void {
  response.cookie(SESSION_COOKIE, token, { ...cookieOptions(config), maxAge: config.SESSION_TTL_HOURS * 3_600_000 });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
