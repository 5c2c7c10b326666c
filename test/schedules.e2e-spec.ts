import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CheckIn } from '../src/checkins/check-in.entity';
import { JOBS, QUEUES, checkInJobId } from '../src/jobs/queues';
import { ScheduleRegistry } from '../src/jobs/schedule-registry';
import { RETENTION_SCAN_PATTERN } from '../src/privacy/privacy-worker.module';
import { addCalendarDays, calendarDayIn } from '../src/common/calendar/working-days';
import { api } from './helpers/api';
import { createTestApp, createTestWorker, TestApp } from './helpers/app';
import { createStructure, createUser, login } from './helpers/fixtures';
import { inboxOf, waitForMail } from './helpers/mail';

const RESTORE_WITHIN_MS = 120_000;

/** Every scheduler a worker declares, by queue. */
const SCHEDULERS: Array<[queue: string, id: string]> = [
  [QUEUES.mail, 'reconcile-outbox'],
  [QUEUES.imports, 'reconcile-imports'],
  [QUEUES.checkIns, 'reconcile-check-ins'],
  [QUEUES.reminders, JOBS.sendDigests],
  [QUEUES.reminders, JOBS.meetingReminders],
  [QUEUES.reminders, JOBS.encounterReminders],
  [QUEUES.sms, 'reconcile-sms'],
  [QUEUES.alerts, JOBS.scanUnanswered],
  [QUEUES.privacy, JOBS.retentionScan],
  [QUEUES.imports, JOBS.purgeImportFiles],
];

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('repeatable jobs restore themselves after Redis lost them (e2e)', () => {
  // A prefix of its own: deleting every key of it is this app's FLUSHALL, and touches no other spec.
  const prefix = `${process.env.REDIS_PREFIX ?? 'tremplin-test'}-flush-${randomUUID().slice(0, 8)}`;
  let t: TestApp;
  let worker: INestApplicationContext;
  let redis: Redis;

  const queue = (name: string) => worker.get<Queue>(getQueueToken(name));

  /** Deletes every key of the prefix; returns the keys deleted. */
  async function flush(): Promise<string[]> {
    let cursor = '0';
    const deleted: string[] = [];
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      deleted.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  }

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL!);
    t = await createTestApp({ REDIS_PREFIX: prefix });
    // Never ahead of the real time, as BullMQ's delays are real time.
    t.clock.set(new Date(Date.now() - 60_000));
    // The specs that ran before in this schema left due steps, texts and e-mails nobody sent (they
    // had no worker): this worker's reconcilers would send them all first, hundreds of them on a
    // long run, before the one this spec waits for.
    await t.dataSource.query(`UPDATE check_in SET status = 'cancelled' WHERE status = 'planned'`);
    await t.dataSource.query(`UPDATE mail_outbox SET status = 'suppressed' WHERE status = 'pending'`);
    await t.dataSource.query(`UPDATE sms_message SET status = 'suppressed' WHERE status = 'pending'`);
    worker = await createTestWorker(t.clock, { REDIS_PREFIX: prefix, SCHEDULE_WATCHDOG_SECONDS: '1' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    if (redis) {
      await flush();
      await redis.quit();
    }
  });

  it('declares every repeatable job at boot', async () => {
    for (const [name, id] of SCHEDULERS) expect(await queue(name).getJobScheduler(id)).toBeDefined();
    expect(await queue(QUEUES.privacy).getJobScheduler(JOBS.retentionScan)).toMatchObject({ pattern: RETENTION_SCAN_PATTERN, tz: 'Europe/Paris' });
  });

  it('leaves existing schedulers alone: their next run does not move', async () => {
    const before = await queue(QUEUES.checkIns).getJobScheduler('reconcile-check-ins');
    expect(await worker.get(ScheduleRegistry).check()).toEqual([]);
    expect((await queue(QUEUES.checkIns).getJobScheduler('reconcile-check-ins'))?.next).toBe(before?.next);
  });

  it(
    'sends a check-in that came due after a flush, exactly once, without restarting the worker',
    async () => {
      const structure = await createStructure(t.dataSource, 'ACI Sans Redis');
      const owner = await createUser(t.dataSource, structure, 'staff', 'Karim');
      const a = api(await login(t.app.getHttpServer(), owner.email));
      const companyId = (await a.post('/api/companies', { name: `Entrepôt ${randomUUID().slice(0, 4)}` }).expect(201)).body.id;
      const employee = `flush-${randomUUID()}@exemple.fr`;
      const candidateId = (await a.post('/api/candidates', { firstName: 'Inès', lastName: 'Relance', email: employee }).expect(201)).body.id;
      const today = calendarDayIn('Europe/Paris', t.clock.now());
      const created = await a
        .post('/api/placements', { candidateId, companyId, contractType: 'cdi', jobTitle: 'Cariste', ownerId: owner.id, startDate: addCalendarDays(today, 5) })
        .expect(201);
      await a.post(`/api/placements/${created.body.id}/start`, { version: created.body.version }).expect(200);
      const row = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ placementId: created.body.id, party: 'employee', step: '3 days' });
      expect(await queue(QUEUES.checkIns).getJob(checkInJobId(row.id))).toBeDefined();

      // The watchdog runs every second, so what was deleted is read from the flush itself, not
      // from Redis afterwards (it may already be back).
      const deleted = await flush();
      expect(deleted).toEqual(
        expect.arrayContaining([`${prefix}:${QUEUES.checkIns}:${checkInJobId(row.id)}`, `${prefix}:${QUEUES.checkIns}:repeat:reconcile-check-ins`]),
      );
      // Meanwhile its time comes: only PostgreSQL knows it is due.
      await t.dataSource.getRepository(CheckIn).update(row.id, { dueAt: new Date(t.clock.now().getTime() - 60_000) });

      expect(await waitForMail(employee, 1, RESTORE_WITHIN_MS)).toHaveLength(1);
      const sent = await waitFor(
        () => t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: row.id }),
        (found) => found.status === 'sent',
        10_000,
      );
      expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
      for (const [name, id] of SCHEDULERS) {
        expect(await waitFor(() => queue(name).getJobScheduler(id), Boolean, 10_000)).toBeDefined();
      }
      // A further reconciliation finds the row sent: still one e-mail.
      const again = await queue(QUEUES.checkIns).add(JOBS.reconcileCheckIns, {}, { attempts: 1 });
      await waitFor(() => Job.fromId(queue(QUEUES.checkIns), again.id!), (job) => Boolean(job?.finishedOn), 10_000);
      expect(await inboxOf(employee)).toHaveLength(1);
    },
    RESTORE_WITHIN_MS + 30_000,
  );
});
