import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Actor } from '../tenancy/actor';
import { UpdateStructureDto } from './dto/structure.dto';
import { Structure } from './structure.entity';
import { StructuresService } from './structures.service';

@ApiTags('structure')
@Controller('api/structure')
export class StructuresController {
  constructor(private readonly structures: StructuresService) {}

  @Get()
  current(@CurrentActor() actor: Actor): Promise<Structure> {
    return this.structures.current(actor);
  }

  @Patch()
  @Roles('admin')
  update(@CurrentActor() actor: Actor, @Body() input: UpdateStructureDto): Promise<Structure> {
    return this.structures.update(actor, input);
  }
}
