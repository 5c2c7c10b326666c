import { loadConfig } from '../config/env';
import { BrevoSmsSender } from './brevo-sms.sender';
import { DisabledSmsSender } from './disabled-sms.sender';
import { smsSenderFor } from './sms-sender.module';
import { SmsSettings } from './sms-settings';

const env = {
  DATABASE_URL: 'postgres://u:p@db.example:5432/tremplin',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  APP_BASE_URL: 'http://localhost:3000',
  SESSION_SECRET: 'x'.repeat(32),
};

describe('the SMS sender a deployment gets', () => {
  it('is off without SMS_URL, and says so if anything tries to send', async () => {
    const config = loadConfig(env);
    expect(SmsSettings.of(config).enabled).toBe(false);
    const sender = smsSenderFor(config);
    expect(sender).toBeInstanceOf(DisabledSmsSender);
    await expect(sender.send({ to: '+33612345678', content: 'Bonjour' })).rejects.toThrow('SMS is off: SMS_URL is not set');
  });

  it('speaks Brevo’s API when SMS_URL is set', () => {
    const config = loadConfig({ ...env, SMS_URL: 'https://api.brevo.com' });
    expect(SmsSettings.of(config)).toMatchObject({ enabled: true, url: 'https://api.brevo.com', sender: 'Tremplin' });
    expect(smsSenderFor(config)).toBeInstanceOf(BrevoSmsSender);
  });
});
