import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CandidatesModule } from '../candidates/candidates.module';
import { CandidateTextsController } from './candidate-texts.controller';
import { CandidateTextsService } from './candidate-texts.service';
import { SmsModule } from './sms.module';

/** One-off texts to a candidate and the opt-outs staff set (the API; the page is in web/candidates). */
@Module({
  imports: [SmsModule, CandidatesModule, AuditModule],
  controllers: [CandidateTextsController],
  providers: [CandidateTextsService],
  exports: [CandidateTextsService],
})
export class CandidateTextsModule {}
