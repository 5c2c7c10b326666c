import { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

/** The outbox's SQL. Messages are sent by the workers for every structure: they are found by id. */

/** An outbox message by id, locked for update until the transaction ends (none when it is gone). */
export async function lockedOutboxMessage(manager: EntityManager, outboxId: string): Promise<OutboxMessage | null> {
  return manager.getRepository(OutboxMessage).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id: outboxId }).getOne();
}
