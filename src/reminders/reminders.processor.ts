import { Processor, WorkerHost } from '@nestjs/bullmq';
import { asSystem } from '../tenancy/tenant-scope';
import { Job } from 'bullmq';
import { Clock } from '../common/clock';
import { unknownJob } from '../jobs/job-data';
import { JOBS, QUEUES } from '../jobs/queues';
import { DigestService } from './digest.service';
import { MeetingRemindersService } from './meeting-reminders.service';
import { EncounterRemindersService } from './encounter-reminders.service';

/**
 * Thin: the digest lives in DigestService, meeting reminders in MeetingRemindersService,
 * encounter reminders in EncounterRemindersService. This is
 * the reminders queue's only consumer (two would take each other's jobs).
 */
@Processor(QUEUES.reminders)
export class RemindersProcessor extends WorkerHost {
  constructor(
    private readonly digests: DigestService,
    private readonly meetings: MeetingRemindersService,
    private readonly encounters: EncounterRemindersService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOBS.sendDigests:
        return asSystem('scan', () => this.digests.sendDue(this.clock.now()));
      case JOBS.meetingReminders:
        return asSystem('scan', () => this.meetings.sendDue(this.clock.now()));
      case JOBS.encounterReminders:
        return asSystem('scan', () => this.encounters.sendDue(this.clock.now()));
      default:
        throw unknownJob(QUEUES.reminders, job);
    }
  }
}
