import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PipelineModule } from '../../prospection/pipeline.module';
import { ImportRun } from '../import-run.entity';
import { CompanyImportService } from './company-import.service';
import { ImportFileStore } from './import-file.store';
import { ImportUploadInterceptor } from './import-upload.interceptor';

/** The import service, shared by the API (which queues runs) and the worker (which processes them). */
@Module({
  imports: [TypeOrmModule.forFeature([ImportRun]), PipelineModule],
  providers: [CompanyImportService, ImportFileStore, ImportUploadInterceptor],
  exports: [CompanyImportService, ImportFileStore, ImportUploadInterceptor],
})
export class CompanyImportModule {}
