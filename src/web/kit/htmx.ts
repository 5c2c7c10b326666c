import type { Request, Response } from 'express';
import { COMMON } from '../../refusals/index';
import { frenchOf } from '../../refusals/french';
import { IN_PAGE_FAILURES_FR } from '../../refusals/fr/contexts/in-page';
import { embeddedJson } from './embedded-json';

/*
 * htmx (served from its npm package) lets a form or a row update in place: the page asks for a
 * fragment with the `HX-Request` header and swaps it in. Without JavaScript the same form posts and
 * the page redirects (post/redirect/get), so every page still works.
 *
 * The layout configures htmx once (`htmxConfig`):
 * - refused forms (400, 409, 422) are swapped like successes, so their errors show next to their
 *   fields; other errors are not swapped and `public/htmx-errors.js` says them in French;
 * - no history cache: pages hold personal data, which must not be copied into localStorage;
 * - no indicator styles injected (the CSP forbids inline styles; `app.css` has them).
 */

/** True when htmx asked for a fragment (not a history restore, which wants the whole page). */
export function isHtmx(request: Request): boolean {
  return request.get('HX-Request') === 'true' && request.get('HX-History-Restore-Request') !== 'true';
}

/** A response that differs by `HX-Request` says so, so that no cache serves a fragment as a page. */
export function variesOnHtmx(response: Response): void {
  response.vary('HX-Request');
}

/** The `<meta name="htmx-config">` content of the layout. */
export const HTMX_CONFIG = JSON.stringify({
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  includeIndicatorStyles: false,
  allowEval: false,
  selfRequestsOnly: true,
  defaultFocusScroll: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '(400|409|422)', swap: true, error: false },
    { code: '[45]..', swap: false, error: true },
  ],
});

let failureSentences: string | undefined;

/**
 * What an htmx request that failed says, by status, for `public/htmx-errors.js` (a JSON island of
 * the layout). The same on every page: formatted once.
 */
export function htmxFailureSentences(): string {
  failureSentences ??= embeddedJson({
    401: frenchOf({ code: COMMON.loginRequired.code, params: {} }),
    403: frenchOf({ code: COMMON.forbidden.code, params: {} }),
    404: frenchOf({ code: COMMON.notFound.code, params: {} }),
    413: frenchOf({ code: COMMON.tooLarge.code, params: {} }),
    429: frenchOf({ code: COMMON.tooManyRequests.code, params: {} }),
    503: frenchOf({ code: COMMON.busy.code, params: {} }),
    other: frenchOf({ code: COMMON.unexpected.code, params: {} }),
    offline: IN_PAGE_FAILURES_FR.offline,
  });
  return failureSentences;
}
