import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/companies.module';
import { Company } from '../companies/company.entity';
import { MeetingsModule } from '../meetings/meetings.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { CallSuggestionDismissal } from './call-suggestion-dismissal.entity';
import { CallSuggestionsController } from './call-suggestions.controller';
import { CallSuggestionsService } from './call-suggestions.service';

/** « À appeler cette semaine »: whom to call next, explained, taken or set aside. */
@Module({
  imports: [TypeOrmModule.forFeature([Company, CallSuggestionDismissal]), CompaniesModule, PipelineModule, MeetingsModule],
  controllers: [CallSuggestionsController],
  providers: [CallSuggestionsService],
  exports: [CallSuggestionsService],
})
export class SuggestionsModule {}
