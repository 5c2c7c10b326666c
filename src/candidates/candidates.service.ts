import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService, SensitiveRead } from '../audit/audit.service';
import { Page, PageQuery } from '../common/pagination';
import { FieldProblem, rejectNulls, ValidationFailedException } from '../common/validation';
import { CONTRACT_TYPE_LABELS, ContractType, EXIT_CATEGORY_LABELS, SHIFT_LABELS } from '../placements/contract-types';
import { exitCategoryOf } from '../placements/exit-category';
import { Placement } from '../placements/placement.entity';
import { spreadsheetSafe } from '../prospection/board-export.service';
import { Actor } from '../tenancy/actor';
import { ScopedRepository } from '../tenancy/scoped-repository';
import { User } from '../users/user.entity';
import { Candidate, CONSTRAINT_CATEGORIES, ConstraintCategory, REFERRER_LABELS } from './candidate.entity';
import {
  CandidateExportQuery,
  CandidateFilterDto,
  ConstraintsDto,
  CreateCandidateDto,
  ExitCandidateDto,
  UpdateCandidateDto,
} from './dto/candidate.dto';
import { CANDIDATE_STATUS_LABELS } from './dto/candidate-view.dto';
import { assertActiveStaff } from '../users/staff';
import { lockAtVersion } from './support';
import { filteredCandidates } from './candidates.queries';
import { parseWantedJobs } from './wanted-jobs';
import { spreadsheetDay } from '../common/spreadsheet';
import { AUTH, CANDIDATE } from '../refusals/index';
import { because, ConflictRefusal, ForbiddenRefusal } from '../refusals/refused';

const CONSTRAINT_HEADERS: Record<ConstraintCategory, string> = {
  mobility: 'Freins — mobilité',
  childcare: 'Freins — garde d’enfants',
  housing: 'Freins — logement',
  health: 'Freins — santé',
  language: 'Freins — langue',
  administrative: 'Freins — administratif',
};

/** Export columns, French headers. The sensitive ones come only on request, for managers. */
const COLUMNS: Record<string, string> = {
  last_name: 'Nom',
  first_name: 'Prénom',
  email: 'E-mail',
  phone: 'Téléphone',
  referrer: 'Prescripteur',
  referrer_name: 'Conseiller·ère du prescripteur',
  entry_date: 'Date d’entrée',
  structure_contract: 'Contrat dans la structure',
  structure_contract_end: 'Fin du contrat',
  wanted_jobs: 'Métiers recherchés',
  strengths: 'Atouts',
  skills: 'Compétences',
  driving_licence: 'Permis B',
  has_vehicle: 'Véhicule',
  home_commune: 'Commune',
  reachable_communes: 'Communes accessibles',
  mobility_radius_km: 'Rayon de mobilité (km)',
  hours_per_week: 'Heures par semaine',
  shifts: 'Horaires acceptés',
  available_from: 'Disponible à partir du',
  status: 'Statut',
  exit_category: 'Catégorie de sortie',
  exit_date: 'Date de sortie',
  owner: 'Référent·e',
};
const SENSITIVE_COLUMNS: Record<string, string> = {
  ...Object.fromEntries(CONSTRAINT_CATEGORIES.map((category) => [`constraint_${category}`, CONSTRAINT_HEADERS[category]])),
  notes: 'Notes',
};

/** French Excel reads dd/mm/yyyy as a date. */
const frenchDay = (day: string | null) => (day ? spreadsheetDay(day) : '');

type CandidateFields = Omit<UpdateCandidateDto, 'version'>;

/** People on an insertion path (personnes accompagnées). */
@Injectable()
export class CandidatesService {
  private readonly candidates: ScopedRepository<Candidate>;
  private readonly placements: ScopedRepository<Placement>;

  constructor(
    @InjectRepository(Candidate) candidates: Repository<Candidate>,
    @InjectRepository(Placement) placements: Repository<Placement>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.candidates = new ScopedRepository(candidates, 'candidate');
    this.placements = new ScopedRepository(placements, 'placement');
  }

  get(actor: Actor, id: string): Promise<Candidate> {
    return this.candidates.get(actor, id);
  }

