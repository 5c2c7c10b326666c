import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { signCheckInToken } from '../../src/checkins/check-in-token';
import { Api } from './api';

/**
 * What the security and fuzz specs need to walk the whole app: every route the running Express
 * app answers (so a new controller is covered without touching the specs), the records of a
 * structure to fill their path parameters, example bodies drawn from the OpenAPI document and
 * the HTML forms, and a checksum of a structure's rows to prove that a refused request wrote nothing.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const WRITE_METHODS: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

export interface Route {
  method: Method;
  /** Express syntax: `/api/companies/:id/contacts`. */
  path: string;
  params: string[];
  /** JSON API (under /api) rather than a server-rendered page. */
  api: boolean;
  /** `POST /api/companies/:id`: how the specs name a route. */
  key: string;
}

interface ExpressLayer {
  name?: string;
  route?: { path: unknown; methods: Record<string, boolean> };
  matchers?: Array<(path: string) => unknown>;
}

function routerStack(app: NestExpressApplication): ExpressLayer[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const router = express.router ?? express._router;
  if (!router) throw new Error('No Express router: has the app been initialised?');
  return router.stack;
}

/**
 * Every route of the running app, read from the Express router (controllers, Swagger's pages).
 * Nest also binds its middleware (request logging) as a route answering every HTTP method on
 * `/{*path}`: that is not an endpoint and is left out.
 */
export function discoverRoutes(app: NestExpressApplication): Route[] {
  const routes: Route[] = [];
  for (const layer of routerStack(app)) {
    if (!layer.route) continue;
    const path = layer.route.path;
    if (typeof path !== 'string') throw new Error(`Route with a non-string path: ${String(path)}; teach route-walker about it`);
    const methods = Object.keys(layer.route.methods).filter((method) => method !== '_all');
    if (methods.length > WRITE_METHODS.length + 2) continue;
    for (const lower of methods) {
      const method = lower.toUpperCase() as Method;
      if (!['GET', ...WRITE_METHODS].includes(method)) throw new Error(`Unexpected method ${method} on ${path}`);
      const params = [...path.matchAll(/:(\w+)|\*(\w+)/g)].map((match) => match[1] ?? match[2]);
      routes.push({ method, path, params, api: path.startsWith('/api/') || path === '/api', key: `${method} ${path}` });
    }
  }
  return routes;
}

/** Express sub-apps and routers mounted with app.use (bull-board), which the route list cannot see into. */
export function mountedLayers(app: NestExpressApplication): ExpressLayer[] {
  return routerStack(app).filter((layer) => !layer.route && (layer.name === 'mounted_app' || layer.name === 'router'));
}

/** Whether a mounted layer answers under `path`. */
export function layerMatches(layer: ExpressLayer, path: string): boolean {
  return Boolean(layer.matchers?.some((match) => match(path)));
}

/** The records of one structure, one of each kind, created through the API. */
export type RecordKind =
  | 'user'
  | 'stage'
  | 'company'
  | 'contact'
  | 'activity'
  | 'pitch'
  | 'pitchVersion'
  | 'scriptVersion'
  | 'candidate'
  | 'lead'
  | 'proposal'
  | 'placement'
  | 'startedPlacement'
  | 'checkIn'
  | 'checkInToken'
  | 'calendarFeedSecret'
  | 'alert'
  | 'importRun'
  | 'encounter'
  | 'participant'
  | 'section';

export interface StructureRecords {
  structureId: string;
  /** In every name and e-mail address created, so that a leak of any of them is easy to spot. */
  marker: string;
  ids: Record<RecordKind, string>;
}

/** Path parameters named after what they hold. */
const PARAM_KINDS: Record<string, RecordKind> = {
  userId: 'user',
  stageId: 'stage',
  companyId: 'company',
  contactId: 'contact',
  candidateId: 'candidate',
  leadId: 'lead',
  proposalId: 'proposal',
  placementId: 'placement',
  alertId: 'alert',
  checkInId: 'checkIn',
  participantId: 'participant',
  number: 'pitchVersion',
  token: 'checkInToken',
  secret: 'calendarFeedSecret',
  section: 'section',
};

