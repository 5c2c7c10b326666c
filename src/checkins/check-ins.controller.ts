import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsDay } from '../common/dates';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Placement } from '../placements/placement.entity';
import { Actor } from '../tenancy/actor';
import { SkipReason, stepLabel } from './check-in-plan';
import { CheckInSettingsDto, CheckInSettingsView } from './dto/check-in-settings.dto';
import { FollowUpSettings, FollowUpSettingsService } from './follow-up-settings.service';
import { apiSteps } from './follow-up-settings';
import { CallDoneDto } from './dto/call-done.dto';
import { CheckInStepsService } from './check-in-steps.service';
import { CheckIn, CheckInParty, CheckInStatus } from './check-in.entity';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RECORD } from '../refusals/index';
import { because, NotFoundRefusal } from '../refusals/refused';

/** A check-in as staff see it: never its answer link (it is only ever in the e-mail). */
export class CheckInView {
  id!: string;
  placementId!: string;
  party!: CheckInParty;
  step!: string;
  stepLabel!: string;
  dueAt!: Date;
  status!: CheckInStatus;
  skipReason!: SkipReason | null;
  recipient!: string | null;
  attempts!: number;
  lastError!: string | null;
  smtpMessageId!: string | null;
  sentAt!: Date | null;
  answeredAt!: Date | null;
  rating!: number | null;
  callDoneAt!: Date | null;

  static of(row: CheckIn): CheckInView {
    return {
      id: row.id,
      placementId: row.placementId,
      party: row.party,
      step: row.step,
      stepLabel: stepLabel(row.step),
      dueAt: row.dueAt,
      status: row.status,
      skipReason: row.skipReason,
      recipient: row.recipient,
      attempts: row.attempts,
      lastError: row.lastError,
      smtpMessageId: row.smtpMessageId,
      sentAt: row.sentAt,
      answeredAt: row.answeredAt,
      rating: row.rating,
      callDoneAt: row.callDoneAt,
    };
  }
}

function settingsView(settings: FollowUpSettings): CheckInSettingsView {
  return { offsets: settings.steps.map((step) => step.step), noAnswerDays: settings.noAnswerDays, steps: settings.steps, alertRecipients: settings.alertRecipients };
}

export class SimulateDto {
  @ApiProperty({ example: '2027-06-30', description: 'Send the planned steps due by this day (Paris), within two years' })
  @IsDay('until')
  until!: string;
}

@ApiTags('check-ins')
@Controller('api')
export class CheckInsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly followUpSettings: FollowUpSettingsService,
    private readonly steps: CheckInStepsService,
  ) {}

  /** The structure's check-in plan: everyone reads it, managers change it (plans made from then on use it). */
  @Get('check-ins/settings')
  async settings(@CurrentActor() actor: Actor): Promise<CheckInSettingsView> {
    return settingsView(await this.followUpSettings.get(actor));
  }

  @Put('check-ins/settings')
  @Roles('manager')
  async updateSettings(@CurrentActor() actor: Actor, @Body() input: CheckInSettingsDto): Promise<CheckInSettingsView> {
    const current = await this.followUpSettings.get(actor);
    const saved = await this.followUpSettings.update(actor, {
      steps: apiSteps(input),
      noAnswerDays: input.noAnswerDays,
      proposalTargetDays: current.proposalTargetDays,
      alertRecipients: input.alertRecipients ?? current.alertRecipients,
    });
    return settingsView(saved);
  }

  /** Steps the worker gave up on after its retries, with the SMTP error, newest first. */
  @Get('check-ins/failed')
  @Roles('admin')
  async failed(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<Page<CheckInView>> {
    const [rows, total] = await this.dataSource.getRepository(CheckIn).findAndCount({
      where: { structureId: actor.structureId, status: 'failed' },
      order: { updatedAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items: rows.map(CheckInView.of), total, limit: page.limit, offset: page.offset };
  }

  /** The plan of one placement, both parties, in due order. */
  @Get('placements/:id/check-ins')
  async forPlacement(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<CheckInView[]> {
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ id, structureId: actor.structureId });
    if (!placement) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'placement' }), `Placement ${id} not found`);
    const rows = await this.dataSource.getRepository(CheckIn).find({
      where: { placementId: id, structureId: actor.structureId },
      order: { dueAt: 'ASC', party: 'ASC' },
    });
    return rows.map(CheckInView.of);
  }

  /**
   * Sends a planned step now, through the workers' sending path: it then counts as that step and is
   * not sent again at its time. 409 when it is no longer planned or the placement has not started.
   */
  @Post('placements/:id/check-ins/:checkInId/send')
  @HttpCode(200)
  async sendNow(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('checkInId', ParseIdPipe) checkInId: string,
  ): Promise<CheckInView> {
    return CheckInView.of(await this.steps.sendNow(actor, id, checkInId));
  }

  /** A call task done, with the note of the call; its alerts are resolved. */
  @Post('placements/:id/check-ins/:checkInId/call-done')
  @HttpCode(200)
  async callDone(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('checkInId', ParseIdPipe) checkInId: string,
    @Body() input: CallDoneDto,
  ): Promise<CheckInView> {
    return CheckInView.of(await this.steps.markCallDone(actor, id, checkInId, input.note));
  }

  /**
   * Development and demonstration only (403 in production), admins: sends every planned step due by
   * `until` through the workers' path, in due order, as if time had passed.
   */
  @Post('placements/:id/check-ins/simulate')
  @Roles('admin')
  @HttpCode(200)
  async simulate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: SimulateDto): Promise<{ sent: number; callTasks: number }> {
    return this.steps.simulateUntil(actor, id, input.until);
  }
}
