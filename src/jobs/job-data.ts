import { BulkJobOptions, Job, JobsOptions, Queue } from 'bullmq';
import { JOBS, QUEUES } from './queues';

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** A scheduled job or a reconciler: everything it needs is in PostgreSQL, it carries nothing. */
export type NoData = Record<string, never>;

/**
 * What each job carries, by job name: the one place producers and processors agree on. Job data
 * is JSON in Redis, so only ids travel; the row they name is the truth.
 */
export interface JobData {
  [JOBS.deliverMail]: { outboxId: string };
  [JOBS.reconcileOutbox]: NoData;
  [JOBS.importCompanies]: { importRunId: string };
  [JOBS.reconcileImports]: NoData;
  [JOBS.purgeImportFiles]: NoData;
  [JOBS.sendCheckIn]: { checkInId: string };
  [JOBS.reconcileCheckIns]: NoData;
  [JOBS.scanUnanswered]: NoData;
  [JOBS.sendDigests]: NoData;
  [JOBS.meetingReminders]: NoData;
  [JOBS.encounterReminders]: NoData;
  [JOBS.deliverSms]: { smsId: string };
  [JOBS.reconcileSms]: NoData;
  /** The daily run carries nothing (every structure); a run by hand or a test may name structures. */
  [JOBS.retentionScan]: { structureIds?: string[] } | undefined;
}

/** The queue each job travels on. */
export const JOB_QUEUE = {
  [JOBS.deliverMail]: QUEUES.mail,
  [JOBS.reconcileOutbox]: QUEUES.mail,
  [JOBS.importCompanies]: QUEUES.imports,
  [JOBS.reconcileImports]: QUEUES.imports,
  [JOBS.purgeImportFiles]: QUEUES.imports,
  [JOBS.sendCheckIn]: QUEUES.checkIns,
  [JOBS.reconcileCheckIns]: QUEUES.checkIns,
  [JOBS.scanUnanswered]: QUEUES.alerts,
  [JOBS.sendDigests]: QUEUES.reminders,
  [JOBS.meetingReminders]: QUEUES.reminders,
  [JOBS.encounterReminders]: QUEUES.reminders,
  [JOBS.deliverSms]: QUEUES.sms,
  [JOBS.reconcileSms]: QUEUES.sms,
  [JOBS.retentionScan]: QUEUES.privacy,
} as const satisfies Record<JobName, QueueName>;

/** The names of the jobs that travel on queue Q. */
export type JobOn<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];

/** One job for `addJobs`, its data checked against its name. */
export interface QueuedJob<N extends JobName = JobName> {
  name: N;
  data: JobData[N];
  opts: BulkJobOptions;
}

export function queuedJob<N extends JobName>(name: N, data: JobData[N], opts: BulkJobOptions): QueuedJob<N> {
  return { name, data, opts };
}

/** Adds one job, its data checked against its name. */
export function addJob<N extends JobName>(queue: Queue, name: N, data: JobData[N], opts?: JobsOptions): Promise<Job> {
  return queue.add(name, data, opts);
}

/** Adds several jobs in one round trip (`queuedJob` builds each). */
export function addJobs(queue: Queue, jobs: QueuedJob[]): Promise<Job[]> {
  return queue.addBulk(jobs);
}

/**
 * A job's data, typed by the name the processor matched. Redis hands back untyped JSON: this is the
 * one place it meets the map above, and a job of another name is refused rather than misread.
 */
export function dataOf<N extends JobName>(job: Job, name: N): JobData[N] {
  if (job.name !== name) throw new Error(`Job ${job.id} is ${job.name}, not ${name}`);
  return job.data;
}

/** What a processor throws for a job name its queue does not carry. */
export function unknownJob(queue: QueueName, job: Job): Error {
  return new Error(`Unknown job ${job.name} on queue ${queue}`);
}