/** `:id` holds a record of the kind the segment before it names. */
const SEGMENT_KINDS: Record<string, RecordKind> = {
  users: 'user',
  utilisateurs: 'user',
  targets: 'user',
  objectifs: 'user',
  stages: 'stage',
  etapes: 'stage',
  colonnes: 'stage',
  companies: 'company',
  entreprises: 'company',
  relances: 'company',
  'a-appeler': 'company',
  contacts: 'contact',
  activities: 'activity',
  pitches: 'pitch',
  argumentaires: 'pitch',
  versions: 'pitchVersion',
  candidates: 'candidate',
  candidats: 'candidate',
  leads: 'lead',
  pistes: 'lead',
  proposals: 'proposal',
  propositions: 'proposal',
  placements: 'placement',
  'check-ins': 'checkIn',
  alerts: 'alert',
  alertes: 'alert',
  imports: 'importRun',
  suivi: 'checkInToken',
  encounters: 'encounter',
  rencontres: 'encounter',
  participants: 'participant',
};

/** Body, form and query fields that hold the id of a record. */
export const FIELD_KINDS: Record<string, RecordKind> = {
  companyId: 'company',
  company: 'company',
  contactId: 'contact',
  employerContactId: 'contact',
  candidateId: 'candidate',
  candidate: 'candidate',
  leadId: 'lead',
  proposalId: 'proposal',
  placementId: 'placement',
  stageId: 'stage',
  stageIds: 'stage',
  ownerId: 'user',
  owner: 'user',
  staffId: 'user',
  userId: 'user',
  scriptVersionId: 'scriptVersion',
  sourceActivityId: 'activity',
  hostCompanyId: 'company',
  companyIds: 'company',
  candidateIds: 'candidate',
  contactIds: 'contact',
  userIds: 'user',
  organiserId: 'user',
  participantId: 'participant',
};

/** Which record a path parameter of this route takes, or an error naming what to add here. */
export function paramKind(route: Route, param: string): RecordKind {
  if (PARAM_KINDS[param]) return PARAM_KINDS[param];
  const segments = route.path.split('/');
  const index = segments.findIndex((segment) => segment === `:${param}`);
  const kind = SEGMENT_KINDS[segments[index - 1]];
  if (!kind) throw new Error(`${route.key}: no record kind for :${param}; add it to PARAM_KINDS or SEGMENT_KINDS in test/helpers/route-walker.ts`);
  // Ending a placement needs one that started; the planned one serves every other route.
  if (kind === 'placement' && /\/(end|terminer)$/.test(route.path)) return 'startedPlacement';
  return kind;
}

/** The route's path with every parameter filled by the records' ids (or by `override`). */
export function fillPath(route: Route, records: StructureRecords, override: Record<string, string> = {}): string {
  return route.path.replace(/:(\w+)|\{?\*(\w+)\}?/g, (_, named: string | undefined, wildcard: string | undefined) => {
    const param = (named ?? wildcard)!;
    if (override[param] !== undefined) return encodeURIComponent(override[param]);
    if (wildcard) return 'x';
    return encodeURIComponent(records.ids[paramKind(route, param)]);
  });
}

const addDays = (day: Date, days: number) => new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10);

async function ok<T = Record<string, any>>(label: string, pending: PromiseLike<{ status: number; body: any; text: string }>): Promise<T> {
  const response = await pending;
  if (response.status >= 300) throw new Error(`${label}: ${response.status} ${response.text}`);
  return response.body as T;
}

/**
 * One record of each kind in the structure of `manager` (a manager) and `admin` (its admin),
 * created through the API as a user would, each carrying `marker` in its names and e-mails.
 */
