import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelineModule } from '../../prospection/pipeline.module';
import { ImportRun } from '../import-run.entity';
import { CompanyImportService } from './company-import.service';

/** The import service, shared by the API (which queues runs) and the worker (which processes them). */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), PipelineModule],
  providers: [CompanyImportService],
  exports: [CompanyImportService],
})
export class CompanyImportModule {}
