import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { Role } from '../tenancy/actor';
import { AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { AuthService } from './auth.service';
import { CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE } from './session-cookie';
import { COMMON } from '../refusals/index';
import { because, ForbiddenRefusal, StatusRefusal } from '../refusals/refused';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Global guard: every route needs a session unless marked @Public. Because the session rides in
 * a cookie, every state-changing request must also carry the session's CSRF token (header for
 * fetch/htmx, hidden field for plain forms). Role checks come last.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const token = request.signedCookies?.[SESSION_COOKIE] as string | false | undefined;
    const found = token ? await this.auth.authenticate(token) : null;
    if (found) {
      request.actor = found.actor;
      request.session = found.session;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (!found) throw new StatusRefusal(401, because(COMMON.loginRequired), 'Please log in');

    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const given = request.get(CSRF_HEADER) ?? body?.[CSRF_FIELD];
      // The form field has done its job; DTOs must not see it as an unknown field.
      if (body && typeof body === 'object') delete body[CSRF_FIELD];
      if (!sameSecret(found.session.csrfToken, given)) {
        throw new ForbiddenRefusal(because(COMMON.csrf), `Missing or invalid CSRF token (send it in the ${CSRF_HEADER} header)`);
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && found.actor.role !== 'admin' && !roles.includes(found.actor.role)) {
      throw new ForbiddenRefusal(because(COMMON.roleRequired, { role: roles[0] }), `This action needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
