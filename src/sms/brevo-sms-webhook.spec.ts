import { parseBrevoSmsWebhook, webhookSecretMatches } from './brevo-sms-webhook';

const delivered = {
  id: 26570,
  to: '33612345678',
  sms_count: 1,
  credits_used: 0.045,
  messageId: 1500000000123000,
  remaining_credit: 999.9,
  msg_status: 'delivered',
  date: '2026-12-07 09:15:02',
  type: 'transactional',
  reference: 'ab1cde2fgh3i4jklmno',
  tag: 'checkin',
};

describe('parseBrevoSmsWebhook', () => {
  it.each([
    ['a delivered text', delivered, { kind: 'status', providerId: '1500000000123000', status: 'delivered', to: '+33612345678' }],
    ['a hard bounce, in Brevo’s snake case', { ...delivered, msg_status: 'hard_bounce' }, { kind: 'status', providerId: '1500000000123000', status: 'hardBounce', to: '+33612345678' }],
    ['a soft bounce', { ...delivered, msg_status: 'soft_bounce' }, { kind: 'status', providerId: '1500000000123000', status: 'softBounce', to: '+33612345678' }],
    ['a rejected text, id as a string', { ...delivered, msg_status: 'rejected', messageId: '1500000000123000' }, { kind: 'status', providerId: '1500000000123000', status: 'rejected', to: '+33612345678' }],
    ['« STOP » sent back', { id: 1, to: '33612345678', msg_status: 'replied', reply: 'STOP', messageId: 15 }, { kind: 'reply', from: '+33612345678', text: 'STOP', inReplyTo: '15' }],
    ['a reply to no known text', { id: 1, to: '+33612345678', msg_status: 'replied', reply: 'Stop' }, { kind: 'reply', from: '+33612345678', text: 'Stop', inReplyTo: null }],
    ['a number Brevo unsubscribed (its own STOP)', { id: 1, to: '33612345678', msg_status: 'unsubscribed', messageId: 16 }, { kind: 'reply', from: '+33612345678', text: 'STOP', inReplyTo: '16' }],
  ])('reads %s', (_case, body, expected) => {
    expect(parseBrevoSmsWebhook(body)).toEqual(expected);
  });

  it.each([
    ['nothing', undefined],
    ['an e-mail event', { event: 'delivered', email: 'a@b.fr', 'message-id': 'x' }],
    ['a status without a message id', { ...delivered, messageId: undefined }],
    ['a status Tremplin does not know', { ...delivered, msg_status: 'teleported' }],
    ['a reply without its text', { id: 1, to: '33612345678', msg_status: 'replied' }],
    ['a reply from no number', { id: 1, to: 'STOP', msg_status: 'replied', reply: 'STOP' }],
  ])('ignores %s', (_case, body) => {
    expect(parseBrevoSmsWebhook(body)).toBeNull();
  });
});

describe('webhookSecretMatches', () => {
  const secret = 's'.repeat(40);
  it.each([
    ['the secret as a bearer token', `Bearer ${secret}`, true],
    ['the scheme in lower case', `bearer ${secret}`, true],
    ['no header', undefined, false],
    ['the secret without the scheme', secret, false],
    ['another secret of the same length', `Bearer ${'t'.repeat(40)}`, false],
    ['a prefix of the secret', `Bearer ${secret.slice(0, 20)}`, false],
    ['basic credentials', `Basic ${Buffer.from(`u:${secret}`).toString('base64')}`, false],
  ])('%s → %p', (_case, header, expected) => {
    expect(webhookSecretMatches(header, secret)).toBe(expected);
  });
});
