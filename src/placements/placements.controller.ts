import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CreatePlacementDto, EndPlacementDto, PlacementFilterDto, StartPlacementDto, UpdatePlacementDto } from './dto/placement.dto';
import { PlacementView } from './dto/placement-view.dto';
import { PlacementsService } from './placements.service';

class PlacementListQuery extends IntersectionType(PlacementFilterDto, PageQuery) {}

@ApiTags('placements')
@Controller('api/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PlacementListQuery): Promise<Page<PlacementView>> {
    return this.placements.list(actor, query, query);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() input: CreatePlacementDto): Promise<PlacementView> {
    return this.placements.create(actor, input);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlacementView> {
    return this.placements.get(actor, id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() input: UpdatePlacementDto,
  ): Promise<PlacementView> {
    return this.placements.update(actor, id, input);
  }

  /** Cancels a planned placement (one that started must end instead). */
  @Delete(':id')
  @HttpCode(204)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.placements.cancel(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  start(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() input: StartPlacementDto,
  ): Promise<PlacementView> {
    return this.placements.start(actor, id, input);
  }

  @Post(':id/end')
  @HttpCode(200)
  end(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() input: EndPlacementDto): Promise<PlacementView> {
    return this.placements.end(actor, id, input);
  }
}
