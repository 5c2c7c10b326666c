import { Injectable } from '@nestjs/common';
import { PITCH } from '../refusals/index';
import { because, ConflictRefusal } from '../refusals/refused';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { Company } from '../companies/company.entity';
import { Contact } from '../contacts/contact.entity';
import { PipelineStage } from '../prospection/pipeline-stage.entity';
import { Structure } from '../structures/structure.entity';
import { Actor } from '../tenancy/actor';
import { assertVersion } from '../tenancy/optimistic-version';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { User } from '../users/user.entity';
import { currentVersionsOf, insertDefaultScripts, lockScriptRow, objectionCounts, versionOutcomeCounts } from './pitch-scripts.queries';
import { lockStructureRow } from '../structures/structure.queries';
import {
  CandidateProfileDto,
  CreateScriptDto,
  RenderScriptDto,
  ScriptListQuery,
  ScriptSectionsDto,
  UpdateScriptDto,
} from './dto/pitch-script.dto';
import {
  ConversionView,
  FittingScriptsView,
  Rate,
  RenderedScriptView,
  ScriptDetailView,
  ScriptView,
  VersionConversion,
  VersionView,
} from './dto/pitch-script-view.dto';
import { PitchScriptVersion } from './pitch-script-version.entity';
import { PitchScript, ScriptKind, ScriptObjection, ScriptSections, ScriptTargeting } from './pitch-script.entity';
import { RenderContext, renderTemplate, templateProblems } from './pitch-template';
import { countedUnder, describeChanges } from './script-changes';

const EVERY_COMPANY: ScriptTargeting = { nafPrefixes: [], headcountBands: [] };

/** Which script kind fits a company at each seeded stage: the first call until a meeting is booked. */
const KIND_BY_STAGE: Record<string, ScriptKind> = {
  to_prospect: 'first_call',
  first_call: 'first_call',
  meeting_booked: 'first_meeting',
};

/** Every template of a script, with the field name a 400 should give for it. */
function templatesOf(sections: ScriptSections): Array<[string, string]> {
  return [
    ['sections.opening', sections.opening],
    ['sections.offer', sections.offer],
    ...sections.questions.map((question, index): [string, string] => [`sections.questions[${index}]`, question]),
    ...sections.objections.flatMap((objection, index): Array<[string, string]> => [
      [`sections.objections[${index}].objection`, objection.objection],
      [`sections.objections[${index}].answer`, objection.answer],
    ]),
    ['sections.closing', sections.closing],
  ];
}

export function sectionProblems(sections: ScriptSections): FieldProblem[] {
  return templatesOf(sections).flatMap(([field, source]) =>
    templateProblems(source).map(({ message, code, params }) => ({ field, message: `${field}: ${message}`, code, params: { ...params, field } })),
  );
}

function slug(text: string): string {
  const base = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30);
  return `${base || 'objection'}-${randomBytes(2).toString('hex')}`;
}

/** Keeps given objection keys (refusing duplicates) and gives new objections one. */
function withKeys(sections: ScriptSectionsDto): ScriptSections {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  const objections = sections.objections.map((objection, index): ScriptObjection => {
    const key = objection.key ?? slug(objection.objection);
    if (seen.has(key)) {
      const field = `sections.objections[${index}].key`;
      problems.push({ field, message: `key ${key} is used twice`, ...because(PITCH.duplicateObjectionKey, { field, key }) });
    }
    seen.add(key);
    return { key, objection: objection.objection, answer: objection.answer };
  });
  if (problems.length) throw new ValidationFailedException(problems);
  return { ...sections, questions: sections.questions.map((question) => question.trim()).filter(Boolean), objections };
}

