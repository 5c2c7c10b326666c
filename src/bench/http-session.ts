/** A logged-in HTTP client of the benchmark: the session cookie and CSRF token of one account. */
export interface HttpSession {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
}

export async function openSession(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const body = (await response.json()) as { csrfToken: string };
  return { baseUrl, cookie, csrfToken: body.csrfToken };
}

/** GET as the session; throws on anything but 200 so a broken read never passes for a fast one. */
export async function timedGet(session: HttpSession, path: string): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(`${session.baseUrl}${path}`, { headers: { cookie: session.cookie } });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return { ms: elapsed, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}
