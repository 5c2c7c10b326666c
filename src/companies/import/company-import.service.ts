import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { stringify } from 'csv-stringify/sync';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner, Repository } from 'typeorm';
import { BusinessDay } from '../../common/calendar/business-day';
import { Clock } from '../../common/clock';
import { Page, PageQuery } from '../../common/pagination';
import { FieldConflictException, ValidationFailedException } from '../../common/validation';
import { AppConfig } from '../../config/env';
import { withTimeout } from '../../common/with-timeout';
import { addJob } from '../../jobs/job-data';
import { JOBS, QUEUES, importJobId } from '../../jobs/queues';
import { erasedEmails, normaliseAddress } from '../../mail/email-suppression';
import { StagesService } from '../../prospection/stages.service';
import { Actor } from '../../tenancy/actor';
import { ScopedRepository } from '../../tenancy/scoped-repository';
import { derivedNames } from '../companies.service';
import { normalizeCompanyName, normalizeSearchText } from '../company-name';
import { DuplicateMode, ImportRowReport, ImportRun } from '../import-run.entity';
import { ImportRunSummary, ImportRunView, RunImportDto, StartImportDto, UploadedCsv } from './company-import.dto';
import {
  activeStaffEmails,
  companiesForDedup,
  companiesToMerge,
  contactsOfCompanies,
  insertFirstStageEvents,
  insertImportedCompanies,
  insertImportedContacts,
  markRunDone,
  markRunFailed,
  markRunRunning,
  MERGEABLE,
  queueDryRunForReal,
  queueUploadedRun,
  releaseRunLock,
  saveRunProgress,
  tryRunLock,
  unfinishedRuns,
  updateMergedCompanies,
} from './company-import.queries';
import { ImportFileStore } from './import-file.store';
import {
  EXPECTED_COLUMNS_MESSAGE,
  excerpt,
  ImportedCompany,
  ImportedContact,
  ImportFormat,
  mapRow,
  ParsedRow,
  peekCsv,
  readCsv,
  RowContext,
  TEMPLATE_COLUMNS,
} from './import-rows';
import { IMPORT, RefusalCode } from '../../refusals/index';
import { because, ConflictRefusal } from '../../refusals/refused';
import { NoParams, RefusalDef } from '../../refusals/define';

export const IMPORT_BATCH_SIZE = 1000;
export const MAX_REJECTED_REPORTED = 1000;
export const MAX_PREVIEW_ROWS = 100;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const ENQUEUE_TIMEOUT_MS = 2000;

/** Where a duplicate key leads: an existing company, and the line of the file that already used it. */
interface Known {
  companyId: string | null;
  name: string;
  line: number | null;
}

type Decision =
  | { action: 'create' }
  | { action: 'skip'; reason: string }
  | { action: 'merge'; companyId: string };

/** Columns a merge may fill when the existing company leaves them empty. */
/** The in-memory duplicate index of one run: the structure's companies, then the file's rows. */
class DuplicateIndex {
  private readonly bySiret = new Map<string, Known>();
  private readonly byName = new Map<string, Known>();

  constructor(
    existing: Array<{ id: string; name: string; siret: string | null; dedup_name: string; postcode: string | null }>,
    private readonly mode: DuplicateMode,
  ) {
    for (const company of existing) {
      const known: Known = { companyId: company.id, name: company.name, line: null };
      if (company.siret) this.bySiret.set(company.siret, known);
      const key = `${company.dedup_name}|${company.postcode ?? ''}`;
      if (!this.byName.has(key)) this.byName.set(key, known);
    }
  }

  /**
   * With a SIRET, a row matches on the SIRET only; without, on the normalised name and postcode.
   * A key already used by an earlier line of the file makes the row an in-file duplicate, skipped
   * in both modes (it would merge into a company the same file just created or completed).
   */
  decide(company: ImportedCompany, line: number): Decision {
    const nameKey = `${normalizeCompanyName(company.name)}|${company.postcode ?? ''}`;
    const match = company.siret ? this.bySiret.get(company.siret) : this.byName.get(nameKey);
    const criterion = company.siret ? 'même SIRET' : 'même nom et code postal';
    if (match) {
      if (match.line !== null) return { action: 'skip', reason: `doublon de la ligne ${match.line} du fichier (${criterion})` };
      match.line = line;
      if (this.mode === 'skip' || !match.companyId) {
        return { action: 'skip', reason: `déjà présente : « ${match.name} » (${criterion})` };
      }
      return { action: 'merge', companyId: match.companyId };
    }
    const known: Known = { companyId: null, name: company.name, line };
    if (company.siret) this.bySiret.set(company.siret, known);
    if (!this.byName.has(nameKey)) this.byName.set(nameKey, known);
    return { action: 'create' };
  }
}

