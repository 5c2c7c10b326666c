import { Global, Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { AnonymiserService } from './anonymiser.service';
import { PrivacyHooks } from './privacy-hooks';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';
import { RetentionService } from './retention.service';

/**
 * RGPD: retention and anonymisation, exports and erasure on request. Global so that a module
 * keeping its own copies of personal data (an audit trail) can register a hook on PrivacyHooks.
 */
@Global()
@Module({
  imports: [MailModule],
  controllers: [PrivacyController],
  providers: [PrivacyHooks, AnonymiserService, PrivacyService, RetentionService],
  exports: [PrivacyHooks, AnonymiserService, PrivacyService, RetentionService],
})
export class PrivacyModule {}
