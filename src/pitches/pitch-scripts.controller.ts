import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { ArchiveScriptDto, CreateScriptDto, RenderScriptDto, ScriptListQuery, UpdateScriptDto } from './dto/pitch-script.dto';
import {
  ConversionView,
  FittingScriptsView,
  RenderedScriptView,
  ScriptDetailView,
  ScriptView,
  VersionView,
} from './dto/pitch-script-view.dto';
import { SCRIPT_KINDS, ScriptKind } from './pitch-script.entity';
import { PitchScriptsService } from './pitch-scripts.service';
import { PLACEHOLDERS } from './pitch-template';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RECORD } from '../refusals/index';
import { because, NotFoundRefusal } from '../refusals/refused';

class FittingQuery {
  @IsOptional()
  @IsIn(SCRIPT_KINDS, { message: `kind must be one of ${SCRIPT_KINDS.join(', ')}` })
  kind?: ScriptKind;
}

/** Argumentaires: written and improved by the whole team; managers archive them. */
@ApiTags('pitch scripts')
@Controller('api')
export class PitchScriptsController {
  constructor(private readonly scripts: PitchScriptsService) {}

  @Get('pitches')
  list(@CurrentActor() actor: Actor, @Query() query: ScriptListQuery): Promise<ScriptView[]> {
    return this.scripts.list(actor, query);
  }

  /** The placeholders a script may use, with what each shows. */
  @Get('pitches/placeholders')
  placeholders(): Array<{ name: string; description: string }> {
    return Object.entries(PLACEHOLDERS).map(([name, description]) => ({ name, description }));
  }

  @Post('pitches')
  create(@CurrentActor() actor: Actor, @Body() input: CreateScriptDto): Promise<ScriptDetailView> {
    return this.scripts.create(actor, input);
  }

  @Get('pitches/:id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ScriptDetailView> {
    return this.scripts.get(actor, id);
  }

  /** Saves a new version. */
  @Put('pitches/:id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: UpdateScriptDto,
  ): Promise<ScriptDetailView> {
    return this.scripts.update(actor, id, input);
  }

  @Patch('pitches/:id/archived')
  @Roles('manager')
  archive(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: ArchiveScriptDto,
  ): Promise<ScriptDetailView> {
    return this.scripts.setArchived(actor, id, input.archived);
  }

  @Get('pitches/:id/versions/:number')
  async version(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Param('number', ParseIntPipe) number: number,
  ): Promise<VersionView> {
    const detail = await this.scripts.get(actor, id);
    const version = detail.history.find((entry) => entry.number === number);
    if (!version) throw new NotFoundRefusal(because(RECORD.notFound, { record: 'script_version' }), `Version ${number} of script ${id} not found`);
    return version;
  }

  /** The script filled in for a company (and a contact, a candidate profile), escaped HTML. */
  @Post('pitches/:id/render')
  render(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: RenderScriptDto,
  ): Promise<RenderedScriptView> {
    return this.scripts.render(actor, id, input);
  }

  @Get('pitches/:id/conversion')
  conversion(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ConversionView> {
    return this.scripts.conversion(actor, id);
  }

  /** The scripts that fit a company: the kind its stage calls for (or the one asked), its sector and size. */
  @Get('companies/:id/scripts')
  fitting(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: FittingQuery,
  ): Promise<FittingScriptsView> {
    return this.scripts.fitting(actor, id, query.kind);
  }
}