export async function createRecords(
  manager: Api,
  admin: Api,
  secret: string,
  now: Date,
  label: string,
): Promise<StructureRecords> {
  const marker = `Zq${label}${randomBytes(4).toString('hex')}`;
  const me = await ok('me', manager.get('/api/auth/me'));
  const user = await ok(
    'user',
    admin.post('/api/users', {
      email: `lea.${marker.toLowerCase()}@exemple.fr`,
      firstName: `Léa ${marker}`,
      lastName: `Martin ${marker}`,
      role: 'staff',
      password: `mot de passe ${marker}`,
    }),
  );
  const stage = await ok('stage', manager.post('/api/pipeline/stages', { name: `Étape ${marker}`, stalledAfterDays: 10 }));
  const company = await ok(
    'company',
    manager.post('/api/companies', { name: `Boulangerie ${marker}`, commune: 'Lille', postcode: '59000', ownerId: user.id, notes: `Notes ${marker}` }),
  );
  const contact = await ok(
    'contact',
    manager.post(`/api/companies/${company.id}/contacts`, {
      firstName: `Hélène ${marker}`,
      lastName: `Durand ${marker}`,
      email: `helene.${marker.toLowerCase()}@exemple.fr`,
      phone: '03 20 00 00 00',
    }),
  );
  const pitch = await ok(
    'pitch',
    manager.post('/api/pitches', {
      kind: 'first_call',
      title: `Premier appel ${marker}`,
      sections: {
        opening: `Bonjour {{contact.lastName}}, ici {{staff.firstName}} (${marker}).`,
        offer: 'Nous proposons des candidat·es.',
        questions: ['Avez-vous un besoin jamais publié ?'],
        objections: [{ objection: 'Nous ne recrutons pas.', answer: `Justement ${marker}` }],
        closing: 'Pouvons-nous nous rencontrer ?',
      },
    }),
  );
  const pitchDetail = await ok('pitch detail', manager.get(`/api/pitches/${pitch.id}`));
  await ok(
    'activity',
    manager.post(`/api/companies/${company.id}/activities`, {
      type: 'call',
      outcome: 'need_found',
      contactId: contact.id,
      scriptVersionId: pitchDetail.current.id,
      text: `Appel ${marker}`,
    }),
  );
  const timeline = await ok('timeline', manager.get(`/api/companies/${company.id}/timeline?type=call`));
  const activity = timeline.items[0] as { id: string };
  const candidate = async (firstName: string) =>
    ok(
      'candidate',
      manager.post('/api/candidates', {
        firstName: `${firstName} ${marker}`,
        lastName: `Marchal ${marker}`,
        email: `${firstName.toLowerCase()}.${marker.toLowerCase()}@exemple.fr`,
        phone: '06 12 34 56 78',
        notes: `Notes sensibles ${marker}`,
        constraints: { health: `Contrainte ${marker}` },
        ownerId: me.user.id,
      }),
    );
  const main = await candidate('Ophelie');
  const lead = await ok(
    'lead',
    manager.post('/api/leads', {
      companyId: company.id,
      contactId: contact.id,
      sourceActivityId: activity.id,
      jobTitle: `Vendeur ${marker}`,
      contractType: 'cdd',
      hoursPerWeek: 35,
    }),
  );
  const proposal = await ok('proposal', manager.post(`/api/leads/${lead.id}/proposals`, { candidateId: main.id, force: true }));
  const today = now.toISOString().slice(0, 10);
  const placement = await ok(
    'placement',
    manager.post('/api/placements', {
      candidateId: main.id,
      companyId: company.id,
      leadId: lead.id,
      proposalId: proposal.id,
      employerContactId: contact.id,
      contractType: 'cdd',
      jobTitle: `Vendeur ${marker}`,
      startDate: addDays(now, 14),
      plannedEndDate: addDays(now, 14 + 200),
    }),
  );
  const contract = async (firstName: string) => {
    const person = await candidate(firstName);
    const created = await ok(
      'placement',
      manager.post('/api/placements', {
        candidateId: person.id,
        companyId: company.id,
        employerContactId: contact.id,
        contractType: 'cdi',
        jobTitle: `Magasinier ${marker}`,
        startDate: addDays(now, -20),
      }),
    );
    return ok('start', manager.post(`/api/placements/${created.id}/start`, {}));
  };
  const started = await contract('Samir');
  const ruptured = await contract('Nora');
  await ok(
    'rupture',
    manager.post(`/api/placements/${ruptured.id}/end`, {
      endDate: today,
      endKind: 'early',
      ruptureReason: `Rupture ${marker}`,
      endedBy: 'employer',
    }),
  );
  const alerts = await ok('alerts', manager.get('/api/alerts?resolved=false'));
  if (!alerts.items.length) throw new Error('The rupture raised no alert');
  const checkIns = await ok<Array<{ id: string }> | { items: Array<{ id: string }> }>('check-ins', manager.get(`/api/placements/${placement.id}/check-ins`));
  const checkIn = (Array.isArray(checkIns) ? checkIns : checkIns.items)[0];
  if (!checkIn) throw new Error('The placement has no planned check-in');
  const importRun = await ok(
    'import',
    manager.agent
      .post('/api/imports')
      .set('x-csrf-token', await csrfOf(manager))
      .field('dryRun', 'true')
      .attach('file', Buffer.from(`nom;commune\nImport ${marker};Lille\n`), 'entreprises.csv'),
  );
  const encounter = await ok(
    'encounter',
    manager.post('/api/encounters', {
      kind: 'job_dating',
      title: `Job dating ${marker}`,
      day: addDays(now, 10),
      startTime: '09:00',
      endTime: '11:00',
      hostCompanyId: company.id,
      description: `Présentation ${marker}`,
    }),
  );
  const invited = await ok('participants', manager.post(`/api/encounters/${encounter.id}/participants`, { candidateIds: [main.id], contactIds: [contact.id] }));
  // The manager's calendar subscription: its secret is the last segment of the address, before « .ics ».
  const feed = await ok<{ url: string }>('calendar feed', manager.post('/api/me/calendar-feed'));
  return {
    structureId: me.structure.id,
    marker,
    ids: {
      user: user.id,
      stage: stage.id,
      company: company.id,
      contact: contact.id,
      activity: activity.id,
      pitch: pitch.id,
      pitchVersion: '1',
      scriptVersion: pitchDetail.current.id,
      candidate: main.id,
      lead: lead.id,
      proposal: proposal.id,
      placement: placement.id,
      startedPlacement: started.id,
      checkIn: checkIn.id,
      checkInToken: signCheckInToken(secret, checkIn.id, new Date(now.getTime() + 30 * 86_400_000)),
      calendarFeedSecret: new URL(feed.url).pathname.replace(/^\/agenda\/|\.ics$/g, ''),
      alert: alerts.items[0].id,
      importRun: importRun.id,
      encounter: encounter.id,
      participant: (invited.participants as Array<{ id: string; party: string }>).find((p) => p.party === 'candidate')!.id,
      section: 'rubrique-inconnue',
    },
  };
}

