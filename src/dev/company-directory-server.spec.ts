import { answerOf, readRecorded, RunningDirectoryServer, startDirectoryServer } from './company-directory-server';

type Answer = { results: Array<{ siren: string; matching_etablissements: Array<{ siret: string }> }>; total_results: number };

describe('the local recorded company directory', () => {
  const recorded = readRecorded();
  const ask = (query: Record<string, string>) => answerOf(recorded, new URLSearchParams(query));
  const sirets = (query: Record<string, string>) =>
    (ask(query).body as Answer).results.flatMap((unit) => unit.matching_etablissements.map((place) => place.siret));

  it.each([
    ['a name in a postcode: its establishments there only', { q: 'logistique', code_postal: '59100' }, ['84455667000025']],
    ['partial words, in any order', { q: 'ponts gar' }, ['88812345200011']],
    ['a sign', { q: 'boulangerie lefebvre' }, ['79876543400013']],
    ['a SIRET', { q: '81234567600025' }, ['81234567600025']],
    ['a SIREN', { q: '812 345 676' }, ['81234567600017', '81234567600025']],
    ['a commune in the words', { q: 'boulangerie lille' }, ['90011223600014']],
    ['nothing', { q: 'chaudronnerie' }, []],
  ])('%s', (_case, query, expected) => {
    expect(sirets(query)).toEqual(expected);
  });

  it('answers 400 under 3 characters, as the API does, and pages its results', () => {
    expect(ask({ q: 'bo' }).status).toBe(400);
    const first = ask({ q: 'boulangerie', per_page: '1' }).body as Answer;
    expect(first.results).toHaveLength(1);
    expect(first.total_results).toBe(3);
  });

  describe('over HTTP', () => {
    let server: RunningDirectoryServer;
    beforeAll(async () => {
      server = await startDirectoryServer({ port: 0 });
    });
    afterAll(() => server.close());

    it('answers in the API’s envelope, fails and hangs on the recorded queries', async () => {
      const base = `http://127.0.0.1:${server.port}`;
      const ok = await fetch(`${base}/search?q=garage&code_postal=59100&page=1&per_page=10`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ total_results: 2, page: 1, per_page: 10, total_pages: 1 });
      expect((await fetch(`${base}/search?q=panne`)).status).toBe(503);
      expect((await fetch(`${base}/search?q=quota`)).status).toBe(429);
      await expect(fetch(`${base}/search?q=lenteur`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
      expect(server.requests.map((request) => request.q)).toEqual(['garage', 'panne', 'quota', 'lenteur']);
    });
  });
});
