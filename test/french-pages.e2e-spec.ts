import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { QUEUE_BOARD_PATH } from '../src/jobs/queue-board';
import { api } from './helpers/api';
import { createTestApp, TestApp } from './helpers/app';
import { createStructure, createUser, login, LoggedIn } from './helpers/fixtures';
import { completeForm, createRecords, discoverRoutes, encodeForm, fillPath, FormFields, harvestForms, Route, StructureRecords } from './helpers/route-walker';

/**
 * Issue 16, point 2: one French voice. Every page a user can reach is walked with good ids, ids
 * that are not ids, ids of nothing, without the rights (as staff), and every form is posted empty;
 * the text a user sees (and the labels a screen reader reads) must hold no English sentence.
 */

/**
 * Words of English sentences that French never uses. A page saying one of them shows English
 * (« Cannot GET », « must be », « not found », « This action needs the role »…). Words French
 * shares with English (« action », « page », « rapport », « long ») are not listed.
 */
const ENGLISH = new Set(
  (
    'the is are was were must should not found cannot failed expected please unexpected validation forbidden unauthorized ' +
    'missing exist exists be been with without needs and of to for your you this that property least characters only already ' +
    'used error invalid required request requests bad internal server many waiting completed delayed paused retry empty allowed ' +
    'nested deeply contain contains or any at most too page not found unknown record records none'
  )
    .split(' ')
    // Words French writes too: « or » (conjonction), « page », « record » (un record).
    .filter((word) => !['or', 'page', 'record', 'records', 'at'].includes(word)),
);

/** Names that are the same in both languages and may stand in a French sentence. */
const ALLOWED = new Set(['csv', 'siret', 'pmsmp', 'naf', 'rome', 'cdi', 'cdd', 'sms', 'e-mail', 'ics', 'url']);

