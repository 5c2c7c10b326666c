import { Module } from '@nestjs/common';
import { CandidatesModule } from '../candidates/candidates.module';
import { CompaniesModule } from '../companies/companies.module';
import { ReferenceController } from './reference.controller';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

@Module({
  imports: [CompaniesModule, CandidatesModule],
  controllers: [SearchController, ReferenceController],
  providers: [SearchService],
  exports: [SearchService],
})
export class SearchModule {}
