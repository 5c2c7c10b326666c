import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CompaniesModule } from '../companies/companies.module';
import { ContactsModule } from '../contacts/contacts.module';
import { PitchesModule } from '../pitches/pitches.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { ProspectionModule } from '../prospection/prospection.module';
import { StructuresModule } from '../structures/structures.module';
import { UsersModule } from '../users/users.module';
import { BoardPagesController } from './board-pages.controller';
import { CompanyPagesController } from './company-pages.controller';
import { PageContext } from './page-context';
import { PitchPagesController } from './pitch-pages.controller';
import { WebController } from './web.controller';

@Module({
  imports: [AuthModule, UsersModule, StructuresModule, PipelineModule, CompaniesModule, ContactsModule, ProspectionModule, PitchesModule],
  // WebController last: its catch-all `/:section` placeholder must not shadow the real pages.
  controllers: [BoardPagesController, CompanyPagesController, PitchPagesController, WebController],
  providers: [PageContext],
})
export class WebModule {}
