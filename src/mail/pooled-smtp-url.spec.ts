import { pooledSmtpUrl } from './mailer.service';

describe('pooledSmtpUrl', () => {
  it('pools as many connections as the worker sends at once', () => {
    expect(pooledSmtpUrl('smtp://127.0.0.1:1025', 5)).toBe('smtp://127.0.0.1:1025?pool=true&maxConnections=5');
  });

  it('keeps what the URL already says, credentials included', () => {
    expect(pooledSmtpUrl('smtps://user:secret@mail.example.org:465/?pool=false', 5)).toBe('smtps://user:secret@mail.example.org:465/?pool=false');
    expect(pooledSmtpUrl('smtp://mail.example.org:587/?maxConnections=2', 8)).toBe('smtp://mail.example.org:587/?maxConnections=2&pool=true');
  });
});
