import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { connect, type Socket } from 'node:net';
import { createTransport, Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { AppConfig } from '../config/env';
import { TEMPLATES_DIR } from '../common/paths';
import { frenchLongDate, ofName } from '../common/french';

export const MAIL_TEMPLATES_DIR = join(TEMPLATES_DIR, 'mail');

interface CompiledTemplate {
  subject: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/**
 * An invitation an e-mail carries: its outbox row's `context.calendar`, written with the row so
 * that what is sent is what was decided then (a later change writes a new row with a new SEQUENCE).
 */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

/** The calendar part of an outbox row's context, if it has a well-formed one. */
export function calendarPartOf(context: Record<string, unknown>): CalendarPart | null {
  const part = context.calendar as Partial<CalendarPart> | undefined;
  if (!part || typeof part !== 'object' || typeof part.ics !== 'string') return null;
  if (part.method !== 'REQUEST' && part.method !== 'CANCEL') return null;
  return { method: part.method, ics: part.ics };
}

/** The e-mails' own Handlebars, with the French grammar helpers: « l’équipe {{ofName structureName}} ». */
function mailHandlebars(): typeof Handlebars {
  const instance = Handlebars.create();
  instance.registerHelper('ofName', (name: string) => ofName(name));
  instance.registerHelper('longDate', (day: string) => frenchLongDate(day));
  return instance;
}

/** Loads every template under templates/mail/<name>/{subject,html,text}.hbs, compiled once. */
export function compileTemplates(directory: string): Map<string, CompiledTemplate> {
  const handlebars = mailHandlebars();
  const compile = (file: string, noEscape: boolean) =>
    handlebars.compile(readFileSync(file, 'utf8'), { strict: true, noEscape });
  const templates = new Map<string, CompiledTemplate>();
  for (const name of readdirSync(directory)) {
    const folder = join(directory, name);
    if (!existsSync(join(folder, 'html.hbs'))) continue;
    templates.set(name, {
      subject: compile(join(folder, 'subject.hbs'), true),
      html: compile(join(folder, 'html.hbs'), false),
      text: compile(join(folder, 'text.hbs'), true),
    });
  }
  return templates;
}

/**
 * The SMTP URL with a connection pool as large as the worker's concurrency, unless the URL says
 * otherwise (`?pool=false`): a new connection and handshake per message caps sending far below
 * what the server accepts.
 */
export function pooledSmtpUrl(smtpUrl: string, connections: number): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (url.searchParams.get('pool') === 'true' && !url.searchParams.has('maxConnections')) {
    url.searchParams.set('maxConnections', String(Math.max(1, connections)));
  }
  return url.toString();
}

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. nodemailer writes a command
 * and the message in several small writes; with Nagle on, each message then waits for the
 * server's delayed ACK (~40 ms), which caps a connection at about 22 messages a second. TLS
 * (smtps, STARTTLS) is still negotiated by nodemailer over this socket.
 */
export function noDelaySocket(
  options: SMTPConnection.Options,
  callback: (error: Error | null, socketOptions?: { connection: Socket }) => void,
): void {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587) });
  socket.setNoDelay(true);
  // Until connected, nodemailer's own timeouts do not run yet: an unreachable server fails here.
  socket.setTimeout(options.connectionTimeout ?? 10_000, () => socket.destroy(new Error('SMTP connection timeout')));
  const failed = (error: Error) => callback(error);
  socket.once('error', failed);
  socket.once('connect', () => {
    socket.removeListener('error', failed);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
}

/** nodemailer options for SMTP_URL: pooled, and on sockets that do not wait for delayed ACKs. */
export function smtpTransportOptions(smtpUrl: string, connections: number) {
  return { ...parseConnectionUrl(pooledSmtpUrl(smtpUrl, connections)), getSocket: noDelaySocket };
}

/** Transport and template cache; knows nothing of the domain (see MailService for that). */
@Injectable()
export class MailerService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailerService.name);
  private templates = new Map<string, CompiledTemplate>();
  readonly transport: Transporter;

  constructor(config: AppConfig) {
    this.transport = createTransport(smtpTransportOptions(config.SMTP_URL, config.WORKER_CONCURRENCY), { from: config.MAIL_FROM });
  }

  onModuleInit(): void {
    this.templates = compileTemplates(MAIL_TEMPLATES_DIR);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  render(template: string, context: Record<string, unknown>): RenderedMail {
    const compiled = this.templates.get(template);
    if (!compiled) throw new Error(`Unknown e-mail template "${template}"`);
    return {
      subject: compiled.subject(context).trim(),
      html: compiled.html(context),
      text: compiled.text(context),
    };
  }

  /**
   * Sends a rendered message; returns the SMTP server's message id. An invitation goes twice: as
   * the `text/calendar; method=…` alternative that Outlook and Gmail show with their answer
   * buttons, and as an `invitation.ics` attachment that phones and other clients open.
   */
  async send(to: string, mail: RenderedMail, headers: Record<string, string> = {}, calendar: CalendarPart | null = null): Promise<string> {
    // nodemailer writes both from `icalEvent`: the alternative, and the attachment (application/ics).
    const icalEvent = calendar ? { method: calendar.method, filename: 'invitation.ics', content: calendar.ics } : undefined;
    const info = await this.transport.sendMail({ to, ...mail, headers, icalEvent });
    this.logger.debug(`mail accepted by SMTP server as ${info.messageId}`);
    return info.messageId as string;
  }

  async verify(): Promise<void> {
    await this.transport.verify();
  }
}
