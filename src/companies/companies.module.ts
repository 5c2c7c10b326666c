import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '../meetings/meetings.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { Company } from './company.entity';
import { CompanyImportController } from './import/company-import.controller';
import { CompanyImportModule } from './import/company-import.module';
import { CompanyDirectoryModule } from './lookup/company-directory.module';
import { CompanyLookupController } from './lookup/company-lookup.controller';
import { CompanyLookupService } from './lookup/company-lookup.service';

@Module({
  imports: [TypeOrmModule.forFeature([Company]), PipelineModule, CompanyImportModule, MeetingsModule, CompanyDirectoryModule],
  // The look-up's routes first: `/api/companies/lookup` is not a company id.
  controllers: [CompanyLookupController, CompaniesController, CompanyImportController],
  providers: [CompaniesService, CompanyLookupService],
  exports: [CompaniesService, CompanyLookupService],
})
export class CompaniesModule {}
