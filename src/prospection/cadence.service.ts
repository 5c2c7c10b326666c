import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ValidationFailedException } from '../common/validation';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { CadenceRule, CadenceTrigger, DEFAULT_CADENCE_RULES, proposeNextAction } from './cadence';
import { UpdateCadenceDto } from './dto/stage.dto';
import { because } from '../refusals/refused';
import { PROSPECTION } from '../refusals/index';

/** Each structure's follow-up cadence: the defaults until a manager edits them. */
@Injectable()
export class CadenceService {
  constructor(@InjectRepository(Structure) private readonly structures: Repository<Structure>) {}

  async rules(actor: Actor, manager?: EntityManager): Promise<CadenceRule[]> {
    const repository = manager ? manager.getRepository(Structure) : this.structures;
    const structure = await repository.findOneByOrFail({ id: actor.structureId });
    return structure.cadenceRules ?? DEFAULT_CADENCE_RULES;
  }

  async update(actor: Actor, input: UpdateCadenceDto): Promise<CadenceRule[]> {
    const seen = new Set<CadenceTrigger>();
    const problems = input.rules.flatMap(({ trigger }, index) => {
      if (!seen.has(trigger)) return (seen.add(trigger), []);
      return [{ field: `rules[${index}].trigger`, message: `trigger ${trigger} has two rules`, ...because(PROSPECTION.cadenceTriggerTwice, { trigger }) }];
    });
    if (problems.length) throw new ValidationFailedException(problems);
    const rules = input.rules.map(({ trigger, actionType, amount, unit }) => ({ trigger, actionType, amount, unit }));
    await this.structures.update({ id: actor.structureId }, { cadenceRules: rules });
    return rules;
  }

  async reset(actor: Actor): Promise<CadenceRule[]> {
    await this.structures.update({ id: actor.structureId }, { cadenceRules: null });
    return DEFAULT_CADENCE_RULES;
  }

  async propose(actor: Actor, trigger: CadenceTrigger, fromDay: string, manager?: EntityManager) {
    return proposeNextAction(await this.rules(actor, manager), trigger, fromDay);
  }
}