  /**
   * The whole record, constraints and notes included, for the candidate's page or the API: every
   * such read is recorded (who, when, which person) before anything is shown.
   */
  async readSensitive(actor: Actor, id: string, read: SensitiveRead): Promise<Candidate> {
    const candidate = await this.candidates.get(actor, id);
    await this.audit.recordSensitiveRead(actor, candidate.id, read);
    return candidate;
  }

  /**
   * An answer that carries a stored record's constraints and notes back (after a creation or an
   * edit) is a read too: `path` is the route that answered.
   */
  recordSensitiveRead(actor: Actor, candidate: Candidate, path: string): Promise<void> {
    return this.audit.recordSensitiveRead(actor, candidate.id, { via: 'api', path });
  }

  async list(actor: Actor, filter: CandidateFilterDto, page: PageQuery): Promise<Page<Candidate>> {
    const query = this.filtered(actor, filter);
    const [items, total] = await query.offset(page.offset).limit(page.limit).getManyAndCount();
    return { items, total, limit: page.limit, offset: page.offset };
  }

  async create(actor: Actor, input: CreateCandidateDto): Promise<Candidate> {
    this.rejectNulls(input);
    const changes = this.checked(input, { status: 'on_path', exitCategory: null, exitDate: null, entryDate: null });
    await assertActiveStaff(this.dataSource, actor, { ownerId: input.ownerId });
    return this.dataSource.transaction(async (manager) => {
      const candidates = this.candidates.withManager(manager);
      const saved = await candidates.save(
        actor,
        candidates.create(actor, {
          email: null,
          phone: null,
          referrerName: null,
          entryDate: null,
          structureContractType: null,
          structureContractEnd: null,
          homeCommune: null,
          mobilityRadiusKm: null,
          hoursPerWeek: null,
          availableFrom: null,
          notes: null,
          ownerId: null,
          ...changes,
        }),
      );
      const created = await candidates.get(actor, saved.id);
      await this.audit.record(manager, actor, { entity: 'candidate', entityId: created.id, action: 'create', before: null, after: created });
      return created;
    });
  }

  async update(actor: Actor, id: string, input: UpdateCandidateDto): Promise<Candidate> {
    const { version, ...fields } = input;
    this.rejectNulls(fields);
    rejectNulls(fields, ['firstName', 'lastName']);
    await assertActiveStaff(this.dataSource, actor, { ownerId: fields.ownerId });
    return this.dataSource.transaction(async (manager) => {
      const candidates = this.candidates.withManager(manager);
      const candidate = await lockAtVersion(candidates, actor, id, version, 'candidate');
      refuseAnonymised(candidate);
      const before = { ...candidate };
      Object.assign(candidate, this.checked(fields, candidate), { version: candidate.version + 1 });
      const saved = await candidates.save(actor, candidate);
      await this.audit.record(manager, actor, { entity: 'candidate', entityId: id, action: 'update', before, after: saved });
      return saved;
    });
  }

  /**
   * Marks the person exited (sortie) on a date. The category defaults to the one derived from their
   * latest placement that started (a PMSMP counts for nothing); without one it must be given.
   */
  async exit(actor: Actor, id: string, input: ExitCandidateDto): Promise<Candidate> {
    return this.dataSource.transaction(async (manager) => {
      const candidates = this.candidates.withManager(manager);
      const candidate = await lockAtVersion(candidates, actor, id, input.version, 'candidate');
      refuseAnonymised(candidate);
      if (candidate.status === 'exited') {
        throw new ConflictRefusal(
          because(CANDIDATE.alreadyExited, { candidateId: candidate.id, exitDate: candidate.exitDate ?? 'none' }),
          `status: ${candidate.firstName} ${candidate.lastName} has already exited on ${candidate.exitDate}`,
          'status',
        );
      }
      const exitCategory = input.exitCategory ?? (await this.derivedExitCategory(actor, id, manager));
      const problems: FieldProblem[] = [];
      if (!exitCategory) {
        problems.push({
          field: 'exitCategory',
          message: 'exitCategory is required: no started placement to derive it from',
          ...because(CANDIDATE.exitCategoryUnderivable, { field: 'exitCategory' }),
        });
      }
      if (candidate.entryDate && input.exitDate < candidate.entryDate) {
        problems.push({
          field: 'exitDate',
          message: `exitDate must not be before the entry date (${candidate.entryDate})`,
          ...because(CANDIDATE.exitBeforeEntry, { field: 'exitDate', entryDate: candidate.entryDate }),
        });
      }
      if (problems.length) throw new ValidationFailedException(problems);
      const before = { ...candidate };
      Object.assign(candidate, { status: 'exited', exitCategory, exitDate: input.exitDate, version: candidate.version + 1 });
      const saved = await candidates.save(actor, candidate);
      await this.audit.record(manager, actor, { entity: 'candidate', entityId: id, action: 'exit', before, after: saved });
      return saved;
    });
  }

