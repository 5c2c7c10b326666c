import 'dotenv/config';
import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from '../common/node-flags';

/**
 * `npm run start:all`: the whole of Tremplin on one machine (API, worker and, in development,
 * the SMTP and SMS catchers and the recorded company directory), each as its own process, stopped
 * together on Ctrl-C.
 */
const distSrc = join(__dirname, '..');
const children: ChildProcess[] = [];
let stopping = false;

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** pino-pretty is a development dependency: use it when installed, plain JSON lines otherwise. */
function prettyLogs(): NodeJS.WritableStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => NodeJS.WritableStream;
    return pretty({ colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', singleLine: true });
  } catch {
    return undefined;
  }
}

function start(name: string, script: string, env: NodeJS.ProcessEnv = {}, flags: string[] = []): ChildProcess {
  const pretty = prettyLogs();
  const child = spawn(process.execPath, [...flags, join(distSrc, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', pretty ? 'pipe' : 'inherit', 'inherit'],
  });
  if (pretty) child.stdout?.pipe(pretty);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[tremplin] ${name} stopped (${signal ?? `exit code ${code}`}); stopping the others`);
    stop(code ?? 1);
  });
  children.push(child);
  return child;
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const exitWhenDone = setInterval(() => {
    if (children.every((child) => child.exitCode !== null || child.signalCode !== null)) {
      clearInterval(exitWhenDone);
      process.exit(code);
    }
  }, 100);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  const catcherUrl = process.env.MAIL_CATCHER_URL;
  if (catcherUrl) {
    const httpPort = Number(new URL(catcherUrl).port || 80);
    const smtpPort = Number(new URL(process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025').port || 25);
    if (!(await portOpen('127.0.0.1', smtpPort))) {
      start('SMTP catcher', 'dev/smtp-catcher.js', {
        CATCHER_SMTP_PORT: String(smtpPort),
        CATCHER_HTTP_PORT: String(httpPort),
      });
    }
  }
  const smsCatcherUrl = process.env.SMS_CATCHER_URL;
  if (smsCatcherUrl) {
    const port = Number(new URL(smsCatcherUrl).port || 80);
    if (!(await portOpen('127.0.0.1', port))) start('SMS catcher', 'dev/sms-catcher.js', { SMS_CATCHER_PORT: String(port) });
  }
  // The recorded company directory, when the look-up points at this machine (`npm run up`).
  const directoryUrl = process.env.COMPANY_DIRECTORY_URL ? new URL(process.env.COMPANY_DIRECTORY_URL) : null;
  if (directoryUrl && ['127.0.0.1', 'localhost'].includes(directoryUrl.hostname)) {
    const port = Number(directoryUrl.port || 80);
    if (!(await portOpen('127.0.0.1', port))) {
      start('company directory', 'dev/company-directory-server.js', { COMPANY_DIRECTORY_PORT: String(port) });
    }
  }
  start('API', 'main.js', {}, API_NODE_FLAGS);
  start('worker', 'worker.js', {}, WORKER_NODE_FLAGS);

  const baseUrl = process.env.APP_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  if (await waitForHealth(`http://127.0.0.1:${process.env.PORT ?? 3000}`, 60_000)) {
    console.log('');
    console.log(`[tremplin] ready: open ${baseUrl}`);
    if (catcherUrl) console.log(`[tremplin] e-mails sent in development: ${catcherUrl}`);
    if (smsCatcherUrl) console.log(`[tremplin] texts (SMS) sent in development: ${smsCatcherUrl}`);
    console.log(`[tremplin] API documentation: ${baseUrl}/api/docs`);
    console.log('[tremplin] Ctrl-C stops everything');
  } else if (!stopping) {
    console.error('[tremplin] the API did not become healthy within 60 s; see the logs above');
  }
}

void main();
