import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { CheckInPlannerService } from '../checkins/check-in-planner.service';
import { addJobs, queuedJob } from '../jobs/job-data';
import { checkInJobId, JOBS, QUEUES } from '../jobs/queues';
import { smtpTransportOptions } from '../mail/mailer.service';
import { Placement } from '../placements/placement.entity';

export interface PlanResult {
  placements: number;
  checkIns: number;
  seconds: number;
  perSecond: number;
}

/**
 * Plans the check-ins of every placement of the structure, as starting them would, 8 at a time,
 * and queues the jobs of the steps still to come. Steps already past (the seeded placements started
 * months ago) are history: they are marked skipped instead of being sent all at once.
 */
export async function planAll(app: INestApplicationContext, structureId: string, progress: (done: number, total: number) => void): Promise<PlanResult> {
  const dataSource = app.get(DataSource);
  const planner = app.get(CheckInPlannerService);
  const placements = await dataSource.getRepository(Placement).find({ where: { structureId }, order: { id: 'ASC' } });
  const started = performance.now();
  let next = 0;
  let rows = 0;
  const worker = async () => {
    while (next < placements.length) {
      const placement = placements[next++];
      const queued = await dataSource.transaction((manager) => planner.plan(manager, placement));
      const now = Date.now();
      await planner.enqueue(queued.filter((row) => row.dueAt.getTime() > now));
      rows += queued.length;
      if (next % 250 === 0) progress(next, placements.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  progress(placements.length, placements.length);
  const seconds = (performance.now() - started) / 1000;
  await dataSource.query(`UPDATE check_in SET status = 'skipped' WHERE structure_id = $1 AND status = 'planned' AND due_at <= now()`, [structureId]);
  return { placements: placements.length, checkIns: rows, seconds: round(seconds), perSecond: round(placements.length / seconds) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Makes `count` employee check-ins of started placements due now, with a reachable address, and
 * puts their jobs at the head of the queue. Rows a previous run sent are reset to planned, so the
 * benchmark can run again on the same data (`--reuse`). Returns their ids.
 */
export async function makeDue(app: INestApplicationContext, structureId: string, count: number, exclude: string[]): Promise<string[]> {
  const dataSource = app.get(DataSource);
  const rows: Array<{ id: string }> = await dataSource.query(
    `SELECT c.id FROM check_in c JOIN placement p ON p.id = c.placement_id
      WHERE c.structure_id = $1 AND c.status IN ('planned', 'skipped', 'sent') AND c.party = 'employee' AND p.status = 'started'
        AND NOT (c.id = ANY($3::uuid[]))
      ORDER BY c.id LIMIT $2`,
    [structureId, count, exclude],
  );
  const ids = rows.map((row) => row.id);
  if (ids.length < count) throw new Error(`only ${ids.length} check-ins of started placements to send, ${count} asked (--sends)`);
  await dataSource.query(
    `UPDATE candidate SET email = 'candidat-' || left(id::text, 8) || '@bench.tremplin.invalid'
      WHERE id IN (SELECT p.candidate_id FROM check_in c JOIN placement p ON p.id = c.placement_id WHERE c.id = ANY($1::uuid[]))
        AND email IS NULL`,
    [ids],
  );
  await dataSource.query(
    `UPDATE check_in SET status = 'planned', due_at = now() - interval '1 minute', sent_at = NULL, smtp_message_id = NULL,
            recipient = NULL, attempts = 0, last_error = NULL
      WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const queue = app.get<Queue>(getQueueToken(QUEUES.checkIns));
  await Promise.all(ids.map((id) => queue.remove(checkInJobId(id))));
  await addJobs(queue, ids.map((id) => queuedJob(JOBS.sendCheckIn, { checkInId: id }, { jobId: checkInJobId(id) })));
  return ids;
}

export interface SendResult {
  workers: number;
  sent: number;
  seconds: number;
  perSecond: number;
}

/** Waits until every row is sent, and measures the rate between the first and the last send. */
export async function waitUntilSent(dataSource: DataSource, ids: string[], workers: number, timeoutMs = 300_000): Promise<SendResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state]: Array<{ done: number; first: Date | null; last: Date | null }> = await dataSource.query(
      `SELECT count(*) FILTER (WHERE status <> 'planned')::int AS done, min(sent_at) AS first, max(sent_at) AS last
         FROM check_in WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    if (state.done >= ids.length || Date.now() > deadline) {
      const [sent]: Array<{ count: number }> = await dataSource.query(
        `SELECT count(*)::int AS count FROM check_in WHERE id = ANY($1::uuid[]) AND status = 'sent'`,
        [ids],
      );
      const seconds = state.first && state.last ? (state.last.getTime() - state.first.getTime()) / 1000 : NaN;
      return { workers, sent: sent.count, seconds: round(seconds), perSecond: round((sent.count - 1) / seconds) };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The floor: one pre-rendered message sent `count` times with nodemailer, `concurrency` at a time with the same transport settings as the worker's. */
export async function rawNodemailer(smtpUrl: string, count: number, concurrency: number): Promise<{ sent: number; seconds: number; perSecond: number }> {
  const transport = createTransport(smtpTransportOptions(smtpUrl, concurrency));
  const message = {
    from: 'Tremplin <no-reply@tremplin.local>',
    to: 'raw@bench.tremplin.invalid',
    subject: 'Comment se passe le travail ? (point de suivi)',
    text: 'Bonjour,\n\nun mot sur vos premières semaines ?\n\nhttps://tremplin.example/suivi/abc\n',
    html: '<p>Bonjour,</p><p>un mot sur vos premières semaines ?</p><p><a href="https://tremplin.example/suivi/abc">Répondre</a></p>',
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await transport.sendMail(message);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { sent: count, seconds: round(seconds), perSecond: round(count / seconds) };
}
