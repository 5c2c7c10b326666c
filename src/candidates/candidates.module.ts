import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Candidate } from './candidate.entity';

/** Candidates (personnes accompagnées). */
@Module({
  imports: [TypeOrmModule.forFeature([Candidate])],
})
export class CandidatesModule {}