async function csrfOf(session: Api): Promise<string> {
  return (await ok<{ csrfToken: string }>('me', session.get('/api/auth/me'))).csrfToken;
}

/* ------------------------------------------------------------------------------------------------
 * Example inputs: JSON bodies and queries from the OpenAPI document, form fields from the pages.
 * --------------------------------------------------------------------------------------------- */

export interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  nullable?: boolean;
  $ref?: string;
  allOf?: Schema[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, {
    parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
    requestBody?: { content: Record<string, { schema: Schema }> };
  }>>;
  components: { schemas: Record<string, Schema> };
}

export async function loadOpenApi(agent: TestAgent): Promise<OpenApiDocument> {
  const response = await agent.get('/api/docs-json');
  if (response.status !== 200) throw new Error(`/api/docs-json answered ${response.status}`);
  return response.body as OpenApiDocument;
}

export function operationOf(doc: OpenApiDocument, route: Route) {
  return doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
}

export function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolveSchema(doc, schema.allOf[0]);
  return schema;
}

/** The JSON (or multipart) body schema of a route, if it takes one. */
export function bodySchemaOf(doc: OpenApiDocument, route: Route): { schema: Schema; multipart: boolean } | undefined {
  const content = operationOf(doc, route)?.requestBody?.content;
  if (!content) return undefined;
  const [type, media] = Object.entries(content)[0];
  const schema = resolveSchema(doc, media.schema);
  return schema ? { schema, multipart: type.startsWith('multipart/') } : undefined;
}

/**
 * Valid bodies the OpenAPI examples cannot give (a value that depends on the record's state, or
 * rules between fields); the rest comes from the schema's required fields and examples.
 */