/** Counters and report of a run, carried from batch to batch. */
class RunTally {
  processed: number;
  created: number;
  merged: number;
  skipped: number;
  rejected: number;
  readonly rejectedRows: ImportRowReport[];
  readonly preview: ImportRowReport[];

  constructor(run: ImportRun, resume: boolean) {
    this.processed = resume ? run.processedRows : 0;
    this.created = resume ? run.createdCount : 0;
    this.merged = resume ? run.mergedCount : 0;
    this.skipped = resume ? run.skippedCount : 0;
    this.rejected = resume ? run.rejectedCount : 0;
    this.rejectedRows = resume ? [...(run.report?.rejected ?? [])] : [];
    this.preview = resume ? [...(run.report?.preview ?? [])] : [];
  }

  record(entry: ImportRowReport): void {
    if (entry.action === 'reject') {
      this.rejected++;
      if (this.rejectedRows.length < MAX_REJECTED_REPORTED) this.rejectedRows.push(entry);
    } else if (entry.action === 'skip') this.skipped++;
    else if (entry.action === 'merge') this.merged++;
    else this.created++;
    if (this.preview.length < MAX_PREVIEW_ROWS) this.preview.push(entry);
  }

  report() {
    return { rejected: this.rejectedRows, preview: this.preview };
  }
}

interface PlannedCreate {
  id: string;
  line: number;
  company: ImportedCompany;
  entry: ImportRowReport;
}

interface BatchContext {
  runner: QueryRunner;
  run: ImportRun;
  format: ImportFormat;
  context: RowContext;
  index: DuplicateIndex;
  tally: RunTally;
  entryStageId: string;
}

/** A person of the file to add to a company (new, or completed by a merge). */
interface PlannedContact {
  companyId: string;
  contact: ImportedContact;
}

interface PlannedMerge {
  companyId: string;
  line: number;
  company: ImportedCompany;
  entry: ImportRowReport;
}

/**
 * CSV import of companies. The API streams the file into PostgreSQL (ImportFileStore) under an
 * import_run row and queues it; the worker streams it back, validates every row, then writes in
 * batches (one transaction each), so progress is visible and a run interrupted by a crash resumes
 * after its last committed batch.
 */
@Injectable()
export class CompanyImportService {
  private readonly logger = new Logger(CompanyImportService.name);
  private readonly runs: ScopedRepository<ImportRun>;

  constructor(
    @InjectRepository(ImportRun) private readonly repository: Repository<ImportRun>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
    private readonly stages: StagesService,
    private readonly clock: Clock,
    private readonly businessDay: BusinessDay,
    private readonly files: ImportFileStore,
    private readonly config: AppConfig,
  ) {
    this.runs = new ScopedRepository(repository, 'import');
  }

  // ---- API side -------------------------------------------------------------------------------

