import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { QUEUES } from './queues';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board for admins, read-only: every queue, its waiting, delayed and failed jobs. It is an
 * Express app outside Nest's guards (no CSRF token on its buttons), so it checks the session itself
 * and offers no action: jobs are retried by the workers and re-queued from PostgreSQL by the
 * reconciler, and failed sends are listed on /administration.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Tremplin · files' } },
  });
  const auth = app.get(AuthService);
  const adminsOnly = async (request: Request, response: Response, next: NextFunction) => {
    try {
      const token = request.signedCookies?.[SESSION_COOKIE] as string | false | undefined;
      const found = token ? await auth.authenticate(token) : null;
      if (!found) return response.redirect(303, `/login?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
      if (found.actor.role !== 'admin') return response.status(403).type('text/plain').send('Accès réservé aux administrateurs');
      next();
    } catch (error) {
      next(error);
    }
  };
  app.use(QUEUE_BOARD_PATH, adminsOnly, serverAdapter.getRouter());
}
