import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { requestId } from './request-id';
import { FieldProblem, namedFieldRefusal, ValidationFailedException } from './validation';

/** The one error shape every endpoint answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
  requestId?: string;
}

const HTML_TITLES: Record<number, string> = {
  400: 'Saisie incorrecte',
  403: 'Accès réservé',
  404: 'Page introuvable',
  409: 'Conflit',
  413: 'Envoi trop volumineux',
  429: 'Trop de tentatives, réessayez dans une minute',
  503: 'Service momentanément surchargé, réessayez dans un instant',
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

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof ValidationFailedException) {
    return {
      statusCode: 400,
      error: 'Bad Request',
      message: exception.message,
      details: exception.problems,
    };
  }
  if (namedFieldRefusal(exception)) {
    const status = exception.getStatus();
    return { statusCode: status, error: reasonPhrase(status), message: exception.message, details: exception.problems };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
    return { statusCode: status, error: reasonPhrase(status), message, details: [] };
  }
  const clientError = middlewareClientError(exception);
  if (clientError) {
    return { statusCode: clientError, error: reasonPhrase(clientError), message: (exception as Error).message, details: [] };
  }
  // Overload, not a bug: the pool had no connection free in time, or a statement ran past its timeout.
  if (exception instanceof Error && exception.message === POOL_TIMEOUT) {
    return { statusCode: 503, error: 'Service Unavailable', message: 'The database is busy; try again in a moment', details: [] };
  }
  if (exception instanceof QueryFailedError) {
    const code = (exception.driverError as { code?: string }).code;
    if (code === PG_QUERY_CANCELED) {
      return { statusCode: 503, error: 'Service Unavailable', message: 'The request took too long and was cancelled; try again in a moment', details: [] };
    }
    if (code === PG_UNIQUE_VIOLATION) {
      return { statusCode: 409, error: 'Conflict', message: 'This record already exists', details: [] };
    }
    if (code === PG_INVALID_TEXT) {
      return { statusCode: 400, error: 'Bad Request', message: 'Malformed identifier', details: [] };
    }
  }
  return { statusCode: 500, error: 'Internal Server Error', message: 'Unexpected error', details: [] };
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
        body,
      });
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
