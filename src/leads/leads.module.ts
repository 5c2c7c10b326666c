import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobLead } from './job-lead.entity';
import { Proposal } from './proposal.entity';

/** Job leads (pistes), matching and proposals (mises en relation). */
@Module({
  imports: [TypeOrmModule.forFeature([JobLead, Proposal])],
})
export class LeadsModule {}
