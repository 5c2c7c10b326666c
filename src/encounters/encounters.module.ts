import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { AgendaService } from './agenda.service';
import { Encounter, EncounterCompany, EncounterParticipant } from './encounter.entity';
import { EncounterInvitations } from './encounter-invitations';
import { EncountersController } from './encounters.controller';
import { EncountersService } from './encounters.service';

/** Encounters (rencontres), their participants, invitations, attendance and outcomes. */
@Module({
  imports: [TypeOrmModule.forFeature([Encounter, EncounterCompany, EncounterParticipant]), MailModule, PipelineModule],
  controllers: [EncountersController],
  providers: [EncountersService, EncounterInvitations, AgendaService],
  exports: [EncountersService, EncounterInvitations, AgendaService],
})
export class EncountersModule {}
