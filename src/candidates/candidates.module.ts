import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Placement } from '../placements/placement.entity';
import { Candidate } from './candidate.entity';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';

/** Candidates (personnes accompagnées). */
@Module({
  imports: [TypeOrmModule.forFeature([Candidate, Placement])],
  controllers: [CandidatesController],
  providers: [CandidatesService],
  exports: [CandidatesService],
})
export class CandidatesModule {}
