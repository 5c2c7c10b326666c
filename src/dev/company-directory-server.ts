import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import type { ApiEstablishment, ApiLegalUnit } from '../companies/lookup/recherche-entreprises.mapping';

/**
 * A local stand-in for « Recherche d'entreprises » in development and tests, as the SMS catcher is
 * for Brevo: `GET /search?q=&code_postal=&page=&per_page=` answers in the API's documented shape from
 * recorded results (company-directory/recorded-search.json), so no test reaches the internet. A
 * query naming one of the recorded `hangingQueries` never answers (the client's time-out is then
 * tested), one of `failingQueries` answers its status. `q` under 3 characters answers 400, as the
 * API does. Never for production.
 */
interface Recorded {
  hangingQueries: string[];
  failingQueries: Record<string, number>;
  results: ApiLegalUnit[];
}

export interface DirectoryServerOptions {
  port: number;
  host?: string;
  /** Recorded answers; the project's own file when not given. */
  recorded?: Recorded;
}

export interface RunningDirectoryServer {
  port: number;
  /** Every query received, oldest first (`q`, `code_postal`…): tests check what was asked. */
  requests: Record<string, string>[];
  close(): Promise<void>;
}

export const RECORDED_SEARCH_FILE = join(PROJECT_ROOT, 'src', 'dev', 'company-directory', 'recorded-search.json');

const fold = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Whether each word of the query starts a word of the text (the API matches partial words too). */
function matchesWords(words: string[], text: string): boolean {
  const known = fold(text).split(' ');
  return words.every((word) => known.some((candidate) => candidate.startsWith(word)));
}

/** The recorded units answering a query, each with only its establishments that match it. */
export function answerOf(recorded: Recorded, params: URLSearchParams): { status: number; body: unknown } {
  const q = (params.get('q') ?? '').trim();
  if (q.length < 3) {
    return { status: 400, body: { erreur: 'Veuillez indiquer au moins 3 caractères ou un filtre.' } };
  }
  const postcode = params.get('code_postal');
  const perPage = Math.min(25, Math.max(1, Number(params.get('per_page')) || 10));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const digits = q.replace(/\s/g, '');
  const words = fold(q).split(' ').filter(Boolean);
  const units: ApiLegalUnit[] = [];
  for (const unit of recorded.results) {
    const places = (unit.matching_etablissements ?? []).filter((place: ApiEstablishment) => {
      if (postcode && place.code_postal !== postcode) return false;
      if (/^\d{14}$/.test(digits)) return place.siret === digits;
      if (/^\d{9}$/.test(digits)) return unit.siren === digits;
      const text = [unit.nom_complet, unit.nom_raison_sociale, ...(place.liste_enseignes ?? []), place.adresse, place.libelle_commune].join(' ');
      return matchesWords(words, text);
    });
    if (places.length) units.push({ ...unit, matching_etablissements: places });
  }
  const results = units.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: { results, total_results: units.length, page, per_page: perPage, total_pages: Math.max(1, Math.ceil(units.length / perPage)) },
  };
}

export function readRecorded(file = RECORDED_SEARCH_FILE): Recorded {
  return JSON.parse(readFileSync(file, 'utf8')) as Recorded;
}

export async function startDirectoryServer(options: DirectoryServerOptions): Promise<RunningDirectoryServer> {
  const recorded = options.recorded ?? readRecorded();
  const requests: Record<string, string>[] = [];
  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://directory.local');
    if (url.pathname !== '/search' || request.method !== 'GET') {
      return json(response, 404, { erreur: 'Route inconnue' });
    }
    requests.push(Object.fromEntries(url.searchParams));
    const words = fold(url.searchParams.get('q') ?? '');
    if (recorded.hangingQueries.some((hanging) => words.includes(fold(hanging)))) return; // never answers
    const failing = Object.entries(recorded.failingQueries).find(([word]) => words.includes(fold(word)));
    if (failing) return json(response, failing[1], { erreur: 'Erreur enregistrée' });
    const answer = answerOf(recorded, url.searchParams);
    json(response, answer.status, answer.body);
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (http.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        // The hanging queries would keep the server open for ever.
        http.closeAllConnections();
      }),
  };
}

if (require.main === module) {
  const port = Number(process.env.COMPANY_DIRECTORY_PORT ?? 1082);
  startDirectoryServer({ port })
    .then((server) => {
      console.log(`Company directory (recorded answers) at http://127.0.0.1:${server.port}/search?q=boulangerie`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((error: Error) => {
      console.error(`Company directory server could not start: ${error.message}`);
      process.exit(1);
    });
}
