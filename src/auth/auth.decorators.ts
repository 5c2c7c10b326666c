import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Actor, Role } from '../tenancy/actor';
import { Session } from './session.entity';

export const IS_PUBLIC = 'tremplin:public';
export const REQUIRED_ROLES = 'tremplin:roles';

/** The route needs no login. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles (admins pass every role check). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
  session?: Session;
}

/** The logged-in user as an Actor, to hand to scoped repositories. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

export const CurrentSession = createParamDecorator(
  (_: unknown, context: ExecutionContext): Session | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().session,
);
