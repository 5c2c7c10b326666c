import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { asSystem } from '../tenancy/tenant-scope';
import { SmsDeliveryStatus, SmsWebhookEvent } from './brevo-sms-webhook';
import { addSmsOptOut, reportDelivery, structuresThatTexted } from './sms-outbox.queries';

/** Replies that mean « no more texts », as French operators and providers read them. */
const STOP_WORDS = new Set(['stop', 'stop sms', 'arret', 'arreter', 'desabonner', 'desinscrire', 'unsubscribe']);

/** Whether a reply asks for no more texts: « STOP », « Stop. », « ARRÊT »… */
export function isStopReply(text: string): boolean {
  const word = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return STOP_WORDS.has(word);
}

/** What a provider status becomes on our side; null: nothing to record (accepted, still on its way). */
export function deliveryOf(status: SmsDeliveryStatus): 'delivered' | 'undelivered' | null {
  if (status === 'delivered') return 'delivered';
  if (status === 'sent' || status === 'accepted') return null;
  return 'undelivered';
}

/**
 * What the provider tells us: a delivery report (found by its message id, across structures, as
 * the call names no structure) and replies; a « STOP » stops every text of every structure that
 * texted that number, checked again at each sending.
 */
@Injectable()
export class SmsWebhooksService {
  private readonly logger = new Logger(SmsWebhooksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async handle(event: SmsWebhookEvent): Promise<void> {
    if (event.kind === 'status') {
      const delivery = deliveryOf(event.status);
      if (!delivery) return;
      const found = await asSystem('identify', () => reportDelivery(this.dataSource.manager, event.providerId, delivery, this.clock.now()));
      if (!found) this.logger.warn(`delivery report for an unknown text (provider id ${event.providerId})`);
      return;
    }
    if (!isStopReply(event.text)) return;
    await asSystem('identify', () =>
      this.dataSource.transaction(async (manager) => {
        for (const structureId of await structuresThatTexted(manager, event.from)) {
          await addSmsOptOut(manager, { structureId, phone: event.from, source: 'stop', createdBy: null, at: this.clock.now() });
        }
      }),
    );
  }
}
