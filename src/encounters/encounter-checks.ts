import { EntityManager, In, IsNull } from 'typeorm';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { Candidate } from '../candidates/candidate.entity';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { JobLead } from '../leads/job-lead.entity';
import { Proposal } from '../leads/proposal.entity';
import { Placement } from '../placements/placement.entity';
import { ENCOUNTER, RefusalDef } from '../refusals/index';
import { Actor } from '../tenancy/actor';
import { assertActiveStaff } from '../users/staff';
import { OutcomeDto } from './dto/encounter.dto';
import { EncounterCompany } from './encounter.entity';

/** What an encounter's form and lists may name: rows of the actor's structure, each refusal naming its field. */

export function fieldRefusal(field: string, message: string, def: RefusalDef<string, { field: string }>): ValidationFailedException {
  return new ValidationFailedException([{ field, message, code: def.code, params: { field } } as FieldProblem]);
}

export async function assertReferences(
  manager: EntityManager,
  actor: Actor,
  refs: { companyIds: string[]; hostCompanyId?: string | null; organiserId?: string | null; leadId?: string | null },
): Promise<void> {
  if (refs.companyIds.length) {
    const found = await manager.getRepository(Company).count({ where: { id: In(refs.companyIds), structureId: actor.structureId } });
    if (found !== refs.companyIds.length) {
      const field = refs.hostCompanyId && !(await manager.getRepository(Company).existsBy({ id: refs.hostCompanyId, structureId: actor.structureId })) ? 'hostCompanyId' : 'companyIds';
      throw fieldRefusal(field, `${field} must name companies of your structure`, ENCOUNTER.companyInvalid);
    }
  }
  if (refs.leadId && !(await manager.getRepository(JobLead).existsBy({ id: refs.leadId, structureId: actor.structureId }))) {
    throw fieldRefusal('leadId', 'leadId must be a lead of your structure', ENCOUNTER.leadInvalid);
  }
  if (refs.organiserId) {
    try {
      await assertActiveStaff(manager, actor, { organiserId: refs.organiserId });
    } catch {
      throw fieldRefusal('organiserId', 'organiserId must be an active staff member of your structure', ENCOUNTER.organiserInvalid);
    }
  }
}

export async function assertPeople(
  manager: EntityManager,
  actor: Actor,
  encounterId: string,
  people: { candidateIds: string[]; contactIds: string[]; userIds: string[] },
): Promise<void> {
  const structureId = actor.structureId;
  if (people.candidateIds.length) {
    const found = await manager.getRepository(Candidate).count({ where: { id: In(people.candidateIds), structureId, anonymisedAt: IsNull() } });
    if (found !== people.candidateIds.length) throw fieldRefusal('candidateIds', 'candidateIds must be candidates of your structure', ENCOUNTER.candidatesInvalid);
  }
  if (people.contactIds.length) {
    const contacts = await manager.getRepository(Contact).find({ where: { id: In(people.contactIds), structureId, erasedAt: IsNull() }, select: { id: true, companyId: true } });
    if (contacts.length !== people.contactIds.length) throw fieldRefusal('contactIds', 'contactIds must be contacts of your structure', ENCOUNTER.contactsInvalid);
    const companies = new Set(
      (await manager.getRepository(EncounterCompany).find({ where: { encounterId, structureId } })).map((row) => row.companyId),
    );
    if (contacts.some((contact) => !companies.has(contact.companyId))) {
      throw fieldRefusal('contactIds', "contactIds must be contacts of the encounter's companies", ENCOUNTER.contactNotOfCompanies);
    }
  }
  if (people.userIds.length) {
    try {
      await assertActiveStaff(manager, actor, Object.fromEntries(people.userIds.map((userId, index) => [`userIds.${index}`, userId])));
    } catch {
      throw fieldRefusal('userIds', 'userIds must be active staff members of your structure', ENCOUNTER.staffInvalid);
    }
  }
}

export async function assertOutcomeLinks(manager: EntityManager, actor: Actor, candidateId: string, input: OutcomeDto): Promise<void> {
  const structureId = actor.structureId;
  const checks: Array<[string, Promise<boolean> | false]> = [
    ['proposalId', !!input.proposalId && manager.getRepository(Proposal).existsBy({ id: input.proposalId, candidateId, structureId })],
    ['placementId', !!input.placementId && manager.getRepository(Placement).existsBy({ id: input.placementId, candidateId, structureId })],
    ['leadId', !!input.leadId && manager.getRepository(JobLead).existsBy({ id: input.leadId, structureId })],
  ];
  for (const [field, check] of checks) {
    if (check !== false && !(await check)) throw fieldRefusal(field, `${field} must be one of this candidate's`, ENCOUNTER.outcomeLinkInvalid);
  }
}
