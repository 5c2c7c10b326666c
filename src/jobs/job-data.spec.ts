import { Job } from 'bullmq';
import { dataOf, JOB_QUEUE, queuedJob } from './job-data';
import { JOBS, QUEUES } from './queues';
import { reconciler } from './schedule.module';

const jobNamed = (name: string, data: unknown) => ({ id: '1', name, data }) as unknown as Job;

describe('job data', () => {
  it('reads the data of the job the processor matched', () => {
    expect(dataOf(jobNamed(JOBS.sendCheckIn, { checkInId: 'c1' }), JOBS.sendCheckIn)).toEqual({ checkInId: 'c1' });
    expect(dataOf(jobNamed(JOBS.retentionScan, undefined), JOBS.retentionScan)).toBeUndefined();
  });

  it('refuses to read a job of another name as this one', () => {
    expect(() => dataOf(jobNamed(JOBS.deliverMail, { outboxId: 'm1' }), JOBS.sendCheckIn)).toThrow('Job 1 is deliver-mail, not send-check-in');
  });

  it('builds a bulk job as BullMQ takes it', () => {
    expect(queuedJob(JOBS.deliverMail, { outboxId: 'm1' }, { jobId: 'mail-m1' })).toEqual({
      name: 'deliver-mail',
      data: { outboxId: 'm1' },
      opts: { jobId: 'mail-m1' },
    });
  });

  it('puts every queue to use, and every job on one of them', () => {
    expect(new Set(Object.values(JOB_QUEUE))).toEqual(new Set(Object.values(QUEUES)));
    expect(Object.keys(JOB_QUEUE).sort()).toEqual(Object.values(JOBS).sort());
  });

  it('runs reconcilers every minute, once per tick, and at once when declared', () => {
    expect(reconciler(JOBS.reconcileOutbox)).toEqual({ name: 'reconcile-outbox', repeat: { every: 60_000 }, opts: { attempts: 1 }, catchUp: true });
  });
});
