import { describeConnectionError } from './preflight';

describe('describeConnectionError', () => {
  it('names the service, host and port, and the reason, on one line', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5433'), { code: 'ECONNREFUSED' });
    expect(describeConnectionError('PostgreSQL', 'postgres://u:secret@db.internal:5433/app', error)).toBe(
      'Cannot reach PostgreSQL at db.internal:5433 (connect ECONNREFUSED 10.0.0.5:5433)',
    );
  });

  it('uses the default port and never shows the password', () => {
    const line = describeConnectionError('Redis', 'redis://:hunter2@cache', new Error('timeout\nat stack'));
    expect(line).toBe('Cannot reach Redis at cache:6379 (timeout)');
    expect(line).not.toContain('hunter2');
  });

  it('adds the error code when the message lacks it', () => {
    const error = Object.assign(new Error('getaddrinfo failed'), { code: 'ENOTFOUND' });
    expect(describeConnectionError('Redis', 'redis://nowhere:6380', error)).toBe(
      'Cannot reach Redis at nowhere:6380 (ENOTFOUND: getaddrinfo failed)',
    );
  });
});
