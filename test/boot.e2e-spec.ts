import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const WORKER = join(ROOT, 'dist', 'src', 'worker.js');

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function run(script: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: '/tmp', // no .env file to fill the gaps
      env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv,
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('boot checks of the API and worker processes (e2e)', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does)`);
  });

  const env = () => ({
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    SMTP_URL: process.env.SMTP_URL,
    APP_BASE_URL: 'http://localhost:3999',
    SESSION_SECRET: 'a-secret-long-enough-for-the-boot-check-0123',
    DB_SCHEMA: process.env.DB_SCHEMA,
  });

  it.each([MAIN, WORKER])('%s stops with one line naming a missing variable', async (script) => {
    const result = await run(script, { ...env(), SMTP_URL: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['Configuration error: SMTP_URL is missing']);
  });

  it('names an invalid value', async () => {
    const result = await run(MAIN, { ...env(), PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Configuration error: PORT must be an integer');
  });

  it('gives one line naming host and port when PostgreSQL is unreachable, without the password', async () => {
    const port = await closedPort();
    const result = await run(MAIN, { ...env(), DATABASE_URL: `postgres://tremplin:s3cret@127.0.0.1:${port}/tremplin` });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`));
    expect(result.stderr).not.toContain('s3cret');
  });

  it.each([MAIN, WORKER])('%s gives one line naming host and port when Redis is unreachable', async (script) => {
    const port = await closedPort();
    const result = await run(script, { ...env(), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Cannot reach Redis at 127\\.0\\.0\\.1:${port}`));
  });
});
