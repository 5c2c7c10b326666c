import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { JobName, QueueName } from './job-data';
import { QUEUES } from './queues';

/** What admins read on the board: each queue and each job in French (the names in code stay English). */
const QUEUE_LABELS: Record<QueueName, { displayName: string; description: string }> = {
  mail: { displayName: 'E-mails', description: 'Envoi des e-mails (chacun une fois, depuis la boîte d’envoi en base)' },
  imports: { displayName: 'Imports', description: 'Imports d’entreprises (essai puis import réel) et purge des fichiers' },
  'check-ins': { displayName: 'Points de suivi', description: 'Envoi des points de suivi après l’embauche et relances sans réponse' },
  reminders: { displayName: 'Rappels', description: 'Récapitulatif quotidien, rappels de rendez-vous et de rencontres' },
  alerts: { displayName: 'Alertes', description: 'Alertes de suivi adressées à l’équipe' },
  privacy: { displayName: 'Données personnelles', description: 'Conservation : avertissements et anonymisations' },
  sms: { displayName: 'SMS', description: 'Envoi des SMS (chacun une fois, aux heures d’envoi, depuis la file en base)' },
};

const JOB_LABELS: Record<JobName, string> = {
  'deliver-mail': 'Envoyer un e-mail',
  'reconcile-outbox': 'Rattraper les e-mails en attente',
  'import-companies': 'Importer des entreprises',
  'reconcile-imports': 'Rattraper les imports en attente',
  'purge-import-files': 'Supprimer les fichiers d’import échus',
  'send-check-in': 'Envoyer un point de suivi',
  'reconcile-check-ins': 'Rattraper les points de suivi en attente',
  'scan-unanswered-check-ins': 'Relever les points de suivi sans réponse',
  'send-digests': 'Envoyer les récapitulatifs du jour',
  'meeting-reminders': 'Rappeler les rendez-vous',
  'encounter-reminders': 'Rappeler les rencontres aux invité·es',
  'deliver-sms': 'Envoyer un SMS',
  'reconcile-sms': 'Rattraper les SMS en attente',
  'retention-scan': 'Appliquer la durée de conservation',
};

function frenchAdapter(queue: Queue, name: QueueName): BullMQAdapter {
  const adapter = new BullMQAdapter(queue, { readOnlyMode: true, ...QUEUE_LABELS[name] });
  adapter.setFormatter('name', (job: { name?: string }) => JOB_LABELS[job.name as JobName] ?? job.name ?? '');
  return adapter;
}

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
    queues: Object.values(QUEUES).map((name) => frenchAdapter(app.get<Queue>(getQueueToken(name)), name)),
    serverAdapter,
    // bull-board ships a French translation of its own interface.
    options: { uiConfig: { boardTitle: 'Tremplin · files d’attente', locale: { lng: 'fr-FR' }, hideDocsLink: true } },
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
