import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { rejectNulls } from '../common/validation';
import { Actor } from '../tenancy/actor';
import { UpdateStructureDto } from './dto/structure.dto';
import { Structure } from './structure.entity';

@Injectable()
export class StructuresService {
  constructor(@InjectRepository(Structure) private readonly structures: Repository<Structure>) {}

  /** The actor's own structure: the only one they can ever see. */
  current(actor: Actor): Promise<Structure> {
    return this.structures.findOneByOrFail({ id: actor.structureId });
  }

  async update(actor: Actor, input: UpdateStructureDto): Promise<Structure> {
    rejectNulls(input, ['name', 'type']);
    const structure = await this.current(actor);
    return this.structures.save(Object.assign(structure, input));
  }
}
