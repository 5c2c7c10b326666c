import { INestApplicationContext } from '@nestjs/common';
import type { ParsedMail } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { invitationIcs } from '../src/calendar/ics';
import { loadConfig } from '../src/config/env';
import { OutboxService } from '../src/mail/outbox.service';
import { createTestWorker, systemDataSource } from './helpers/app';
import { createStructure } from './helpers/fixtures';
import { waitForMail } from './helpers/mail';

// An independent reader of what travelled (tests only); its CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

/** UID, SEQUENCE and METHOD of an .ics text, as ical.js reads them. */
function invitationOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent'));
  return { method: calendar.getFirstPropertyValue('method'), uid: event.uid, sequence: event.sequence };
}

/**
 * The two places an invitation travels: the `text/calendar; method=…` alternative (mailparser
 * lists it among the attachments, with its content type's parameters) and the .ics attachment.
 */
function calendarParts(mail: ParsedMail) {
  const inline = mail.attachments.filter((part) => part.contentType === 'text/calendar');
  const files = mail.attachments.filter((part) => part.contentDisposition === 'attachment' && part.contentType === 'application/ics');
  expect(inline).toHaveLength(1);
  expect(files).toHaveLength(1);
  const contentType = inline[0].headers.get('content-type') as { params: Record<string, string> };
  return {
    inline: { ...invitationOf(inline[0].content.toString('utf8')), partMethod: contentType.params.method },
    attachment: { ...invitationOf(files[0].content.toString('utf8')), filename: files[0].filename },
  };
}

describe('e-mails carrying a calendar invitation (e2e)', () => {
  let worker: INestApplicationContext;
  let outbox: OutboxService;
  let dataSource: DataSource;

  beforeAll(async () => {
    worker = await createTestWorker();
    outbox = worker.get(OutboxService);
    dataSource = await systemDataSource(loadConfig(process.env));
  });
  afterAll(async () => {
    await worker.close();
    await dataSource.destroy();
  });

  async function sendWithInvitation(method: 'REQUEST' | 'CANCEL', recipient: string, uid: string, sequence: number): Promise<ParsedMail> {
    const structure = await createStructure(dataSource);
    const ics = invitationIcs(
      method,
      {
        uid,
        sequence,
        start: new Date('2027-03-28T08:00:00Z'),
        end: new Date('2027-03-28T09:00:00Z'),
        summary: 'Job dating — Boulangerie Martin',
        organizer: { name: 'Nadia Benali', email: 'nadia@exemple.fr' },
        attendees: [{ name: 'Sami Haddad', email: recipient }],
      },
      'Europe/Paris',
    );
    const message = await outbox.record(dataSource.manager, {
      structureId: structure.id,
      template: 'welcome',
      recipient,
      context: {
        firstName: 'Sami',
        email: recipient,
        structureName: structure.name,
        invitedBy: 'Nadia Benali',
        loginUrl: 'http://localhost/login',
        calendar: { method, ics },
      },
    });
    await outbox.dispatch([message]);
    const [mail] = await waitForMail(recipient);
    expect(mail).toBeDefined();
    return mail;
  }

  it('sends the invitation as a text/calendar part with its method and as an invitation.ics attachment, both the same event', async () => {
    const recipient = `invite-${randomUUID()}@exemple.fr`;
    const uid = `encounter-${randomUUID()}@localhost`;
    const mail = await sendWithInvitation('REQUEST', recipient, uid, 2);

    // The e-mail itself is still the template's, in HTML and text.
    expect(mail.subject).toContain('Votre compte Tremplin');
    expect(mail.text).toContain('Bonjour Sami');

    const { inline, attachment } = calendarParts(mail);
    expect(inline).toEqual({ method: 'REQUEST', uid, sequence: 2, partMethod: 'REQUEST' });
    expect(attachment).toEqual({ method: 'REQUEST', uid, sequence: 2, filename: 'invitation.ics' });
    expect(mail.attachments).toHaveLength(2);
  });

  it('sends a cancellation with method=CANCEL in both places', async () => {
    const recipient = `cancel-${randomUUID()}@exemple.fr`;
    const uid = `meeting-${randomUUID()}@localhost`;
    const mail = await sendWithInvitation('CANCEL', recipient, uid, 3);
    const { inline, attachment } = calendarParts(mail);
    expect(inline).toEqual({ method: 'CANCEL', uid, sequence: 3, partMethod: 'CANCEL' });
    expect(attachment).toEqual({ method: 'CANCEL', uid, sequence: 3, filename: 'invitation.ics' });
  });

  it('refuses to record an e-mail whose calendar part is not an invitation', async () => {
    const structure = await createStructure(dataSource);
    const recipient = `bad-${randomUUID()}@exemple.fr`;
    await expect(
      outbox.record(dataSource.manager, {
        structureId: structure.id,
        template: 'welcome',
        recipient,
        context: { firstName: 'Sami', email: recipient, structureName: structure.name, invitedBy: 'Nadia', loginUrl: 'http://localhost/login', calendar: { method: 'PUBLISH', ics: 'x' } },
      }),
    ).rejects.toThrow(/calendar part/);
  });
});
