import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { Actor } from './actor';
import { withoutScope, withStructure } from './tenant-scope';

/**
 * Runs each request's handler (pipes, interceptors inside, the handler and what it awaits) in the
 * scope of its actor's structure, which every statement it sends to PostgreSQL then carries. A
 * request without a session runs with no structure: its handler opens a narrow system path where
 * it must (an answer link finds its check-in by token), and nothing else.
 */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
    return new Observable((subscriber) => {
      const run = () => next.handle().subscribe(subscriber);
      return actor ? withStructure(actor.structureId, run) : withoutScope(run);
    });
  }
}
