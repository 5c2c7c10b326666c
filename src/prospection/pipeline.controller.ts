import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { CadenceRule } from './cadence';
import { CadenceService } from './cadence.service';
import { CreateStageDto, ReorderStagesDto, StageView, UpdateCadenceDto, UpdateStageDto } from './dto/stage.dto';
import { StagesService } from './stages.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** The structure's pipeline stages and follow-up cadence: everyone reads, managers shape them. */
@ApiTags('pipeline')
@Controller('api/pipeline')
export class PipelineController {
  constructor(
    private readonly stages: StagesService,
    private readonly cadence: CadenceService,
  ) {}

  @Get('stages')
  async list(@CurrentActor() actor: Actor, @Query('archived') archived?: string): Promise<StageView[]> {
    return (await this.stages.list(actor, archived === 'true')).map(StageView.of);
  }

  @Post('stages')
  @Roles('manager')
  async create(@CurrentActor() actor: Actor, @Body() input: CreateStageDto): Promise<StageView> {
    return StageView.of(await this.stages.create(actor, input));
  }

  @Put('stages/order')
  @Roles('manager')
  async reorder(@CurrentActor() actor: Actor, @Body() input: ReorderStagesDto): Promise<StageView[]> {
    return (await this.stages.reorder(actor, input)).map(StageView.of);
  }

  @Patch('stages/:id')
  @Roles('manager')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateStageDto,
  ): Promise<StageView> {
    return StageView.of(await this.stages.update(actor, id, input));
  }

  @Get('cadence')
  getCadence(@CurrentActor() actor: Actor): Promise<CadenceRule[]> {
    return this.cadence.rules(actor);
  }

  @Put('cadence')
  @Roles('manager')
  setCadence(@CurrentActor() actor: Actor, @Body() input: UpdateCadenceDto): Promise<CadenceRule[]> {
    return this.cadence.update(actor, input);
  }

  /** Back to the default cadence. */
  @Delete('cadence')
  @Roles('manager')
  resetCadence(@CurrentActor() actor: Actor): Promise<CadenceRule[]> {
    return this.cadence.reset(actor);
  }
}