/** A 95% Wilson score interval: honest about small samples, unlike a bare percentage. */
export function rateOf(count: number, total: number): Rate {
  if (total === 0) return { count, total, rate: null, low: null, high: null };
  const z = 1.96;
  const p = count / total;
  const denominator = 1 + (z * z) / total;
  const centre = (p + (z * z) / (2 * total)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denominator;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { count, total, rate: round(p), low: round(Math.max(0, centre - margin)), high: round(Math.min(1, centre + margin)) };
}

/** How well a script's targeting fits a company: null when it does not, higher when more specific. */
export function fitScore(targeting: ScriptTargeting, company: Pick<Company, 'nafCode' | 'headcountBand'>): number | null {
  let score = 0;
  if (targeting.nafPrefixes.length) {
    const matched = targeting.nafPrefixes.filter((prefix) => company.nafCode?.startsWith(prefix));
    if (!matched.length) return null;
    score += Math.max(...matched.map((prefix) => prefix.length));
  }
  if (targeting.headcountBands.length) {
    if (!company.headcountBand || !targeting.headcountBands.includes(company.headcountBand)) return null;
    score += 1;
  }
  return score;
}

/** Pitch scripts (argumentaires): versioned, rendered for a company, measured by their outcomes. */
@Injectable()
export class PitchScriptsService {
  private readonly scripts: ScopedRepository<PitchScript>;
  private readonly versions: ScopedRepository<PitchScriptVersion>;
  private readonly seeded = new Set<string>();

  constructor(
    @InjectRepository(PitchScript) scripts: Repository<PitchScript>,
    @InjectRepository(PitchScriptVersion) versions: Repository<PitchScriptVersion>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.scripts = new ScopedRepository(scripts, 'script');
    this.versions = new ScopedRepository(versions, 'script_version');
  }

  /**
   * A structure that never had a script gets the SEVE first-call and first-meeting scripts, to
   * edit as its own. One that archived them does not get them back.
   */
  async ensureDefaults(actor: Actor): Promise<void> {
    if (this.seeded.has(actor.structureId)) return;
    await this.dataSource.transaction(async (manager) => {
      await lockStructureRow(manager, actor.structureId);
      await insertDefaultScripts(manager, actor.structureId);
    });
    this.seeded.add(actor.structureId);
  }

  async list(actor: Actor, query: ScriptListQuery): Promise<ScriptView[]> {
    await this.ensureDefaults(actor);
    const scripts = await this.scripts.find(actor, {
      where: { ...(query.kind ? { kind: query.kind } : {}), ...(query.archived ? {} : { archivedAt: IsNull() }) },
      order: { kind: 'ASC', title: 'ASC' },
    });
    const current = await this.currentVersions(actor, scripts);
    return scripts.map((script) => this.view(script, current.get(script.id)!));
  }

  async get(actor: Actor, id: string): Promise<ScriptDetailView> {
    const script = await this.scripts.get(actor, id);
    const versions = await this.versions.find(actor, { where: { scriptId: id }, order: { number: 'ASC' } });
    const authors = await this.authorNames(versions.map((version) => version.authorId));
    const history = versions.map((version, index) => this.versionView(version, versions[index - 1], authors)).reverse();
    const current = history.find((version) => version.number === script.currentVersion)!;
    return { ...this.view(script, versions.find((v) => v.number === script.currentVersion)!), current, history };
  }

  async create(actor: Actor, input: CreateScriptDto): Promise<ScriptDetailView> {
    const sections = withKeys(input.sections);
    const problems = sectionProblems(sections);
    if (problems.length) throw new ValidationFailedException(problems);
    const script = await this.dataSource.transaction((manager) =>
      this.insert(manager, actor, { ...input, targeting: input.targeting ?? EVERY_COMPANY, sections }, actor.userId),
    );
    return this.get(actor, script.id);
  }

  /** Every edit is a new version; a save based on an older version answers 409. */
  async update(actor: Actor, id: string, input: UpdateScriptDto): Promise<ScriptDetailView> {
    const sections = input.sections ? withKeys(input.sections) : undefined;
    if (sections) {
      const problems = sectionProblems(sections);
      if (problems.length) throw new ValidationFailedException(problems);
    }
    await this.dataSource.transaction(async (manager) => {
      const scripts = this.scripts.withManager(manager);
      const script = await scripts.get(actor, id);
      await lockScriptRow(manager, id);
      const fresh = await scripts.get(actor, id);
      assertVersion(fresh.currentVersion, input.version, () =>
        new ConflictRefusal(
          because(PITCH.staleVersion, { version: fresh.currentVersion }),
          `version: script "${script.title}" is now at version ${fresh.currentVersion}; reload it and apply your changes again`,
          'version',
        ),
      );
      const versions = this.versions.withManager(manager);
      const current = await versions.findOne(actor, { scriptId: id, number: fresh.currentVersion });
      const next = versions.create(actor, {
        scriptId: id,
        number: fresh.currentVersion + 1,
        title: input.title ?? current!.title,
        kind: input.kind ?? current!.kind,
        targeting: input.targeting ?? current!.targeting,
        sections: sections ?? current!.sections,
        changeNote: input.changeNote ?? null,
        authorId: actor.userId,
      });
      if (!describeChanges(current!, next).length) return;
      await versions.save(actor, next);
      Object.assign(fresh, { currentVersion: next.number, title: next.title, kind: next.kind });
      await scripts.save(actor, fresh);
    });
    return this.get(actor, id);
  }

  async setArchived(actor: Actor, id: string, archived: boolean): Promise<ScriptDetailView> {
    const script = await this.scripts.get(actor, id);
    if (archived !== (script.archivedAt !== null)) {
      script.archivedAt = archived ? this.clock.now() : null;
      await this.scripts.save(actor, script);
    }
    return this.get(actor, id);
  }

  async versionOf(actor: Actor, scriptId: string, number?: number): Promise<PitchScriptVersion> {
    const script = await this.scripts.get(actor, scriptId);
    const version = await this.versions.findOne(actor, { scriptId, number: number ?? script.currentVersion });
    if (!version) {
      throw new ValidationFailedException([
        {
          field: 'version',
          message: `script "${script.title}" has no version ${number}`,
          ...because(PITCH.noSuchVersion, { field: 'version', number: number ?? script.currentVersion }),
        },
      ]);
    }
    return version;
  }

  /** A version by id, for activities: it must belong to the structure (the error names the field). */
  async versionById(actor: Actor, id: string, manager?: EntityManager): Promise<PitchScriptVersion> {
    const versions = manager ? this.versions.withManager(manager) : this.versions;
    const version = await versions.findOne(actor, { id });
    if (!version) {
      throw new ValidationFailedException([
        {
          field: 'scriptVersionId',
          message: 'scriptVersionId must be a script version of your structure',
          ...because(PITCH.scriptVersionNotOurs, { field: 'scriptVersionId' }),
        },
      ]);
    }
    return version;
  }

  /** The script for a company and contact, every section escaped HTML. */
  async render(actor: Actor, scriptId: string, input: RenderScriptDto): Promise<RenderedScriptView> {
    const version = await this.versionOf(actor, scriptId, input.version);
    const context = await this.context(actor, input.companyId, input.contactId, input.candidate);
    const render = (source: string) => renderTemplate(source, context);
    const { sections } = version;
    return {
      scriptId,
      versionId: version.id,
      number: version.number,
      title: version.title,
      kind: version.kind,
      sections: {
        opening: render(sections.opening),
        offer: render(sections.offer),
        questions: sections.questions.map(render),
        objections: sections.objections.map((o) => ({ key: o.key, objection: render(o.objection), answer: render(o.answer) })),
        closing: render(sections.closing),
      },
    };
  }

  /** The scripts that fit a company (kind from its stage unless given; targeting), the best first. */
  async fitting(actor: Actor, companyId: string, kind?: ScriptKind): Promise<FittingScriptsView> {
    const company = await new ScopedRepository(this.dataSource.getRepository(Company), 'company').get(actor, companyId);
    const stage = await this.dataSource.getRepository(PipelineStage).findOneByOrFail({ id: company.stageId });
    const suggestedKind = KIND_BY_STAGE[stage.key ?? ''] ?? 'follow_up_call';
    const scripts = await this.list(actor, { kind: kind ?? suggestedKind });
    const scored = scripts
      .map((script) => ({ script, score: fitScore(script.targeting, company) }))
      .filter((entry): entry is { script: ScriptView; score: number } => entry.score !== null)
      .sort((a, b) => b.score - a.score || b.script.updatedAt.getTime() - a.script.updatedAt.getTime());
    return { suggestedKind, scripts: scored.map((entry) => entry.script) };
  }

  /**
   * Outcomes per version, per staff member and version, and the objections met most often. A version
   * identical in content to its predecessor counts with it (see `countedUnder`): one entry, under the
   * first version's id and number, listing every version number it covers in `numbers`.
   */
  async conversion(actor: Actor, scriptId: string): Promise<ConversionView> {
    const script = await this.scripts.get(actor, scriptId);
    const versions = await this.versions.find(actor, { where: { scriptId }, order: { number: 'ASC' } });
    const under = countedUnder(versions);
    const rows = await versionOutcomeCounts(this.dataSource.manager, actor.structureId, scriptId);
    type Tally = { versionId: string; number: number; numbers: number[]; outcomes: Record<string, number>; uses: number };
    const tally = (key: string, counted: PitchScriptVersion, row: Record<string, unknown>, into: Map<string, Tally & { authorId?: string; authorName?: string }>) => {
      const entry = into.get(key) ?? { versionId: counted.id, number: counted.number, numbers: [], outcomes: {}, uses: 0 };
      const n = row.n as number;
      entry.uses += n;
      if (n) entry.outcomes[(row.outcome as string | null) ?? 'none'] = (entry.outcomes[(row.outcome as string | null) ?? 'none'] ?? 0) + n;
      into.set(key, entry);
      return entry;
    };
    const byVersion = new Map<string, Tally>();
    const byStaff = new Map<string, Tally & { authorId?: string; authorName?: string }>();
    for (const version of versions) {
      const counted = under.get(version.id)!;
      const entry = byVersion.get(counted.id) ?? { versionId: counted.id, number: counted.number, numbers: [], outcomes: {}, uses: 0 };
      entry.numbers.push(version.number);
      byVersion.set(counted.id, entry);
    }
    for (const row of rows) {
      const counted = under.get(row.version_id as string)!;
      tally(counted.id, counted, row, byVersion);
      if (row.author_id) {
        const entry = tally(`${counted.id}:${row.author_id}`, counted, row, byStaff);
        entry.numbers = byVersion.get(counted.id)!.numbers;
        entry.authorId = row.author_id as string;
        entry.authorName = row.author_name as string;
      }
    }
    const conversion = (entry: Tally): VersionConversion => {
      const reached = entry.uses - (entry.outcomes.no_answer ?? 0);
      return {
        versionId: entry.versionId,
        number: entry.number,
        numbers: entry.numbers,
        uses: entry.uses,
        reached,
        outcomes: entry.outcomes,
        meetingBooked: rateOf(entry.outcomes.meeting_booked ?? 0, reached),
        needFound: rateOf(entry.outcomes.need_found ?? 0, entry.uses),
      };
    };
    const objectionRows = await objectionCounts(this.dataSource.manager, actor.structureId, scriptId);
    const wording = new Map<string, string>();
    for (const version of versions) {
      for (const objection of version.sections.objections) wording.set(objection.key, objection.objection);
    }
    return {
      scriptId,
      kind: script.kind,
      versions: [...byVersion.values()].sort((a, b) => a.number - b.number).map(conversion),
      byStaff: [...byStaff.values()]
        .filter((entry) => entry.uses > 0)
        .map((entry) => ({ ...conversion(entry), authorId: entry.authorId!, authorName: entry.authorName! }))
        .sort((a, b) => a.number - b.number || a.authorName.localeCompare(b.authorName)),
      objections: objectionRows.map((row) => ({ key: row.key, objection: wording.get(row.key) ?? row.key, count: row.count })),
    };
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    input: { kind: ScriptKind; title: string; targeting: ScriptTargeting; sections: ScriptSections; changeNote?: string | null },
    authorId: string | null,
  ): Promise<PitchScript> {
    const scripts = this.scripts.withManager(manager);
    const script = await scripts.save(
      actor,
      scripts.create(actor, { kind: input.kind, title: input.title, currentVersion: 1, archivedAt: null, createdBy: authorId }),
    );
    const versions = this.versions.withManager(manager);
    await versions.save(
      actor,
      versions.create(actor, {
        scriptId: script.id,
        number: 1,
        title: input.title,
        kind: input.kind,
        targeting: input.targeting,
        sections: input.sections,
        changeNote: input.changeNote ?? null,
        authorId,
      }),
    );
    return script;
  }

  private async currentVersions(actor: Actor, scripts: PitchScript[]): Promise<Map<string, PitchScriptVersion>> {
    if (!scripts.length) return new Map();
    const versions = await currentVersionsOf(this.versions, actor, scripts.map((script) => script.id));
    return new Map(versions.map((version) => [version.scriptId, version]));
  }

  private view(script: PitchScript, current: PitchScriptVersion): ScriptView {
    return {
      id: script.id,
      kind: script.kind,
      title: script.title,
      currentVersion: script.currentVersion,
      archived: script.archivedAt !== null,
      targeting: current.targeting,
      createdAt: script.createdAt,
      updatedAt: script.updatedAt,
    };
  }

  private versionView(version: PitchScriptVersion, previous: PitchScriptVersion | undefined, authors: Map<string, string>): VersionView {
    return {
      id: version.id,
      number: version.number,
      title: version.title,
      kind: version.kind,
      targeting: version.targeting,
      sections: version.sections,
      changeNote: version.changeNote,
      authorName: version.authorId ? (authors.get(version.authorId) ?? null) : null,
      createdAt: version.createdAt,
      changes: describeChanges(previous, version),
    };
  }

  private async authorNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (!wanted.length) return new Map();
    const users = await this.dataSource.getRepository(User).findBy({ id: In(wanted) });
    return new Map(users.map((user) => [user.id, `${user.firstName} ${user.lastName}`]));
  }

  private async context(actor: Actor, companyId: string, contactId: string | undefined, candidate?: CandidateProfileDto): Promise<RenderContext> {
    const company = await new ScopedRepository(this.dataSource.getRepository(Company), 'company').get(actor, companyId);
    let contact: Contact | null = null;
    if (contactId) {
      contact = await new ScopedRepository(this.dataSource.getRepository(Contact), 'contact').findOne(actor, { id: contactId });
      if (!contact || contact.companyId !== companyId) {
        throw new ValidationFailedException([
          { field: 'contactId', message: 'contactId must be a contact of this company', ...because(PITCH.contactOfAnotherCompany, { field: 'contactId' }) },
        ]);
      }
    }
    const staff = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    const structure = await this.dataSource.getRepository(Structure).findOneByOrFail({ id: actor.structureId });
    return {
      company: { name: company.name, commune: company.commune, sector: company.sectorLabel },
      contact: { firstName: contact?.firstName, lastName: contact?.lastName, jobTitle: contact?.jobTitle },
      staff: { firstName: staff.firstName, lastName: staff.lastName, phone: staff.phone, email: staff.email },
      structure: { name: structure.name, territory: structure.territory },
      candidate: {
        name: candidate?.firstName ?? candidate?.initials,
        wantedJob: candidate?.wantedJob,
        skills: candidate?.skills?.join(', '),
        strengths: candidate?.strengths?.join(', '),
      },
    };
  }
}
