import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { AUTH } from '../refusals/index';
import { because, StatusRefusal } from '../refusals/refused';
import { parseBrevoSmsWebhook, webhookSecretMatches } from './brevo-sms-webhook';
import { SmsSettings } from './sms-settings';
import { SmsWebhooksService } from './sms-webhooks.service';

/**
 * The SMS provider's calls: delivery reports and replies. No session: the shared secret
 * (`Authorization: Bearer SMS_WEBHOOK_SECRET`) is the credential; a call without it answers 401.
 * Anything well signed but not understood is acknowledged, so that the provider stops retrying it.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks/sms')
export class SmsWebhooksController {
  constructor(
    private readonly settings: SmsSettings,
    private readonly webhooks: SmsWebhooksService,
  ) {}

  @Post()
  @HttpCode(204)
  async receive(@Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<void> {
    if (!webhookSecretMatches(authorization, this.settings.webhookSecret)) {
      throw new StatusRefusal(401, because(AUTH.smsWebhookUnsigned), 'the SMS webhook call lacks its secret');
    }
    const event = parseBrevoSmsWebhook(body);
    if (event) await this.webhooks.handle(event);
  }
}
