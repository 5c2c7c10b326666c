import autocannon from 'autocannon';
import { HttpSession } from './http-session';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** `connections` clients for `seconds` cycling through `paths` (board, timeline, search). */
export async function load(session: HttpSession, paths: string[], connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url: session.baseUrl,
    connections,
    duration: seconds,
    headers: { cookie: session.cookie },
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}
