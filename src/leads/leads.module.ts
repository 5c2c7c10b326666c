import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/companies.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { JobLead } from './job-lead.entity';
import { CompanyLeadsController, LeadsController, ProposalsController } from './leads.controller';
import { LeadsService } from './leads.service';
import { MatchingController } from './matching.controller';
import { MatchingService } from './matching.service';
import { Proposal } from './proposal.entity';
import { ProposalsService } from './proposals.service';

/** Job leads (pistes), matching and proposals (mises en relation). */
@Module({
  imports: [TypeOrmModule.forFeature([JobLead, Proposal]), CompaniesModule, PipelineModule],
  controllers: [LeadsController, CompanyLeadsController, ProposalsController, MatchingController],
  providers: [LeadsService, MatchingService, ProposalsService],
  exports: [LeadsService, MatchingService, ProposalsService],
})
export class LeadsModule {}