const BODY_OVERRIDES: Record<string, (records: StructureRecords, now: Date) => Record<string, unknown>> = {
  'POST /api/users': () => ({ email: `nouveau.${randomBytes(4).toString('hex')}@exemple.fr`, firstName: 'Nouveau', lastName: 'Compte', role: 'staff', password: 'un mot de passe assez long' }),
  'PATCH /api/users/:id': () => ({ phone: '06 00 00 00 00' }),
  'PATCH /api/auth/password': () => ({ currentPassword: 'pas le bon mot de passe', newPassword: 'un nouveau mot de passe' }),
  'POST /api/auth/login': () => ({ email: 'personne@exemple.fr', password: 'pas le bon mot de passe' }),
  'PATCH /api/structure': () => ({ territory: 'Nord' }),
  'POST /api/pipeline/stages': () => ({ name: `Étape ${randomBytes(3).toString('hex')}` }),
  'PATCH /api/pipeline/stages/:id': () => ({ stalledAfterDays: 12 }),
  'PUT /api/pipeline/cadence': () => ({ rules: [{ trigger: 'call:no_answer', actionType: 'call', amount: 2, unit: 'working_days' }] }),
  'PATCH /api/companies/:id': () => ({ phone: '03 20 11 22 33' }),
  'PUT /api/companies/:id/next-action': (r, now) => ({ type: 'call', dueOn: addDays(now, 3), ownerId: r.ids.user }),
  'POST /api/companies/:companyId/contacts': () => ({ lastName: 'Nouveau contact' }),
  'POST /api/suggestions/calls/:companyId/dismiss': () => ({ reason: 'closed' }),
  'PATCH /api/contacts/:id': () => ({ jobTitle: 'Gérante' }),
  'PUT /api/pitches/:id': () => ({ version: 1, title: 'Titre revu' }),
  'PATCH /api/pitches/:id/archived': () => ({ archived: false }),
  'POST /api/pitches/:id/render': (r) => ({ companyId: r.ids.company, contactId: r.ids.contact }),
  'POST /api/companies/:id/stage': (r) => ({ stageId: r.ids.stage, version: 1 }),
  'POST /api/companies/:id/activities': (r) => ({ type: 'call', outcome: 'no_answer', contactId: r.ids.contact, scriptVersionId: r.ids.scriptVersion }),
  'PATCH /api/candidates/:id': () => ({ phone: '06 99 99 99 99' }),
  'POST /api/candidates/:id/exit': (_, now) => ({ exitDate: addDays(now, 0), exitCategory: 'other' }),
  'POST /api/leads': (r) => ({ companyId: r.ids.company, contactId: r.ids.contact, sourceActivityId: r.ids.activity, jobTitle: 'Caissier', contractType: 'cdi', ownerId: r.ids.user }),
  'PATCH /api/leads/:id': (r) => ({ version: 1, hoursPerWeek: 30, contactId: r.ids.contact, ownerId: r.ids.user }),
  'POST /api/leads/:id/status': () => ({ status: 'abandoned', abandonReason: 'Poste supprimé', version: 1 }),
  'POST /api/leads/:id/proposals': (r) => ({ candidateId: r.ids.candidate, force: true }),
  'POST /api/proposals/:id/outcome': () => ({ outcome: 'declined_by_employer', reason: 'Horaires' }),
  'POST /api/placements': (r, now) => ({
    candidateId: r.ids.candidate,
    companyId: r.ids.company,
    leadId: r.ids.lead,
    proposalId: r.ids.proposal,
    employerContactId: r.ids.contact,
    contractType: 'cdi',
    jobTitle: 'Vendeur',
    startDate: addDays(now, 30),
    ownerId: r.ids.user,
  }),
  'PATCH /api/placements/:id': (r) => ({ hoursPerWeek: 30, employerContactId: r.ids.contact, ownerId: r.ids.user }),
  'POST /api/placements/:id/end': (_, now) => ({ endDate: addDays(now, 0), endKind: 'normal' }),
  'PUT /api/check-ins/settings': () => ({ offsets: ['3 days', '1 month'], noAnswerDays: 5 }),
  'PUT /api/me/reminders': () => ({ digestEnabled: true, digestTime: '08:00', meetingRemindersEnabled: true }),
  'PUT /api/reports/targets': () => ({ call: 10, meeting: 2, visit: 1, event: 0 }),
  'PUT /api/reports/targets/:userId': () => ({ call: 12, meeting: 2, visit: 1, event: 0 }),
  'PUT /api/leads/settings': () => ({ proposalTargetDays: 7 }),
  'POST /api/imports/:id/run': () => ({ duplicates: 'skip' }),
};

function exampleValue(doc: OpenApiDocument, name: string, raw: Schema, records: StructureRecords): unknown {
  const kind = FIELD_KINDS[name];
  const schema = resolveSchema(doc, raw) ?? {};
  if (kind) return schema.type === 'array' ? [records.ids[kind]] : records.ids[kind];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'object' && schema.properties) return exampleObject(doc, schema, records);
  if (schema.type === 'array') return [];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'number' || schema.type === 'integer') return Math.max(1, schema.minimum ?? 1);
  return 'Texte';
}