/** What a user reads on a page: its text and the labels of its controls, without scripts, styles or markup. */
export function visibleText(html: string): string {
  const labels = [...html.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((match) => match[1]);
  const buttons = [...html.matchAll(/<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"/g)].map((match) => match[1]);
  const text = html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ');
  return [text, ...labels, ...buttons]
    .join(' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The English words a text shows (none for French), each with a few words around it. */
export function englishIn(text: string, ignore: readonly string[] = []): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const found: string[] = [];
  words.forEach((word, index) => {
    const bare = word.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (!bare || ALLOWED.has(bare) || ignore.some((part) => word.includes(part))) return;
    if (ENGLISH.has(bare)) found.push(words.slice(Math.max(0, index - 3), index + 4).join(' '));
  });
  return found;
}

describe('one French voice: no English on any page a user can reach (e2e)', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let routes: Route[];
  let admin: LoggedIn;
  let staff: LoggedIn;
  let records: StructureRecords;
  let forms: Map<string, FormFields>;

  const pages = () => routes.filter((route) => !route.api && route.method === 'GET' && !route.path.startsWith('/api') && route.path !== '/health');

  /** The problems of one answer: a crash, or English in what the user reads. */
  function problemsOf(label: string, response: request.Response): string[] {
    if (response.status >= 500) return [`${label}: ${response.status}`];
    // A redirect's body is never shown: the browser follows it.
    if (response.status >= 300 && response.status < 400) return [];
    const type = String(response.headers['content-type'] ?? '');
    if (!type.includes('text/html')) return [];
    // The people and companies of the walk carry a marker in their names: their words are data, not the interface.
    return englishIn(visibleText(response.text), [records.marker]).map((words) => `${label} (${response.status}): « ${words} »`);
  }

  beforeAll(async () => {
    t = await createTestApp();
    server = t.app.getHttpServer();
    routes = discoverRoutes(t.app);
    const structure = await createStructure(t.dataSource, 'ACI Voix Française');
    admin = await login(server, (await createUser(t.dataSource, structure, 'admin', 'Adèle')).email);
    const manager = await login(server, (await createUser(t.dataSource, structure, 'manager', 'Claire')).email);
    staff = await login(server, (await createUser(t.dataSource, structure, 'staff', 'Karim')).email);
    records = await createRecords(api(manager), api(admin), t.config.SESSION_SECRET, t.clock.now(), 'FR');
    forms = await harvestForms(
      admin.agent,
      pages()
        .filter((route) => !route.path.startsWith('/suivi'))
        .map((route) => fillPath(route, records)),
      routes.filter((route) => !route.api && route.method === 'POST'),
    );
  }, 60_000);
  afterAll(() => t?.close());

  it('finds the English words it looks for, and none in French', () => {
    expect(englishIn('Cannot GET /entreprises/x')).toEqual(['Cannot GET /entreprises/x']);
    expect(englishIn('Validation failed (uuid is expected)')).toHaveLength(4);
    expect(englishIn('This action needs the role manager')).toHaveLength(3);
    expect(englishIn('Company 1234 not found')).toHaveLength(2);
    expect(englishIn('Cette action est réservée aux responsables. Le fichier CSV dépasse 50 Mo : page suivante.')).toEqual([]);
    expect(visibleText('<p title="Close this">Bonjour<script>var the = 1;</script></p>')).toContain('Close this');
  });

  it('says every page in French: with its records, with ids that are not ids, with ids of nothing, and without the rights', async () => {
    const problems: string[] = [];
    const get = (agent: LoggedIn['agent'], path: string) => agent.get(path).set('Accept', 'text/html');
    for (const route of pages()) {
      const good = fillPath(route, records);
      problems.push(...problemsOf(`GET ${good}`, await get(admin.agent, good)));
      problems.push(...problemsOf(`GET ${good} as staff`, await get(staff.agent, good)));
      // A notice key (`?ok=`) that names no sentence of the page shows nothing, not a property of every object.
      for (const key of ['constructor', 'toString', '__proto__']) {
        const flashed = await get(admin.agent, `${good}${good.includes('?') ? '&' : '?'}ok=${key}`);
        if (/native code|\[object |function \w*\(/.test(visibleText(flashed.text))) problems.push(`GET ${good}?ok=${key}: shows a property`);
        problems.push(...problemsOf(`GET ${good}?ok=${key}`, flashed));
      }
      for (const wrong of ['pas-un-identifiant', randomUUID()]) {
        if (!route.params.length) continue;
        const path = fillPath(route, records, Object.fromEntries(route.params.map((param) => [param, wrong])));
        problems.push(...problemsOf(`GET ${path}`, await get(admin.agent, path)));
      }
    }
    for (const path of ['/nulle-part', '/entreprises/pas-un-identifiant/nulle-part', `${QUEUE_BOARD_PATH}-inconnu`]) {
      const response = await get(admin.agent, path);
      expect({ path, status: response.status, says: response.text.includes('Cette page n’existe pas.') }).toEqual({ path, status: 404, says: true });
      problems.push(...problemsOf(`GET ${path}`, response));
    }
    const notAnId = await get(admin.agent, '/entreprises/pas-un-identifiant');
    expect({ status: notAnId.status, says: notAnId.text.includes('Cet identifiant n’est pas valide') }).toEqual({ status: 400, says: true });
    const nobody = await get(admin.agent, `/candidats/${randomUUID()}`);
    expect({ status: nobody.status, says: nobody.text.includes('Cette personne n’existe pas ou n’est plus accessible.') }).toEqual({ status: 404, says: true });
    const staffOnly = await get(staff.agent, '/administration');
    expect({ status: staffOnly.status, says: staffOnly.text.includes('Cette action est réservée aux administrateurs et administratrices.') }).toEqual({
      status: 403,
      says: true,
    });
    expect(pages().length).toBeGreaterThan(30);
    expect(problems).toEqual([]);
  }, 180_000);

  it('says in French why a form posted empty, or with values of the wrong kind, is refused', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((candidate) => !candidate.api && candidate.method === 'POST' && candidate.path !== '/logout')) {
      const path = fillPath(route, records);
      const fields = forms.get(route.key) ?? {};
      const empty = Object.fromEntries(Object.keys(fields).map((name) => [name, '']));
      const garbled = Object.fromEntries(Object.keys(completeForm(fields, records, t.clock.now())).map((name) => [name, 'x'.repeat(3)]));
      for (const [label, form] of [
        ['empty', empty],
        ['garbled', garbled],
      ] as const) {
        const response = await admin.agent
          .post(path)
          .set('Accept', 'text/html')
          .type('form')
          .send(encodeForm({ ...form, _csrf: admin.csrf }));
        problems.push(...problemsOf(`POST ${path} ${label}`, response));
      }
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
