import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags, IntersectionType } from '@nestjs/swagger';
import { CurrentActor } from '../auth/auth.decorators';
import { Page, PageQuery } from '../common/pagination';
import { Actor } from '../tenancy/actor';
import { CreatePlacementDto, EndPlacementDto, PlacementFilterDto, StartPlacementDto, UpdatePlacementDto } from './dto/placement.dto';
import { PlacementView } from './dto/placement-view.dto';
import { PlacementsService } from './placements.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

class PlacementListQuery extends IntersectionType(PlacementFilterDto, PageQuery) {}

@ApiTags('placements')
@Controller('api/placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  /** Placements, with the reason of each rupture: showing one is a recorded read of its person. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: PlacementListQuery): Promise<Page<PlacementView>> {
    const page = await this.placements.list(actor, query, query);
    await this.shown(actor, page.items, 'GET /api/placements');
    return page;
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() input: CreatePlacementDto): Promise<PlacementView> {
    return this.shown(actor, await this.placements.create(actor, input), 'POST /api/placements');
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<PlacementView> {
    return this.shown(actor, await this.placements.get(actor, id), 'GET /api/placements/:id');
  }

  @Patch(':id')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdatePlacementDto,
  ): Promise<PlacementView> {
    return this.shown(actor, await this.placements.update(actor, id, input), 'PATCH /api/placements/:id');
  }

  /** Cancels a planned placement (one that started must end instead). */
  @Delete(':id')
  @HttpCode(204)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<void> {
    return this.placements.cancel(actor, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  async start(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: StartPlacementDto,
  ): Promise<PlacementView> {
    return this.shown(actor, await this.placements.start(actor, id, input), 'POST /api/placements/:id/start');
  }

  @Post(':id/end')
  @HttpCode(200)
  async end(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() input: EndPlacementDto): Promise<PlacementView> {
    return this.shown(actor, await this.placements.end(actor, id, input), 'POST /api/placements/:id/end');
  }

  /** Every answer carrying a rupture reason records its read, whatever the route. */
  private async shown<T extends PlacementView | PlacementView[]>(actor: Actor, answer: T, path: string): Promise<T> {
    await this.placements.recordRuptureReasonsRead(actor, Array.isArray(answer) ? answer : [answer], { via: 'api', path });
    return answer;
  }
}