  /** The exit category of the person's latest placement that started (contracts only). */
  async derivedExitCategory(actor: Actor, candidateId: string, manager: EntityManager = this.dataSource.manager) {
    const placements = await this.placements.withManager(manager).find(actor, {
      where: { candidateId, status: In(['started', 'ended']) },
      order: { startDate: 'DESC', createdAt: 'DESC' },
    });
    for (const placement of placements) {
      const category = exitCategoryOf(placement);
      if (category) return category;
    }
    return null;
  }

  /** The filtered list as CSV for French Excel (UTF-8 with BOM, `;`); constraints and notes only on request, for managers. */
  async export(actor: Actor, query: CandidateExportQuery, output: Writable): Promise<void> {
    this.assertMayExport(actor, query);
    const sensitive = query.sensitive === true;
    const rows = await this.filtered(actor, query).getMany();
    // Recorded before the first byte leaves: an export nobody can account for never happens.
    if (sensitive) await this.audit.recordSensitiveExport(actor, rows.map((row) => row.id), 'export', undefined, 'GET /api/candidates/export.csv');
    const ownerIds = [...new Set(rows.map((row) => row.ownerId).filter((owner): owner is string => !!owner))];
    const owners = ownerIds.length
      ? await this.dataSource.getRepository(User).find({ where: { id: In(ownerIds), structureId: actor.structureId } })
      : [];
    const ownerNames = new Map(owners.map((owner) => [owner.id, `${owner.firstName} ${owner.lastName}`]));
    const columns = { ...COLUMNS, ...(sensitive ? SENSITIVE_COLUMNS : {}) };
    const csv = stringify({ bom: true, delimiter: ';', header: true, columns: Object.entries(columns).map(([key, header]) => ({ key, header })) });
    const done = pipeline(csv, output);
    const yesNo = (value: boolean) => (value ? 'oui' : 'non');
    for (const c of rows) {
      const row: Record<string, unknown> = {
        last_name: c.lastName,
        first_name: c.firstName,
        email: c.email,
        phone: c.phone,
        referrer: REFERRER_LABELS[c.referrer],
        referrer_name: c.referrerName,
        entry_date: frenchDay(c.entryDate),
        structure_contract: c.structureContractType ? (CONTRACT_TYPE_LABELS[c.structureContractType as ContractType] ?? c.structureContractType) : '',
        structure_contract_end: frenchDay(c.structureContractEnd),
        wanted_jobs: c.wantedJobs.map((job) => (job.romeCode ? `${job.label} (${job.romeCode})` : job.label)).join(' | '),
        strengths: c.strengths.join(', '),
        skills: c.skills.join(', '),
        driving_licence: yesNo(c.drivingLicence),
        has_vehicle: yesNo(c.hasVehicle),
        home_commune: c.homeCommune,
        reachable_communes: c.reachableCommunes.join(', '),
        mobility_radius_km: c.mobilityRadiusKm,
        hours_per_week: c.hoursPerWeek,
        shifts: c.shifts.map((shift) => SHIFT_LABELS[shift] ?? shift).join(', '),
        available_from: frenchDay(c.availableFrom),
        status: CANDIDATE_STATUS_LABELS[c.status],
        exit_category: c.exitCategory ? EXIT_CATEGORY_LABELS[c.exitCategory] : '',
        exit_date: frenchDay(c.exitDate),
        owner: c.ownerId ? (ownerNames.get(c.ownerId) ?? '') : '',
      };
      if (sensitive) {
        for (const category of CONSTRAINT_CATEGORIES) row[`constraint_${category}`] = c.constraints[category] ?? '';
        row.notes = c.notes;
      }
      const safe = Object.fromEntries(Object.entries(row).map(([key, value]) => [key, spreadsheetSafe(value ?? '')]));
      if (!csv.write(safe)) await new Promise((resolve) => csv.once('drain', resolve));
    }
    csv.end();
    await done;
  }

