import { SearchModule } from './search/search.module';
import { Module } from '@nestjs/common';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { AlertsModule } from './alerts/alerts.module';
import { CheckInAnswersModule } from './checkins/check-in-answers.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { CandidatesModule } from './candidates/candidates.module';
import { CheckInsModule } from './checkins/check-ins.module';
import { CoreModule } from './app/core.module';
import { CompaniesModule } from './companies/companies.module';
import { ContactsModule } from './contacts/contacts.module';
import { HealthModule } from './health/health.module';
import { LeadsModule } from './leads/leads.module';
import { EncountersModule } from './encounters/encounters.module';
import { SmsModule } from './sms/sms.module';
import { CandidateTextsModule } from './sms/candidate-texts.module';
import { PitchesModule } from './pitches/pitches.module';
import { PlacementsModule } from './placements/placements.module';
import { PrivacyModule } from './privacy/privacy.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { PipelineModule } from './prospection/pipeline.module';
import { ProspectionModule } from './prospection/prospection.module';
import { StructuresModule } from './structures/structures.module';
import { SuggestionsModule } from './suggestions/suggestions.module';
import { UsersModule } from './users/users.module';
import { WebModule } from './web/web.module';

/** The HTTP API and pages. */
@Module({
  imports: [
    CoreModule,
    AuditModule,
    AuthModule,
    StructuresModule,
    UsersModule,
    PipelineModule,
    CompaniesModule,
    ContactsModule,
    PitchesModule,
    ProspectionModule,
    CandidatesModule,
    LeadsModule,
    EncountersModule,
    SmsModule,
    CandidateTextsModule,
    SearchModule,
    PlacementsModule,
    AlertsModule,
    CheckInsModule,
    CheckInAnswersModule,
    AlertsApiModule,
    RemindersModule,
    CalendarModule,
    ReportsModule,
    SuggestionsModule,
    PrivacyModule,
    HealthModule,
    WebModule,
  ],
})
export class AppModule {}