function exampleObject(doc: OpenApiDocument, schema: Schema, records: StructureRecords): Record<string, unknown> {
  return Object.fromEntries(
    (schema.required ?? []).map((name) => [name, exampleValue(doc, name, schema.properties?.[name] ?? {}, records)]),
  );
}

/** A body the route should accept from the records' own structure (best effort for routes not listed above). */
export function exampleBody(doc: OpenApiDocument, route: Route, records: StructureRecords, now: Date): Record<string, unknown> {
  const override = BODY_OVERRIDES[route.key];
  if (override) return override(records, now);
  const body = bodySchemaOf(doc, route);
  return body && !body.multipart ? exampleObject(doc, body.schema, records) : {};
}

/** Names of the body fields of a route that hold record ids, from the schema and the example. */
export function idFieldsOf(doc: OpenApiDocument, route: Route, example: Record<string, unknown>): string[] {
  const properties = Object.keys(bodySchemaOf(doc, route)?.schema.properties ?? {});
  return [...new Set([...properties, ...Object.keys(example)])].filter((name) => FIELD_KINDS[name] && /Ids?$/.test(name));
}

/** Query parameters of a GET route with every id-holding one set to the records' ids (plus the required ones). */
export function exampleQuery(doc: OpenApiDocument, route: Route, records: StructureRecords): Record<string, string> {
  const query: Record<string, string> = {};
  for (const parameter of operationOf(doc, route)?.parameters ?? []) {
    if (parameter.in !== 'query') continue;
    const kind = FIELD_KINDS[parameter.name];
    if (kind) query[parameter.name] = records.ids[kind];
    else if (parameter.required) {
      const schema = resolveSchema(doc, parameter.schema) ?? {};
      query[parameter.name] = String(schema.example ?? schema.enum?.[0] ?? schema.default ?? 'x');
    }
  }
  // Required by the validation though not marked so in the document.
  if (route.path === '/api/reports/drill') query.metric = 'funnel.contacted';
  if (route.path === '/api/reports/export.csv') query.table = 'funnel';
  if (route.path === '/api/actions') query.view = 'today';
  return query;
}

/** A form as a page posts it: field name → value (repeated fields as a list). */
export type FormFields = Record<string, string | string[]>;

const decodeHtml = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attribute = (attributes: string, name: string) => {
  const match = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(attributes);
  return match ? decodeHtml(match[2] ?? match[3]) : undefined;
};

function add(fields: FormFields, name: string, value: string): void {
  const previous = fields[name];
  fields[name] = previous === undefined ? value : [previous, value].flat();
}

