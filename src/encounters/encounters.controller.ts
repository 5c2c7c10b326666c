import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { Actor } from '../tenancy/actor';
import {
  AddParticipantsDto,
  AttendanceDto,
  CancelEncounterDto,
  CreateEncounterDto,
  EncounterListQuery,
  OutcomeDto,
  OutcomeRateQuery,
  UpdateEncounterDto,
} from './dto/encounter.dto';
import { EncounterView, InvitedView, OutcomeReport } from './encounter-view';
import { EncountersService } from './encounters.service';
import { EncounterSummaryRow } from './encounters.queries';

/** Encounters (rencontres): job datings, company visits, information sessions, workplace interviews, forums. */
@ApiTags('encounters')
@Controller('api/encounters')
export class EncountersController {
  constructor(private readonly encounters: EncountersService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: EncounterListQuery): Promise<EncounterSummaryRow[]> {
    return this.encounters.list(actor, query);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() input: CreateEncounterDto): Promise<EncounterView> {
    return this.encounters.create(actor, input);
  }

  /** The positive-outcome rate (a job, an immersion or a training within N days / candidates present). */
  @Get('outcomes')
  outcomes(@CurrentActor() actor: Actor, @Query() query: OutcomeRateQuery): Promise<OutcomeReport> {
    return this.encounters.outcomes(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<EncounterView> {
    return this.encounters.get(actor, id);
  }

  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: UpdateEncounterDto): Promise<EncounterView> {
    return this.encounters.update(actor, id, input);
  }

  @Post(':id/cancel')
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: CancelEncounterDto): Promise<EncounterView> {
    return this.encounters.cancel(actor, id, input.version);
  }

  @Post(':id/participants')
  invite(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: AddParticipantsDto): Promise<InvitedView> {
    return this.encounters.addParticipants(actor, id, input);
  }

  @Delete(':id/participants/:participantId')
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('participantId', ParseIdPipe) participantId: string,
  ): Promise<EncounterView> {
    return this.encounters.removeParticipant(actor, id, participantId);
  }

  @Put(':id/attendance')
  attendance(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: AttendanceDto): Promise<EncounterView> {
    return this.encounters.markAttendance(actor, id, input);
  }

  @Put(':id/participants/:participantId/outcome')
  outcome(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('participantId', ParseIdPipe) participantId: string,
    @Body() input: OutcomeDto,
  ): Promise<EncounterView> {
    return this.encounters.setOutcome(actor, id, participantId, input);
  }
}
