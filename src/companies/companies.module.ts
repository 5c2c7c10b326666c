import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingsModule } from '../meetings/meetings.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { Company } from './company.entity';
import { CompanyImportController } from './import/company-import.controller';
import { CompanyImportModule } from './import/company-import.module';

@Module({
  imports: [TypeOrmModule.forFeature([Company]), PipelineModule, CompanyImportModule, MeetingsModule],
  controllers: [CompaniesController, CompanyImportController],
  providers: [CompaniesService],
  exports: [CompaniesService],
})
export class CompaniesModule {}
