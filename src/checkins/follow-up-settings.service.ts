import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { CHECKIN, LEAD } from '../refusals/index';
import { because } from '../refusals/refused';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { DEFAULT_CHECK_IN_OFFSETS } from './check-in-plan';
import { ALERT_RECIPIENTS, AlertRecipients, planSteps, PlanStep, storedPlan } from './follow-up-settings';

/** What managers set for the follow-up after a hire, on one screen. */
export interface FollowUpSettings {
  steps: PlanStep[];
  noAnswerDays: number;
  proposalTargetDays: number;
  alertRecipients: AlertRecipients;
}

export interface FollowUpSettingsInput extends Omit<FollowUpSettings, 'steps'> {
  /** `field`: the input naming the step, for a refusal next to it. */
  steps: Array<PlanStep & { field: string }>;
}

/**
 * The follow-up settings of a structure: the check-in plan (steps and who receives each), the days
 * without an answer before an alert, the days allowed from a need to a first proposal, and who
 * receives alerts. Saved all at once or not at all; they apply to plans made from then on.
 */
@Injectable()
export class FollowUpSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor): Promise<FollowUpSettings> {
    const structure = await this.dataSource.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
    return {
      steps: planSteps(structure.checkInOffsets?.length ? structure.checkInOffsets : DEFAULT_CHECK_IN_OFFSETS, structure.checkInParties),
      noAnswerDays: structure.checkInNoAnswerDays,
      proposalTargetDays: structure.proposalTargetDays,
      alertRecipients: structure.alertRecipients,
    };
  }

  async update(actor: Actor, input: FollowUpSettingsInput): Promise<FollowUpSettings> {
    const plan = storedPlan(input.steps, 'steps');
    const problems: FieldProblem[] = [...plan.problems];
    if (!Number.isInteger(input.noAnswerDays) || input.noAnswerDays < 1 || input.noAnswerDays > 60) {
      problems.push({ field: 'noAnswerDays', message: 'noAnswerDays must be between 1 and 60', ...because(CHECKIN.noAnswerDaysInvalid, { field: 'noAnswerDays' }) });
    }
    if (!Number.isInteger(input.proposalTargetDays) || input.proposalTargetDays < 1 || input.proposalTargetDays > 90) {
      problems.push({ field: 'proposalTargetDays', message: 'proposalTargetDays must be between 1 and 90', ...because(LEAD.targetDaysInvalid, { field: 'proposalTargetDays' }) });
    }
    if (!(ALERT_RECIPIENTS as readonly string[]).includes(input.alertRecipients)) {
      problems.push({ field: 'alertRecipients', message: `alertRecipients must be one of ${ALERT_RECIPIENTS.join(', ')}`, ...because(CHECKIN.alertRecipientsInvalid, { field: 'alertRecipients' }) });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    await this.dataSource.transaction(async (manager) => {
      const structures = manager.getRepository(Structure);
      const before = await structures.findOneOrFail({ where: { id: actor.structureId }, lock: { mode: 'pessimistic_write' } });
      const changes = {
        checkInOffsets: plan.offsets,
        checkInParties: plan.parties,
        checkInNoAnswerDays: input.noAnswerDays,
        proposalTargetDays: input.proposalTargetDays,
        alertRecipients: input.alertRecipients,
      };
      await structures.update({ id: actor.structureId }, changes);
      await this.audit.record(manager, actor, {
        entity: 'structure',
        entityId: actor.structureId,
        action: 'update',
        before: { ...before, checkInOffsets: before.checkInOffsets ?? [...DEFAULT_CHECK_IN_OFFSETS] },
        after: { ...before, ...changes },
      });
    });
    return this.get(actor);
  }
}
