import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../../auth/auth.decorators';
import { Page, PageQuery } from '../../common/pagination';
import { Actor } from '../../tenancy/actor';
import { ImportRunSummary, ImportRunView, RunImportDto, StartImportDto, UploadedCsv } from './company-import.dto';
import { CompanyImportService } from './company-import.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ParseIdPipe } from '../../common/parse-id.pipe';

@ApiTags('imports')
@Controller('api/imports')
export class CompanyImportController {
  constructor(private readonly imports: CompanyImportService) {}

  /** Our CSV template: the header row and one example, UTF-8 with BOM and `;` for French Excel. */
  @Get('template.csv')
  @ApiProduces('text/csv')
  template(@Res() response: Response): void {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="modele-import-entreprises.csv"');
    response.send(this.imports.template());
  }

  /**
   * Uploads a CSV (our template or an INSEE SIRENE establishment file) and queues its import.
   * By default a dry run: validation and preview, nothing written.
   */
  @Post()
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        duplicates: { type: 'string', enum: ['skip', 'merge'], default: 'skip' },
        dryRun: { type: 'boolean', default: true },
      },
    },
  })
  // The interceptor streams the file into PostgreSQL (429 beyond the limits of imports in progress).
  @UseInterceptors(ImportUploadInterceptor)
  start(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedCsv | undefined,
    @Body() input: StartImportDto,
  ): Promise<ImportRunView> {
    return this.imports.start(actor, file, input);
  }

  /** The structure's recent runs, newest first, without their per-row report. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<Page<ImportRunSummary>> {
    return this.imports.list(actor, page);
  }

  /** Status, progress (processedRows / totalRows), counters, rejected rows and preview. */
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string): Promise<ImportRunView> {
    return this.imports.get(actor, id);
  }

  /** Runs a finished dry run for real (409 otherwise). */
  @Post(':id/run')
  @HttpCode(202)
  run(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: string,
    @Body() input: RunImportDto,
  ): Promise<ImportRunView> {
    return this.imports.runForReal(actor, id, input);
  }
}
