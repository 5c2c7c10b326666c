import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JOBS, QUEUES, mailJobId } from '../src/jobs/queues';
import { OutboxMessage } from '../src/mail/outbox-message.entity';
import { OutboxService } from '../src/mail/outbox.service';
import { createTestWorker, systemDataSource } from './helpers/app';
import { loadConfig } from '../src/config/env';
import { inStructureOf } from '../src/tenancy/structure-of';
import { asSystem } from '../src/tenancy/tenant-scope';
import { createStructure } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';

describe('e-mail outbox delivered by the worker (e2e)', () => {
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let dataSource: DataSource;
  let queue: Queue;

  beforeAll(async () => {
    worker = await createTestWorker();
    outbox = worker.get(OutboxService);
    dataSource = await systemDataSource(loadConfig(process.env));
    queue = worker.get<Queue>(getQueueToken(QUEUES.mail));
  });
  /** As the mail worker runs a delivery: in the structure of the message. */
  const deliver = (id: string) => inStructureOf(dataSource, 'mail_outbox', id, () => outbox.deliver(id));
  afterAll(async () => {
    await worker.close();
    await dataSource.destroy();
  });

  /** Waits until the job has run, however slow the machine (polling its state, no fixed sleep). */
  async function waitForJob(on: Queue, id: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await on.getJobState(id);
      if (state === 'completed') return;
      if (state === 'failed') throw new Error(`job ${id} failed`);
      if (Date.now() > deadline) throw new Error(`job ${id} still ${state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function pendingWelcome(recipient: string, createdAt?: Date, structureId?: string): Promise<OutboxMessage> {
    const structure = structureId ? { id: structureId, name: 'ACI' } : await createStructure(dataSource);
    const message = await outbox.record(dataSource.manager, {
      structureId: structure.id,
      template: 'welcome',
      recipient,
      context: {
        firstName: 'Sami',
        email: recipient,
        structureName: structure.name,
        invitedBy: 'Nadia Benali',
        loginUrl: 'http://localhost/login',
      },
    });
    if (createdAt) await dataSource.getRepository(OutboxMessage).update(message.id, { createdAt });
    return message;
  }

  it('sends a message once even when its job runs twice or is queued again after completion', async () => {
    const recipient = `once-${randomUUID()}@exemple.fr`;
    const message = await pendingWelcome(recipient);
    await outbox.dispatch([message]);
    await waitForMail(recipient);
    expect(await deliver(message.id)).toBe('skipped');
    const again = await queue.add(JOBS.deliverMail, { outboxId: message.id }, { jobId: `${mailJobId(message.id)}-again` });
    // Once the job has run, anything it sent is in the catcher (it awaits the SMTP answer).
    await waitForJob(queue, again.id!);

    expect(await inboxOf(recipient)).toHaveLength(1);
    const row = await dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: message.id });
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(row.smtpMessageId).toMatch(/@/);
  });

  it('sends once when two deliveries race for the same row', async () => {
    const recipient = `race-${randomUUID()}@exemple.fr`;
    const message = await pendingWelcome(recipient);
    const results = await Promise.all([deliver(message.id), deliver(message.id)]);
    expect(results.sort()).toEqual(['sent', 'skipped']);
    expect(await inboxOf(recipient)).toHaveLength(1);
  });

  it('never sends to a company contact of the structure who opted out of e-mails, even if queued before', async () => {
    const structure = await createStructure(dataSource);
    const recipient = `opted-out-${randomUUID()}@exemple.fr`;
    const [stage] = await dataSource.query(
      `INSERT INTO pipeline_stage (structure_id, name, position, kind) VALUES ($1, 'À prospecter', 0, 'open') RETURNING id`,
      [structure.id],
    );
    const [company] = await dataSource.query(
      `INSERT INTO company (structure_id, name, search_name, dedup_name, stage_id)
       VALUES ($1, 'Garage', 'garage', 'garage', $2) RETURNING id`,
      [structure.id, stage.id],
    );
    await dataSource.query(
      `INSERT INTO contact (structure_id, company_id, last_name, email) VALUES ($1, $2, 'Durand', $3)`,
      [structure.id, company.id, recipient.toUpperCase()],
    );
    const message = await pendingWelcome(recipient, undefined, structure.id);
    await dataSource.query(`UPDATE contact SET email_opt_out = true WHERE company_id = $1`, [company.id]);
    expect(await deliver(message.id)).toBe('skipped');
    const row = await dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: message.id });
    expect(row.status).toBe('suppressed');
    expect(await inboxOf(recipient)).toHaveLength(0);
    // The same address is still reachable for another structure, where nobody opted out.
    const elsewhere = await pendingWelcome(recipient);
    expect(await deliver(elsewhere.id)).toBe('sent');
  });

  it('never sends to an address kept only as a hash after its contact was erased', async () => {
    const structure = await createStructure(dataSource);
    const recipient = `efface-${randomUUID()}@exemple.fr`;
    await dataSource.query(
      `INSERT INTO email_suppression (structure_id, email) VALUES ($1, 'sha256:' || encode(sha256(convert_to($2::text, 'UTF8')), 'hex'))`,
      [structure.id, recipient],
    );
    // Typed again, in capitals and with spaces: still the same person.
    const message = await pendingWelcome(` ${recipient.toUpperCase()} `, undefined, structure.id);
    expect(await deliver(message.id)).toBe('skipped');
    expect((await dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: message.id })).status).toBe('suppressed');
    expect(await inboxOf(recipient)).toHaveLength(0);
  });

  it('re-queues from PostgreSQL what never reached Redis', async () => {
    const recipient = `lost-${randomUUID()}@exemple.fr`;
    await pendingWelcome(recipient, new Date(Date.now() - 5 * 60_000));
    expect(await asSystem('scan', () => outbox.reconcile())).toBeGreaterThanOrEqual(1);
    const mails = await waitForMail(recipient);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Votre compte Tremplin');
  });

  it('refuses to record a message whose template variables are missing', async () => {
    await expect(
      outbox.record(dataSource.manager, {
        structureId: null,
        template: 'welcome',
        recipient: 'x@exemple.fr',
        context: { firstName: 'Sami' },
      }),
    ).rejects.toThrow(/not defined/);
  });
});