  /** Constraints and notes leave the application only at a manager's or an admin's request. */
  assertMayExport(actor: Actor, query: CandidateExportQuery): void {
    if (query.sensitive === true && actor.role === 'staff') {
      throw new ForbiddenRefusal(because(AUTH.sensitiveExportReserved), 'sensitive: exporting constraints and notes is reserved to managers and admins', 'sensitive');
    }
  }

  private filtered(actor: Actor, filter: CandidateFilterDto): SelectQueryBuilder<Candidate> {
    return filteredCandidates(this.candidates, actor, filter);
  }

  private rejectNulls(fields: CandidateFields): void {
    rejectNulls(fields, ['referrer', 'wantedJobs', 'strengths', 'skills', 'drivingLicence', 'hasVehicle']);
    rejectNulls(fields, ['reachableCommunes', 'shifts', 'constraints', 'status']);
  }

  /**
   * The changes to write, checked as a whole against the current values: wanted jobs item by item,
   * and an exited status with its category and date (and only then).
   */
  private checked(
    fields: CandidateFields,
    current: Pick<Candidate, 'status' | 'exitCategory' | 'exitDate' | 'entryDate'>,
  ): Partial<Candidate> {
    const { wantedJobs, constraints, ...rest } = fields;
    const changes: Partial<Candidate> = { ...(rest as Partial<Candidate>) };
    const problems: FieldProblem[] = [];
    if (wantedJobs !== undefined) {
      const parsed = parseWantedJobs(wantedJobs);
      problems.push(...parsed.problems);
      changes.wantedJobs = parsed.jobs;
    }
    if (constraints !== undefined) changes.constraints = cleanConstraints(constraints);
    const status = changes.status ?? current.status;
    if (status === 'exited') {
      const exitCategory = fields.exitCategory === undefined ? current.exitCategory : fields.exitCategory;
      const exitDate = fields.exitDate === undefined ? current.exitDate : fields.exitDate;
      const entryDate = fields.entryDate === undefined ? current.entryDate : fields.entryDate;
      if (!exitCategory) {
        problems.push({
          field: 'exitCategory',
          message: 'exitCategory is required when status is exited',
          ...because(CANDIDATE.exitCategoryRequired, { field: 'exitCategory' }),
        });
      }
      if (!exitDate) {
        problems.push({ field: 'exitDate', message: 'exitDate is required when status is exited', ...because(CANDIDATE.exitDateRequired, { field: 'exitDate' }) });
      }
      else if (entryDate && exitDate < entryDate) {
        problems.push({
          field: 'exitDate',
          message: `exitDate must not be before the entry date (${entryDate})`,
          ...because(CANDIDATE.exitBeforeEntry, { field: 'exitDate', entryDate }),
        });
      }
    } else {
      for (const field of ['exitCategory', 'exitDate'] as const) {
        if (fields[field]) problems.push({ field, message: `${field} is only set when status is exited`, ...because(CANDIDATE.onlyWhenExited, { field }) });
      }
      changes.exitCategory = null;
      changes.exitDate = null;
    }
    if (problems.length) throw new ValidationFailedException(problems);
    return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<Candidate>;
  }
}

/** Only the categories with something written. */
function cleanConstraints(constraints: ConstraintsDto): Partial<Record<ConstraintCategory, string>> {
  return Object.fromEntries(
    CONSTRAINT_CATEGORIES.flatMap((category) => {
      const text = constraints[category];
      return typeof text === 'string' && text ? [[category, text]] : [];
    }),
  );
}

/** An anonymised record stays anonymous: typing the person back in would undo the erasure. */
function refuseAnonymised(candidate: Candidate): void {
  if (candidate.anonymisedAt) {
    throw new ConflictRefusal(because(CANDIDATE.anonymised, { candidateId: candidate.id }), 'This person’s record was anonymised: it can no longer be edited');
  }
}