  /** Our template: header and one example row, UTF-8 with BOM and `;` for French Excel. */
  template(): string {
    const example = [
      'Boulangerie Dupont',
      '73282932000074',
      '10.71C',
      '',
      '02',
      '12 rue de la Gare',
      '59000',
      'Lille',
      'Métropole lilloise',
      'https://www.boulangerie-dupont.fr',
      '03 20 00 00 00',
      'Prospection directe',
      '',
      'alimentaire, job dating',
      'Cherche un vendeur pour le printemps',
      'Sophie',
      'Dupont',
      'Gérante',
      's.dupont@exemple.fr',
      '06 12 34 56 78',
    ];
    return stringify([[...TEMPLATE_COLUMNS], example], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  }

  /**
   * Queues the file the upload interceptor has just stored, once its header row is known and a
   * data row follows; any refusal here leaves the interceptor to remove the file.
   */
  async start(actor: Actor, file: UploadedCsv | undefined, input: StartImportDto): Promise<ImportRunView> {
    if (!file) throw fileProblem(IMPORT.fileRequired, 'a CSV file is required (multipart field "file")');
    if (file.size === 0 || (file.complete && !file.head.trim())) throw fileProblem(IMPORT.fileEmpty, 'the file is empty');
    if (file.hasNul) throw fileProblem(IMPORT.notCsv, 'the file is not a text CSV file');
    let peek: ReturnType<typeof peekCsv>;
    try {
      peek = peekCsv(file.head, file.complete);
    } catch (error) {
      throw fileProblem(IMPORT.notCsv, `the file is not a readable CSV file (${(error as Error).message})`);
    }
    if (!peek.format) {
      throw fileProblem(IMPORT.columnsUnrecognised, `${EXPECTED_COLUMNS_MESSAGE}; found: ${peek.headers.slice(0, 20).map(excerpt).join(', ')}`);
    }
    if (!peek.hasRows) throw fileProblem(IMPORT.noDataRow, 'the file has a header row but no data row');
    const queued = await queueUploadedRun(this.repository.manager, actor.structureId, file.importRunId, {
      duplicates: input.duplicates ?? 'skip',
      dryRun: input.dryRun ?? true,
      format: peek.format,
      encoding: file.encoding,
    });
    if (!queued) throw fileProblem(IMPORT.uploadAbandoned, 'the upload was abandoned before it was complete; send the file again');
    await this.enqueue(file.importRunId, input.dryRun ?? true);
    return this.get(actor, file.importRunId);
  }

  async get(actor: Actor, id: string): Promise<ImportRunView> {
    return ImportRunView.of(await this.runs.get(actor, id), this.retention());
  }

  /** How long a file is kept, for what the runs say of it. */
  private retention() {
    return { keepDays: this.config.IMPORT_FILE_RETENTION_DAYS, timeZone: this.config.BUSINESS_TIME_ZONE };
  }

  async list(actor: Actor, page: PageQuery): Promise<Page<ImportRunSummary>> {
    const [runs, total] = await this.runs.findAndCount(actor, {
      order: { createdAt: 'DESC', id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: runs.map((run) => ImportRunSummary.of(run, this.retention())), total, limit: page.limit, offset: page.offset };
  }

  /** After a finished dry run: the same file, for real, on the same row. */
  async runForReal(actor: Actor, id: string, input: RunImportDto): Promise<ImportRunView> {
    const run = await this.runs.get(actor, id);
    const queued = await queueDryRunForReal(this.repository.manager, actor.structureId, id, input.duplicates ?? run.duplicates);
    if (!queued) {
      // Read again: the daily purge may have taken the file since `run` was read.
      const current = await this.runs.get(actor, id);
      if (current.dryRun && current.status === 'done' && current.fileDeletedAt) {
        throw new FieldConflictException([
          {
            field: 'file',
            ...because(IMPORT.fileDeleted, { days: this.config.IMPORT_FILE_RETENTION_DAYS }),
            message: `the file of import ${id} was deleted, ${this.config.IMPORT_FILE_RETENTION_DAYS} days after its dry run finished; send the file again`,
          },
        ]);
      }
      throw new ConflictRefusal(
        because(IMPORT.notStartable),
        run.dryRun
          ? `Import ${id} is a dry run still ${run.status}; it can be run for real once it is done`
          : `Import ${id} is not a dry run; it cannot be run again`,
      );
    }
    await this.enqueue(id, false);
    return this.get(actor, id);
  }

  /** Best effort: when Redis does not answer, the reconciler queues the run later. */
  private async enqueue(id: string, dryRun: boolean): Promise<void> {
    try {
      await withTimeout(
        addJob(
          this.queue,
          JOBS.importCompanies,
          { importRunId: id },
          { jobId: importJobId(id, dryRun), attempts: 1, removeOnComplete: true, removeOnFail: true },
        ),
        ENQUEUE_TIMEOUT_MS,
        'Redis',
      );
    } catch (error) {
      this.logger.warn(`could not queue import ${id} now (${String(error)}); the reconciler will`);
    }
  }

  // ---- worker side ----------------------------------------------------------------------------

  /**
   * Queues again the runs PostgreSQL says are unfinished (a no-op for those Redis still holds),
   * and removes the uploads abandoned half-way.
   */
  async reconcile(): Promise<number> {
    await this.files.discardStale();
    const runs = await unfinishedRuns(this.dataSource.manager);
    for (const run of runs) await this.enqueue(run.id, run.dry_run);
    return runs.length;
  }

  /** The daily purge of what finished runs keep of their files (see import-retention.ts). */
  purgeExpiredFiles(): Promise<{ files: number; reports: number }> {
    return this.files.purge(this.clock.now(), this.config.IMPORT_FILE_RETENTION_DAYS);
  }

  /**
   * Processes one run. A session-level advisory lock held on a dedicated connection makes a
   * second job for the same run (a stalled job re-queued while the first still works) a no-op;
   * it is released when the connection ends, even if the process dies.
   */
  async process(importRunId: string): Promise<'done' | 'failed' | 'skipped'> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `import_run:${importRunId}`;
    try {
      const locked = await tryRunLock(runner.manager, lockKey);
      if (!locked) return 'skipped';
      try {
        return await this.processLocked(runner, importRunId);
      } finally {
        await releaseRunLock(runner.manager, lockKey);
      }
    } finally {
      await runner.release();
    }
  }

  private async processLocked(runner: QueryRunner, importRunId: string): Promise<'done' | 'failed' | 'skipped'> {
    const run = await runner.manager.getRepository(ImportRun).findOneBy({ id: importRunId });
    if (!run || (run.status !== 'pending' && run.status !== 'running')) return 'skipped';
    try {
      await this.execute(runner, run);
      return 'done';
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      this.logger.error(`import ${run.id} failed: ${(error as Error).stack ?? String(error)}`);
      // Batches already committed stay: the report says how far the run went. A failed run is
      // never run again, so its file goes.
      // Marked failed and file dropped in one transaction: nobody sees a failed run still holding it.
      const message = `Erreur inattendue : ${String((error as Error).message ?? error).slice(0, 500)}`;
      await runner.manager.transaction(async (manager) => {
        await markRunFailed(manager, run.id, message, this.clock.now());
        await this.files.drop(manager, run.id, this.clock.now());
      });
      return 'failed';
    }
  }

  /** The file's rows, streamed from its chunks through the worker's own connection. */
  private openFile(runner: QueryRunner, run: ImportRun) {
    return readCsv(this.files.chunks(runner.manager, run.id), run.encoding);
  }

  private async execute(runner: QueryRunner, run: ImportRun): Promise<void> {
    // A run found "running" was interrupted (worker crash, Redis restart): it resumes after its
    // last committed batch, with the counters and report saved with that batch.
    const resume = run.status === 'running';
    // A first pass counts the rows, for the progress bar; the file is read again to import them.
    let totalRows = 0;
    const counting = (await this.openFile(runner, run)).rows[Symbol.asyncIterator]();
    while (!(await counting.next()).done) totalRows++;
    const file = await this.openFile(runner, run);
    const format = (file.format ?? run.format) as ImportFormat | null;
    if (!format) throw new Error('the header row matches no known format');
    const startedAt = resume && run.startedAt ? run.startedAt : this.clock.now();
    await markRunRunning(runner.manager, run.id, format, totalRows, startedAt);

    const structureId = run.structureId;
    await this.stages.ensureDefaults(structureId);
    const entry = await this.stages.entryStage({ userId: run.createdBy ?? '', structureId, role: 'staff' });
    const staff = await activeStaffEmails(runner.manager, structureId);
    const context = { staffByEmail: new Map(staff.map((user) => [user.email.toLowerCase(), user.id])) };
    const existing = await companiesForDedup(runner.manager, structureId);
    const index = new DuplicateIndex(existing, run.duplicates);
    const tally = new RunTally(run, resume);
    const batchOf = { runner, run, format, context, index, tally, entryStageId: entry.id };

    let seen = 0;
    let batch: ParsedRow[] = [];
    for await (const row of file.rows) {
      // Rows of committed batches are replayed into the duplicate index only (no counting, no writes).
      if (seen++ < tally.processed) {
        const mapped = mapRow(format, row.record, context);
        if (mapped.ok) index.decide(mapped.company, row.line);
        continue;
      }
      batch.push(row);
      if (batch.length === IMPORT_BATCH_SIZE) {
        await this.processBatch(batchOf, batch);
        batch = [];
      }
    }
    if (batch.length) await this.processBatch(batchOf, batch);

    // A dry run keeps its file for the real run; after the real run nothing reads it again. The
    // file goes in the transaction that marks the run done, so a done real run never holds it.
    await runner.manager.transaction(async (manager) => {
      await markRunDone(manager, run.id, this.clock.now());
      if (!run.dryRun) await this.files.drop(manager, run.id, this.clock.now());
    });
  }

  /** Validates, decides and (unless a dry run) writes one batch of rows, in one transaction. */
  private async processBatch(
    { runner, run, format, context, index, tally, entryStageId }: BatchContext,
    batch: ParsedRow[],
  ): Promise<void> {
    const structureId = run.structureId;
    const creates: PlannedCreate[] = [];
    const merges: PlannedMerge[] = [];
    const settled: ImportRowReport[] = [];
    for (const row of batch) {
      const mapped = mapRow(format, row.record, context);
      if (!mapped.ok) {
        settled.push({ line: row.line, action: 'reject', name: mapped.name, siret: mapped.siret, reason: mapped.reason });
        continue;
      }
      const { company } = mapped;
      const decision = index.decide(company, row.line);
      const base = { line: row.line, name: company.name, siret: company.siret };
      if (decision.action === 'skip') settled.push({ ...base, action: 'skip', reason: decision.reason });
      else if (decision.action === 'merge') {
        merges.push({ companyId: decision.companyId, line: row.line, company, entry: { ...base, action: 'merge' } });
      } else {
        const reason = company.contact ? 'avec un contact' : null;
        creates.push({ id: randomUUID(), line: row.line, company, entry: { ...base, action: 'create', reason } });
      }
    }

    if (!run.dryRun) await runner.startTransaction();
    const { outcomes: merged, contacts } = await this.merge(runner, structureId, merges, !run.dryRun);
    const inserted = run.dryRun
      ? new Set(creates.map((create) => create.id))
      : await this.insert(runner, run, entryStageId, creates);
    for (const create of creates) {
      if (create.company.contact && inserted.has(create.id)) contacts.push({ companyId: create.id, contact: create.company.contact });
    }
    if (!run.dryRun) await this.insertContacts(runner, structureId, contacts);
    // Record in line order, so the preview reads like the file.
    const outcomes: ImportRowReport[] = [
      ...settled,
      ...merges.map((merge) => merged.get(merge.companyId)!),
      ...creates.map((create) =>
        inserted.has(create.id)
          ? create.entry
          : { ...create.entry, action: 'skip' as const, reason: 'créée entre-temps par une autre saisie (même SIRET)' },
      ),
    ].sort((a, b) => a.line - b.line);
    for (const outcome of outcomes) tally.record(outcome);
    tally.processed += batch.length;
    await this.saveProgress(runner, run.id, tally);
    if (!run.dryRun) await runner.commitTransaction();
  }

  /**
   * Fills the existing companies' empty fields and adds the new tags (bumping `version` only when
   * something changes). In a dry run, only reads, to say what would be filled. Also says which
   * of the file's people the companies do not have yet (same e-mail, or same first and last name).
   */
  private async merge(
    runner: QueryRunner,
    structureId: string,
    merges: PlannedMerge[],
    write: boolean,
  ): Promise<{ outcomes: Map<string, ImportRowReport>; contacts: PlannedContact[] }> {
    const outcomes = new Map<string, ImportRowReport>();
    const contacts: PlannedContact[] = [];
    if (!merges.length) return { outcomes, contacts };
    const known = await this.knownContacts(runner, structureId, merges);
    const rows = await companiesToMerge(runner.manager, structureId, merges.map((merge) => merge.companyId), write);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const updates: Array<Record<string, unknown>> = [];
    for (const merge of merges) {
      const current = byId.get(merge.companyId);
      if (!current) {
        outcomes.set(merge.companyId, { ...merge.entry, action: 'skip', reason: 'entreprise supprimée entre-temps' });
        continue;
      }
      const update: Record<string, unknown> = { id: current.id };
      const filled: string[] = [];
      for (const [field, column, label] of MERGEABLE) {
        const value = merge.company[field];
        update[column] = current[column];
        if ((current[column] === null || current[column] === '') && value !== null && value !== '') {
          update[column] = value;
          filled.push(label);
        }
      }
      const newTags = merge.company.tags.filter((tag) => !current.tags.includes(tag));
      update.tags = [...current.tags, ...newTags];
      if (newTags.length) filled.push(`étiquettes (${newTags.join(', ')})`);
      update.search_commune = derivedNames(current.name, update.commune as string | null).searchCommune;
      if (filled.length) updates.push(update);
      const person = merge.company.contact;
      if (person && !known.has(contactKey(current.id, person.lastName, person.firstName)) && !(person.email && known.has(contactKey(current.id, person.email)))) {
        contacts.push({ companyId: current.id, contact: person });
        filled.push('un contact');
      }
      outcomes.set(merge.companyId, {
        ...merge.entry,
        reason: filled.length ? `complète : ${filled.join(', ')}` : 'rien à compléter',
      });
    }
    if (write && updates.length) {
      await updateMergedCompanies(runner.manager, structureId, updates);
    }
    return { outcomes, contacts };
  }

  /** The people the merged companies already have, by company and e-mail, and by company and name. */
  private async knownContacts(runner: QueryRunner, structureId: string, merges: PlannedMerge[]): Promise<Set<string>> {
    const companyIds = [...new Set(merges.filter((merge) => merge.company.contact).map((merge) => merge.companyId))];
    if (!companyIds.length) return new Set();
    const rows = await contactsOfCompanies(runner.manager, structureId, companyIds);
    return new Set(
      rows.flatMap((row) => [
        contactKey(row.company_id, row.last_name, row.first_name),
        ...(row.email ? [contactKey(row.company_id, row.email)] : []),
      ]),
    );
  }

  /**
   * The file's people, on their companies: a direct line is the person's, never the company's. An
   * address that belonged to an erased contact comes in opted out, as through the contact form.
   */
  private async insertContacts(runner: QueryRunner, structureId: string, planned: PlannedContact[]): Promise<void> {
    if (!planned.length) return;
    const emails = planned.flatMap(({ contact }) => (contact.email ? [contact.email] : []));
    const erased = await erasedEmails(runner.manager, this.config.SUPPRESSION_HASH_SECRET, structureId, emails);
    const rows = planned.map(({ companyId, contact }) => ({
      company_id: companyId,
      first_name: contact.firstName,
      last_name: contact.lastName,
      job_title: contact.jobTitle,
      email: contact.email,
      phone: contact.phone,
      email_opt_out: !!contact.email && erased.has(normaliseAddress(contact.email)),
    }));
    await insertImportedContacts(runner.manager, structureId, this.clock.now(), rows);
  }

  /**
   * One multi-row INSERT for the batch's new companies and one for their first stage events. A
   * SIRET created meanwhile by someone else hits the unique index: that row is skipped, not the batch.
   */
  private async insert(runner: QueryRunner, run: ImportRun, stageId: string, creates: PlannedCreate[]): Promise<Set<string>> {
    if (!creates.length) return new Set();
    const now = this.clock.now();
    const rows = creates.map(({ id, company }) => ({
      id,
      name: company.name,
      ...snakeNames(company.name, company.commune),
      siret: company.siret,
      naf_code: company.nafCode,
      sector_label: company.sectorLabel,
      headcount_band: company.headcountBand,
      address: company.address,
      postcode: company.postcode,
      commune: company.commune,
      territory: company.territory,
      website: company.website,
      phone: company.phone,
      source: company.source,
      owner_id: company.ownerId,
      tags: company.tags,
      notes: company.notes,
    }));
    const ids = await insertImportedCompanies(runner.manager, run, stageId, { now, today: this.businessDay.today() }, rows);
    if (ids.length) {
      await insertFirstStageEvents(runner.manager, run, stageId, now, ids);
    }
    return new Set(ids);
  }

  private async saveProgress(runner: QueryRunner, id: string, tally: RunTally): Promise<void> {
    await saveRunProgress(runner.manager, id, tally, tally.report());
  }
}

/** Who a contact is, for telling whether a company already has them: case and accents aside. */
function contactKey(companyId: string, ...parts: Array<string | null>): string {
  return [companyId, ...parts.map((part) => normalizeSearchText(part ?? ''))].join('|');
}

function snakeNames(name: string, commune: string | null) {
  const names = derivedNames(name, commune);
  return { search_name: names.searchName, dedup_name: names.dedupName, search_commune: names.searchCommune };
}

/** A refused file: the code of what is wrong with it. */
function fileProblem(def: RefusalDef<RefusalCode, NoParams>, message: string): ValidationFailedException {
  return new ValidationFailedException([{ field: 'file', message, code: def.code, params: {} }]);
}

