import { CalendarModule } from '../calendar/calendar.module';
import { SearchModule } from '../search/search.module';
import { EncountersModule } from '../encounters/encounters.module';
import { AgendaPagesController } from './agenda/agenda.pages';
import { RecordPickers } from './search/record-pickers';
import { SearchPagesController } from './search/search.pages';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { CandidateTextsModule } from '../sms/candidate-texts.module';
import { CompaniesModule } from '../companies/companies.module';
import { ContactsModule } from '../contacts/contacts.module';
import { JobLead } from '../leads/job-lead.entity';
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
import { AdministrationPagesController } from './administration/administration.pages';
import { SmsSettingsPagesController } from './administration/sms-settings.pages';
import { SmsModule } from '../sms/sms.module';
import { LoginPagesController } from './auth/login.pages';
import { PasswordResetPagesController } from './auth/password-reset.pages';
import { BoardPagesController } from './board/board.pages';
import { PipelineSettingsPagesController } from './board/pipeline-settings.pages';
import { CompaniesPagesController } from './companies/companies.pages';
import { CompanyDirectoryPagesController } from './companies/company-directory.pages';
import { CompanyImportPagesController } from './companies/company-import.pages';
import { CompanyPagesController } from './companies/company.pages';
import { FollowUpPagesController } from './follow-ups/follow-ups.pages';
import { HomePagesController } from './home/home.pages';
import { AlertPagesController } from './alerts/alert.pages';
import { CandidatePage } from './candidates/candidate.page';
import { CandidatesPagesController } from './candidates/candidates.pages';
import { LeadsPagesController } from './leads/leads.pages';
import { PlacementsPagesController } from './placements/placements.pages';
import { FollowUpSettingsPagesController } from './placements/follow-up-settings.pages';
import { PlacementPageController } from './placements/placement.pages';
import { EncountersPagesController } from './encounters/encounters.pages';
import { EncounterPageController } from './encounters/encounter.pages';
import { CheckInsModule } from '../checkins/check-ins.module';
import { FailedSendsService } from '../mail/failed-sends.service';
import { FollowUpRows } from './follow-ups/follow-up-rows';
import { HomePage } from './home/home.page';
import { PageContext } from './kit/page-context';
import { PitchPagesController } from './pitches/pitches.pages';
import { JournalPagesController } from './journal/journal.pages';
import { DashboardPagesController } from './dashboard/dashboard.pages';
import { DashboardTargetsPagesController } from './dashboard/dashboard-targets.pages';
import { PrivacyAdminPagesController } from './privacy/privacy-admin.pages';
import { PrivacyPeoplePagesController } from './privacy/privacy-people.pages';
import { SuggestionsModule } from '../suggestions/suggestions.module';
import { CallSuggestionsPagesController } from './suggestions/calls.pages';

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
    CandidateTextsModule,
    SmsModule,
    PlacementsModule,
    EncountersModule,
    CheckInsModule,
    ReportsModule,
    SearchModule,
    CalendarModule,
    SuggestionsModule,
    // The leads and encounter pages read a proposal (and the encounter page the proposals' leads) by id (placement prefill, outcome form) through a scoped repository;
    // the dashboard lists the script versions for its filter.
    TypeOrmModule.forFeature([Proposal, PitchScriptVersion, JobLead]),
  ],
  controllers: [
    HomePagesController,
    CallSuggestionsPagesController,
    AlertPagesController,
    LoginPagesController,
    PasswordResetPagesController,
    BoardPagesController,
    PipelineSettingsPagesController,
    FollowUpPagesController,
    AgendaPagesController,
    // The list, creation and import pages before the company page: `entreprises/:id` must not take their paths.
    CompaniesPagesController,
    CompanyDirectoryPagesController,
    CompanyImportPagesController,
    CompanyPagesController,
    PitchPagesController,
    LeadsPagesController,
    CandidatesPagesController,
    PlacementsPagesController,
    FollowUpSettingsPagesController,
    // After the list's controller: `placements/nouveau` is matched before `placements/:id`.
    PlacementPageController,
    // The list's controller first: `rencontres/nouvelle` is matched before `rencontres/:id`.
    EncountersPagesController,
    EncounterPageController,
    DashboardPagesController,
    DashboardTargetsPagesController,
    PrivacyAdminPagesController,
    PrivacyPeoplePagesController,
    JournalPagesController,
    AdministrationPagesController,
    SmsSettingsPagesController,
    SearchPagesController,
  ],
  providers: [PageContext, FailedSendsService, CandidatePage, FollowUpRows, HomePage, RecordPickers],
})
export class WebModule {}
