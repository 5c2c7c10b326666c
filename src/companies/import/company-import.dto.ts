import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { DUPLICATE_MODES, DuplicateMode, IMPORT_STATUSES, ImportRowReport, ImportRun, ImportStatus } from '../import-run.entity';
import { CsvEncoding } from './import-rows';
import { importFileNotice, keptUntilDay } from './import-retention';

/** How long files are kept (IMPORT_FILE_RETENTION_DAYS), to say it with each run. */
export interface FileRetention {
  keepDays: number;
  timeZone: string;
}

/** Multipart form fields sent with the file (they arrive as text). */
export class StartImportDto {
  @ApiPropertyOptional({ enum: DUPLICATE_MODES, default: 'skip' })
  @IsOptional()
  @IsIn(DUPLICATE_MODES, { message: `duplicates must be one of ${DUPLICATE_MODES.join(', ')}` })
  duplicates?: DuplicateMode;

  @ApiPropertyOptional({ default: true, description: 'true: validate and preview only, nothing is written' })
  @IsOptional()
  @Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const text = value.trim().toLowerCase();
    return text === 'true' ? true : text === 'false' ? false : value;
  })
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class RunImportDto {
  @ApiPropertyOptional({ enum: DUPLICATE_MODES, description: 'Default: the mode of the dry run' })
  @IsOptional()
  @IsIn(DUPLICATE_MODES, { message: `duplicates must be one of ${DUPLICATE_MODES.join(', ')}` })
  duplicates?: DuplicateMode;
}

/** What the upload interceptor hands over: the file is already in PostgreSQL, under an `uploading` run. */
export interface UploadedCsv {
  importRunId: string;
  size: number;
  /** Whether the file holds a NUL byte (it is then no text file). */
  hasNul: boolean;
  encoding: CsvEncoding;
  /** The decoded beginning of the file, to check its header row. */
  head: string;
  /** Whether `head` is the whole file. */
  complete: boolean;
}

export class ImportRejectedRow {
  @ApiProperty() line!: number;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiPropertyOptional({ nullable: true }) siret!: string | null;
}

export class ImportPreviewRow {
  @ApiProperty() line!: number;
  @ApiProperty({ enum: ['create', 'merge', 'skip', 'reject'] }) action!: ImportRowReport['action'];
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiPropertyOptional({ nullable: true }) siret!: string | null;
  @ApiPropertyOptional({ nullable: true }) reason!: string | null;
}

/** A run in lists: everything but the per-row report. */
export class ImportRunSummary {
  @ApiProperty() id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiPropertyOptional({ enum: ['tremplin', 'sirene'], nullable: true }) format!: string | null;
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ enum: DUPLICATE_MODES }) duplicates!: DuplicateMode;
  @ApiProperty({ description: 'Data rows of the file (blank lines excluded)' }) totalRows!: number;
  @ApiProperty({ description: 'Progress: processedRows / totalRows' }) processedRows!: number;
  @ApiProperty() createdCount!: number;
  @ApiProperty() mergedCount!: number;
  @ApiProperty() skippedCount!: number;
  @ApiProperty() rejectedCount!: number;
  @ApiPropertyOptional({ nullable: true }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The staff member who sent the file' }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ nullable: true }) startedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) finishedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'When the file was deleted (end of the real run, failure, or end of its retention)' })
  fileDeletedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'When the row-by-row report was deleted (IMPORT_FILE_RETENTION_DAYS after the run finished)' })
  reportDeletedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'Last day (YYYY-MM-DD, business time zone) the report, and a dry run’s file, are kept' })
  keptUntil!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'In French: what is kept of the file, and until when' })
  fileNotice!: string | null;

  static of(run: ImportRun, retention: FileRetention): ImportRunSummary {
    return {
      id: run.id,
      filename: run.filename,
      status: run.status,
      format: run.format,
      dryRun: run.dryRun,
      duplicates: run.duplicates,
      totalRows: run.totalRows,
      processedRows: run.processedRows,
      createdCount: run.createdCount,
      mergedCount: run.mergedCount,
      skippedCount: run.skippedCount,
      rejectedCount: run.rejectedCount,
      error: run.error,
      createdBy: run.createdBy,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      fileDeletedAt: run.fileDeletedAt,
      reportDeletedAt: run.reportDeletedAt,
      keptUntil: run.reportDeletedAt ? null : keptUntilDay(run, retention.keepDays, retention.timeZone),
      fileNotice: importFileNotice(run, retention.keepDays, retention.timeZone),
    };
  }
}

export class ImportRunView extends ImportRunSummary {
  @ApiProperty({ type: [ImportRejectedRow], description: 'The first 1000 rejected rows' })
  rejected!: ImportRejectedRow[];

  @ApiProperty({ type: [ImportPreviewRow], description: 'What happened (or, in a dry run, would happen) to the first 100 rows' })
  preview!: ImportPreviewRow[];

  static override of(run: ImportRun, retention: FileRetention): ImportRunView {
    return {
      ...ImportRunSummary.of(run, retention),
      rejected: (run.report?.rejected ?? []).map((row) => ({
        line: row.line,
        reason: row.reason ?? '',
        name: row.name ?? null,
        siret: row.siret ?? null,
      })),
      preview: (run.report?.preview ?? []).map((row) => ({
        line: row.line,
        action: row.action,
        name: row.name ?? null,
        siret: row.siret ?? null,
        reason: row.reason ?? null,
      })),
    };
  }
}
