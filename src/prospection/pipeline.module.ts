import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Company } from '../companies/company.entity';
import { Structure } from '../structures/structure.entity';
import { CadenceService } from './cadence.service';
import { ContactPressureService } from './contact-pressure.service';
import { PipelineStage } from './pipeline-stage.entity';
import { PipelineController } from './pipeline.controller';
import { StageChangesService } from './stage-changes.service';
import { StageEvent } from './stage-event.entity';
import { StagesService } from './stages.service';

/** Stages, stage changes and the follow-up cadence of each structure. */
@Module({
  imports: [TypeOrmModule.forFeature([PipelineStage, StageEvent, Structure, Company])],
  controllers: [PipelineController],
  providers: [StagesService, CadenceService, StageChangesService, ContactPressureService],
  exports: [StagesService, CadenceService, StageChangesService, ContactPressureService],
})
export class PipelineModule {}
