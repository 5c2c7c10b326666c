import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Candidate } from '../candidates/candidate.entity';
import { CheckInsModule } from '../checkins/check-ins.module';
import { Company } from '../companies/company.entity';
import { JobLead } from '../leads/job-lead.entity';
import { Proposal } from '../leads/proposal.entity';
import { Placement } from './placement.entity';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

/** Placements: contracts and PMSMP immersions. */
@Module({
  imports: [TypeOrmModule.forFeature([Placement, Candidate, Company, JobLead, Proposal]), CheckInsModule],
  controllers: [PlacementsController],
  providers: [PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
