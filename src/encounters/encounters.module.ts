import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '../mail/mail.module';
import { Encounter, EncounterCompany, EncounterParticipant } from './encounter.entity';
import { EncounterInvitations } from './encounter-invitations';
import { EncountersController } from './encounters.controller';
import { EncountersService } from './encounters.service';

/** Encounters (rencontres), their participants, invitations, attendance and outcomes. */
@Module({
  imports: [TypeOrmModule.forFeature([Encounter, EncounterCompany, EncounterParticipant]), MailModule],
  controllers: [EncountersController],
  providers: [EncountersService, EncounterInvitations],
  exports: [EncountersService, EncounterInvitations],
})
export class EncountersModule {}
