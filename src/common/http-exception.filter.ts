import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { requestId } from './request-id';
import { COMMON, Refusal, RefusalCode } from '../refusals/index';
import { frenchOf } from '../refusals/french';
import { isCodedRefusal } from '../refusals/refused';
import { codedProblem, FieldProblem, namedFieldRefusal, ValidationFailedException } from './validation';

/** A field at fault, as the error shape carries it. */
export interface ErrorDetail {
  field: string;
  message: string;
  code: RefusalCode;
  params: Record<string, unknown>;
}

/** The one error shape every endpoint answers with: the English message for API clients, the code of its French sentence. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: RefusalCode;
  params: Record<string, unknown>;
  details: ErrorDetail[];
  requestId?: string;
}

const HTML_TITLES: Record<number, string> = {
  400: 'Saisie incorrecte',
  401: 'Connexion nécessaire',
  403: 'Accès réservé',
  404: 'Page introuvable',
  409: 'Conflit',
  410: 'Lien expiré',
  413: 'Envoi trop volumineux',
  415: 'Format non pris en charge',
  422: 'Opération impossible',
  423: 'Fiche verrouillée',
  429: 'Trop de tentatives, réessayez dans une minute',
  503: 'Service momentanément surchargé, réessayez dans un instant',
};

/** The generic code of a status, for refusals that carry none of their own (the router's 404, a guard's 403...). */
const STATUS_CODES: Record<number, RefusalCode> = {
  400: COMMON.badRequest.code,
  401: COMMON.loginRequired.code,
  403: COMMON.forbidden.code,
  // Every record a domain cannot find says so with its own code: a 404 without one is the router's.
  404: COMMON.pageNotFound.code,
  409: COMMON.conflict.code,
  410: COMMON.gone.code,
  413: COMMON.tooLarge.code,
  415: COMMON.unsupportedMedia.code,
  422: COMMON.unprocessable.code,
  423: COMMON.locked.code,
  429: COMMON.tooManyRequests.code,
  503: COMMON.busy.code,
};

const PG_UNIQUE_VIOLATION = '23505';
const PG_INVALID_TEXT = '22P02';
const PG_QUERY_CANCELED = '57014';
/** pg-pool's words when no connection freed up within `connectionTimeoutMillis`. */
const POOL_TIMEOUT = 'timeout exceeded when trying to connect';
/** Seconds a client is asked to wait before trying again after a 503. */
export const RETRY_AFTER_SECONDS = 2;

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((word) => word[0].toUpperCase() + word.slice(1))
        .join(' ')
    : 'Error';
}

/**
 * The status of a client error raised by Express middleware before Nest sees the request, as an
 * `http-errors` object: body-parser's 413 (body too large), 415 (unknown charset), 400 (bad body).
 */
function middlewareClientError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose, message } = exception as { status?: unknown; expose?: unknown; message?: unknown };
  const client = typeof status === 'number' && status >= 400 && status < 500 && expose === true && typeof message === 'string';
  return client ? status : undefined;
}

function body(statusCode: number, message: string, refusal: Refusal, details: FieldProblem[] = []): ErrorBody {
  return {
    statusCode,
    error: reasonPhrase(statusCode),
    message,
    code: refusal.code,
    params: refusal.params as Record<string, unknown>,
    details: details.map(codedProblem),
  };
}

const generic = (status: number): Refusal => ({ code: STATUS_CODES[status] ?? COMMON.unexpected.code, params: {} } as Refusal);

/** The English message of a Nest exception (its response's `message`, joined when a list). */
function nestMessage(exception: HttpException): string {
  const response = exception.getResponse();
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof ValidationFailedException) {
    const [first] = exception.problems.map(codedProblem);
    const refusal = first ? ({ code: first.code, params: first.params } as Refusal) : generic(400);
    return body(400, exception.message, refusal, exception.problems);
  }
  if (namedFieldRefusal(exception)) {
    const status = exception.getStatus();
    const [first] = exception.problems.map(codedProblem);
    return body(status, exception.message, first ? ({ code: first.code, params: first.params } as Refusal) : generic(status), exception.problems);
  }
  if (isCodedRefusal(exception)) {
    const status = exception.getStatus();
    const message = nestMessage(exception);
    const { refusal, field } = exception;
    const details = field ? [{ field, message, code: refusal.code, params: refusal.params as Record<string, unknown> }] : [];
    return body(status, message, refusal, details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = nestMessage(exception);
    // Nest's ParseIdPipe and the router answer in English of their own; they get a code here.
    if (status === 400 && /^Validation failed \(uuid/.test(message)) return body(400, message, { code: COMMON.invalidId.code, params: { field: 'id' } });
    if (status === 404 && /^Cannot [A-Z]+ /.test(message)) return body(404, message, { code: COMMON.pageNotFound.code, params: {} } as Refusal);
    return body(status, message, generic(status));
  }
  const clientError = middlewareClientError(exception);
  if (clientError) return body(clientError, (exception as Error).message, generic(clientError));
  // Overload, not a bug: the pool had no connection free in time, or a statement ran past its timeout.
  if (exception instanceof Error && exception.message === POOL_TIMEOUT) {
    return body(503, 'The database is busy; try again in a moment', { code: COMMON.busy.code, params: {} } as Refusal);
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string }).code;
    if (code === PG_QUERY_CANCELED) {
      return body(503, 'The request took too long and was cancelled; try again in a moment', { code: COMMON.tooSlow.code, params: {} } as Refusal);
    }
    if (code === PG_UNIQUE_VIOLATION) return body(409, 'This record already exists', { code: COMMON.alreadyExists.code, params: {} } as Refusal);
    if (code === PG_INVALID_TEXT) return body(400, 'Malformed identifier', { code: COMMON.invalidId.code, params: { field: 'id' } });
  }
  return body(500, 'Unexpected error', { code: COMMON.unexpected.code, params: {} } as Refusal);
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const body = toErrorBody(exception);
    // Errors of the body parsers come before the request logger has given the request its id.
    if (request.id === undefined && !response.headersSent) request.id = requestId(request, response);
    body.requestId = request.id === undefined ? undefined : String(request.id);
    // Under `err`, pino serialises message and stack even for errors of another realm (Node's own, under jest).
    // An overload (503) is expected under pressure and says so; anything else at 500 is a bug to look at.
    if (body.statusCode === 503) this.logger.warn(`${body.message} (${(exception as Error).message})`);
    else if (body.statusCode >= 500) this.logger.error({ err: exception }, 'Unexpected error');
    if (response.headersSent) return;
    if (body.statusCode === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const wantsHtml = !request.path.startsWith('/api') && request.accepts(['json', 'html']) === 'html';
    if (wantsHtml && body.statusCode === 401) {
      response.redirect(303, `/login?next=${encodeURIComponent(request.originalUrl)}`);
      return;
    }
    if (wantsHtml) {
      response.status(body.statusCode).render('error', {
        layout: 'layouts/bare',
        title: HTML_TITLES[body.statusCode] ?? 'Une erreur est survenue',
        sentence: frenchOf(body),
        details: body.details.map((detail) => ({ field: detail.field, sentence: frenchOf(detail) })),
        requestId: body.statusCode >= 500 ? body.requestId : undefined,
      });
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
