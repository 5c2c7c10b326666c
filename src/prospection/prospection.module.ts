import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { MeetingsModule } from '../meetings/meetings.module';
import { PitchesModule } from '../pitches/pitches.module';
import { ActivitiesService } from './activities.service';
import { BoardExportService } from './board-export.service';
import { BoardService } from './board.service';
import { CompanyBulkService } from './company-bulk.service';
import { ContactPressureController } from './contact-pressure.controller';
import { PipelineModule } from './pipeline.module';
import { ProspectionController } from './prospection.controller';

/** The board, the follow-up lists, activities and the company timeline. */
@Module({
  imports: [PipelineModule, CompaniesModule, PitchesModule, MeetingsModule],
  controllers: [ProspectionController, ContactPressureController],
  providers: [BoardService, BoardExportService, ActivitiesService, CompanyBulkService],
  exports: [BoardService, ActivitiesService, CompanyBulkService],
})
export class ProspectionModule {}