/** The fields a `<form>` would post as it stands (default values, checked boxes, selected options). */
export function formFields(inner: string): FormFields {
  const fields: FormFields = {};
  for (const [, attributes] of inner.matchAll(/<input\b([^>]*)>/gi)) {
    const name = attribute(attributes, 'name');
    const type = (attribute(attributes, 'type') ?? 'text').toLowerCase();
    if (!name || ['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/i.test(attributes)) continue;
    add(fields, name, attribute(attributes, 'value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  for (const [, attributes, options] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attribute(attributes, 'name');
    if (!name) continue;
    const all = [...options.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)];
    const chosen = all.filter(([, optionAttributes]) => /\bselected\b/i.test(optionAttributes));
    for (const [, optionAttributes, label] of chosen.length ? chosen : all.slice(0, 1)) {
      add(fields, name, attribute(optionAttributes, 'value') ?? decodeHtml(label.trim()));
    }
  }
  for (const [, attributes, content] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const name = attribute(attributes, 'name');
    if (name) add(fields, name, decodeHtml(content));
  }
  return fields;
}

/** Turns an Express route path into a matcher for concrete paths. */
export function routeMatcher(route: Route): RegExp {
  const pattern = route.path
    .split(/(:\w+)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/**
 * Crawls the given pages and keeps, for each page POST route, the first form that posts to it:
 * real field names and default values, as a browser would send them.
 */
export async function harvestForms(agent: TestAgent, pages: string[], postRoutes: Route[]): Promise<Map<string, FormFields>> {
  const forms = new Map<string, FormFields>();
  for (const page of pages) {
    const response = await agent.get(page).set('Accept', 'text/html');
    if (response.status !== 200 || !String(response.headers['content-type']).includes('html')) continue;
    for (const [, attributes, inner] of response.text.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
      if ((attribute(attributes, 'method') ?? 'get').toLowerCase() !== 'post') continue;
      const action = (attribute(attributes, 'action') ?? page).split(/[?#]/)[0];
      const route = postRoutes.find((candidate) => routeMatcher(candidate).test(action));
      // The CSRF field is the sender's business: each request sets its own (or none).
      const { _csrf: _, ...fields } = formFields(inner);
      if (route && !forms.has(route.key)) forms.set(route.key, fields);
    }
  }
  return forms;
}

/** Values for the blank fields of a page form, so that it passes validation and reaches the service. */
const FORM_EXAMPLES: Record<string, (now: Date) => string> = {
  name: () => `Entreprise ${randomBytes(3).toString('hex')}`,
  firstName: () => 'Camille',
  lastName: () => 'Test',
  email: () => `camille.${randomBytes(4).toString('hex')}@exemple.fr`,
  password: () => 'un mot de passe assez long',
  jobTitle: () => 'Vendeur',
  title: () => 'Script de test',
  opening: () => 'Bonjour {{contact.lastName}}',
  offer: () => 'Notre offre',
  questions: () => 'Avez-vous un besoin ?',
  closing: () => 'Pouvons-nous nous voir ?',
  status: () => 'qualified',
  romeCode: () => 'D1106',
  hoursPerWeek: () => '35',
  outcome: () => 'interview',
  startDate: (now) => addDays(now, 45),
  dueOn: (now) => addDays(now, 3),
  endDate: (now) => addDays(now, 0),
  endKind: () => 'normal',
  digestTime: () => '08:00',
};

/** A harvested form with its blank fields filled: ids from the records, other values from FORM_EXAMPLES. */
export function completeForm(fields: FormFields, records: StructureRecords, now: Date): FormFields {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => {
      if (value !== '') return [name, value];
      const kind = FIELD_KINDS[name];
      if (kind) return [name, records.ids[kind]];
      return [name, FORM_EXAMPLES[name]?.(now) ?? value];
    }),
  );
}

/** An urlencoded body, repeating the name of list fields. */
export function encodeForm(fields: FormFields): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return body.toString();
}

/* ------------------------------------------------------------------------------------------------
 * What a structure holds, to prove that a refused request wrote nothing.
 * --------------------------------------------------------------------------------------------- */

/**
 * Rows a refused request may still add, because answering it showed personal data and every such
 * read is logged (table → SQL condition on its rows `x`). They are left out of the snapshot.
 */
export const READ_LOG_ROWS: Record<string, string> = {
  privacy_request: `x.kind = 'export'`,
  audit_event: `x.action = 'sensitive_read'`,
};

const snapshotQueries = new WeakMap<DataSource, Promise<string>>();

async function snapshotQuery(dataSource: DataSource): Promise<string> {
  const tables: Array<{ table_name: string }> = await dataSource.query(
    `SELECT DISTINCT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'structure_id'
      ORDER BY table_name`,
  );
  const parts = tables.map(({ table_name }) => {
    const readLog = READ_LOG_ROWS[table_name] ? ` AND NOT (${READ_LOG_ROWS[table_name]})` : '';
    // An order-free sum of row hashes: no sort, no big string, and any changed row changes it.
    return `SELECT '${table_name}' AS name, count(*) || ':' || coalesce(sum(hashtextextended(x::text, 0)), 0) AS digest
         FROM "${table_name}" x WHERE x.structure_id = $1${readLog}`;
  });
  parts.push(`SELECT 'structure', hashtextextended(x::text, 0)::text FROM structure x WHERE x.id = $1`);
  return parts.join(' UNION ALL ');
}

/**
 * Per table, the count and a hash of the structure's rows: every table with a `structure_id`
 * column (found in the schema when first asked, so tables added later are covered), less the
 * read logs above, and the structure's own row.
 */
export async function structureSnapshot(dataSource: DataSource, structureId: string): Promise<Record<string, string>> {
  if (!snapshotQueries.has(dataSource)) snapshotQueries.set(dataSource, snapshotQuery(dataSource));
  const rows: Array<{ name: string; digest: string }> = await dataSource.query(await snapshotQueries.get(dataSource)!, [structureId]);
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]);
}
