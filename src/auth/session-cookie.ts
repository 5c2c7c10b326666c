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

export function setSessionCookie(response: Response, config: AppConfig, token: string, expires: Date): void {
  response.cookie(SESSION_COOKIE, token, { ...cookieOptions(config), expires });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
