import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { CompaniesModule } from '../companies/companies.module';
import { ContactsModule } from '../contacts/contacts.module';
import { LeadsModule } from '../leads/leads.module';
import { Proposal } from '../leads/proposal.entity';
import { PitchScriptVersion } from '../pitches/pitch-script-version.entity';
import { PitchesModule } from '../pitches/pitches.module';
import { PlacementsModule } from '../placements/placements.module';
import { PipelineModule } from '../prospection/pipeline.module';
import { ProspectionModule } from '../prospection/prospection.module';
import { ReportsModule } from '../reports/reports.module';
import { StructuresModule } from '../structures/structures.module';
import { UsersModule } from '../users/users.module';
import { JournalPagesController } from './journal/journal.pages';
import { BoardPagesController } from './board-pages.controller';
import { CompanyPagesController } from './company-pages.controller';
import { DashboardPagesController } from './dashboard/dashboard.pages';
import { DashboardTargetsPagesController } from './dashboard/dashboard-targets.pages';
import { LeadsPagesController } from './leads-pages.controller';
import { FailedSendsService } from '../jobs/failed-sends.service';
import { PageContext } from './kit/page-context';
import { PitchPagesController } from './pitch-pages.controller';
import { PrivacyAdminPagesController } from './privacy/privacy-admin.pages';
import { PrivacyPeoplePagesController } from './privacy/privacy-people.pages';
import { WebController } from './web.controller';

@Module({
  imports: [
    AuthModule,
    UsersModule,
    StructuresModule,
    PipelineModule,
    CompaniesModule,
    ContactsModule,
    ProspectionModule,
    PitchesModule,
    LeadsModule,
    CandidatesModule,
    PlacementsModule,
    ReportsModule,
    // The leads pages read a proposal by id (placement prefill, outcome form) through a scoped repository;
    // the dashboard lists the script versions for its filter.
    TypeOrmModule.forFeature([Proposal, PitchScriptVersion]),
  ],
  // WebController last: its catch-all `/:section` placeholder must not shadow the real pages.
  controllers: [
    BoardPagesController,
    CompanyPagesController,
    PitchPagesController,
    LeadsPagesController,
    DashboardPagesController,
    DashboardTargetsPagesController,
    PrivacyAdminPagesController,
    PrivacyPeoplePagesController,
    JournalPagesController,
    WebController,
  ],
  providers: [PageContext, FailedSendsService],
})
export class WebModule {}
