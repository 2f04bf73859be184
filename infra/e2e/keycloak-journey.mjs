// The Keycloak journey of `make e2e-keycloak` (Node 20, no dependencies).
// Gets real tokens with a browser-like PKCE login (login page, form post with its cookies,
// code exchange with the verifier) and walks the API with them.
//   KC_URL=http://localhost:18180 API_URL=http://localhost:18080 node keycloak-journey.mjs
import { createHash, randomBytes } from 'node:crypto';

const KC = process.env.KC_URL ?? 'http://localhost:8180';
const API = process.env.API_URL ?? 'http://localhost:8080';
const SPA_REDIRECT = 'http://localhost:5173/callback';

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}

function b64url(buf) {
  return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

class Cookies {
  jar = new Map();
  take(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function decodeHtml(s) {
  return s.replace(/&amp;/g, '&').replace(/&#x3d;/gi, '=').replace(/&#61;/g, '=');
}

/** Authorization-code login with PKCE, as a browser does it; returns the token response. */
async function login({ realm, clientId, redirectUri, username, password }) {
  const base = `${KC}/realms/${realm}/protocol/openid-connect`;
  const verifier = b64url(randomBytes(48));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const state = b64url(randomBytes(12));
  const auth = new URL(`${base}/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const cookies = new Cookies();
  const page = await fetch(auth, { redirect: 'manual' });
  cookies.take(page);
  const html = await page.text();
  const action = html.match(/<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/)
    ?? html.match(/action="([^"]*login-actions\/authenticate[^"]*)"/);
  if (page.status !== 200 || !action) {
    throw new Error(`${clientId}@${realm}: no login form (HTTP ${page.status})`);
  }
  const posted = await fetch(decodeHtml(action[1]), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookies.header(),
    },
    body: new URLSearchParams({ username, password, credentialId: '' }),
  });
  const location = posted.headers.get('location');
  if (posted.status !== 302 || !location) {
    throw new Error(`${username}: login refused (HTTP ${posted.status})`);
  }
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error('state mismatch');
  const code = back.searchParams.get('code');
  const token = await fetch(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      redirect_uri: redirectUri,
      code,
      code_verifier: verifier,
    }),
  });
  const body = await token.json();
  if (!token.ok) throw new Error(`token exchange: ${token.status} ${JSON.stringify(body)}`);
  return body;
}

async function call(method, path, token, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${API}${path}`, { method, headers, body: payload });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

async function expect2xx(what, method, path, token, body) {
  const res = await call(method, path, token, body);
  check(res.status >= 200 && res.status < 300, what, `${method} ${path} -> ${res.status}`);
  if (res.status >= 300) console.log(JSON.stringify(res.json));
  return res.json;
}

function window(phase, opens, closes) {
  return { phase, opensAt: opens.toISOString(), closesAt: closes.toISOString() };
}

function phases(submissionOpens) {
  const day = 86_400_000;
  const at = (ms) => new Date(submissionOpens.getTime() + ms);
  return [
    window('REGISTRATION', at(-14 * day), submissionOpens),
    window('SUBMISSION', submissionOpens, at(21 * day)),
    window('JUDGING', at(21 * day), at(28 * day)),
    window('VOTING', at(22 * day), at(28 * day)),
    window('RESULTS', at(28 * day), at(81 * day)),
  ];
}

async function main() {
  const spa = (username, password, realm = 'minka') =>
    login({ realm, clientId: 'minka-spa', redirectUri: SPA_REDIRECT, username, password });

  // 1. Tokens from the real realm: audience and roles mappers.
  const admin = (await spa('admin@minka.local', 'admin')).access_token;
  const citizen = (await spa('citizen@minka.local', 'citizen')).access_token;
  const a = claims(admin);
  const aud = [a.aud].flat();
  check(aud.includes('minka-api'), 'SPA admin token carries aud=minka-api', `aud=${aud}`);
  check([a.roles].flat().includes('admin'), 'SPA admin token carries roles=[admin]');
  check(a.iss === `${KC}/realms/minka`, 'issuer is the realm URL', a.iss);
  const mobile = await login({
    realm: 'minka',
    clientId: 'minka-mobile',
    redirectUri: 'org.minka.app:/oauth2redirect',
    username: 'citizen@minka.local',
    password: 'citizen',
  });
  check([claims(mobile.access_token).aud].flat().includes('minka-api'),
    'mobile client (custom-scheme redirect) gets aud=minka-api');

  // 2. The realm role admin becomes a Minka admin; a citizen does not.
  const me = await expect2xx('admin signs in', 'GET', '/api/v1/me', admin);
  check(me?.admin === true, 'realm role admin -> /me says admin=true');
  const cme = await expect2xx('citizen signs in', 'GET', '/api/v1/me', citizen);
  check(cme?.admin === false, 'citizen -> /me says admin=false');

  // 3. Audience enforced: a token of the same realm for another client (account-console).
  const other = await login({
    realm: 'minka',
    clientId: 'account-console',
    redirectUri: `${KC}/realms/minka/account/`,
    username: 'admin@minka.local',
    password: 'admin',
  });
  const otherAud = [claims(other.access_token).aud].flat();
  check(!otherAud.includes('minka-api'), 'account-console token lacks minka-api', `aud=${otherAud}`);
  const wrongAud = await call('GET', '/api/v1/me', other.access_token);
  check(wrongAud.status === 401, 'token without aud=minka-api is refused', `${wrongAud.status}`);

  // 4. Another realm: same client id, same mappers, same user, different issuer.
  const foreign = (await spa('admin@minka.local', 'admin', 'minka-other')).access_token;
  check([claims(foreign).aud].flat().includes('minka-api'), 'other realm token has aud=minka-api');
  const wrongIss = await call('GET', '/api/v1/me', foreign);
  check(wrongIss.status === 401, 'token of another realm is refused', `${wrongIss.status}`);

  // 5. Citizen journey: register -> team -> submission -> upload.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const slug = `e2e-keycloak-${Date.now()}`;
  const event = await expect2xx('admin creates an event', 'POST', '/api/v1/events', admin, {
    slug,
    title: 'Keycloak end-to-end',
    description: 'Created by make e2e-keycloak',
    timezone: 'America/Lima',
    phases: phases(new Date(now.getTime() + 86_400_000)),
  });
  const forbidden = await call('POST', '/api/v1/events', citizen, {
    slug: `${slug}-x`, title: 'x', timezone: 'America/Lima', phases: phases(now),
  });
  check(forbidden.status === 403, 'citizen cannot create an event', `${forbidden.status}`);
  const id = event.id;
  const challenge = await expect2xx('admin adds a challenge', 'POST',
    `/api/v1/events/${id}/challenges`, admin, {
      title: 'Dengue en la Amazonía',
      statement: 'Relaciona los casos semanales de dengue con la lluvia.',
      themes: ['salud'],
      proposingEntity: 'MINSA',
      datasets: [{ title: 'Dengue', landingUrl: 'https://www.datosabiertos.gob.pe/dataset/dengue' }],
    });
  await expect2xx('admin publishes', 'POST', `/api/v1/events/${id}/publish`, admin);
  await expect2xx('citizen registers', 'POST', `/api/v1/events/${id}/registrations`, citizen, {
    region: 'Loreto', skills: ['python'], termsVersion: '2026-11',
  });
  const team = await expect2xx('citizen creates a team', 'POST', `/api/v1/events/${id}/teams`,
    citizen, { name: 'Los Zancudos de Keycloak' });
  await expect2xx('team picks the challenge', 'POST',
    `/api/v1/events/${id}/teams/${team.id}/challenges`, citizen, { challengeId: challenge.id });
  await expect2xx('admin opens SUBMISSION', 'PUT', `/api/v1/events/${id}/phases`, admin,
    { phases: phases(now) });
  const submission = await expect2xx('citizen starts a submission', 'POST',
    `/api/v1/events/${id}/submissions`, citizen, {
      teamId: team.id,
      challengeId: challenge.id,
      title: 'Lluvia y dengue',
      summary: 'Cruzamos la vigilancia semanal con la lluvia.',
      links: { repository: 'https://github.com/ejemplo/dengue' },
      datasets: [{ url: 'https://www.datosabiertos.gob.pe/dataset/dengue', title: 'Dengue' }],
      licence: 'CC-BY-4.0',
    });
  const form = new FormData();
  const csv = 'semana,casos\n1,10\n2,14\n';
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'casos.csv');
  const artifact = await expect2xx('citizen uploads a file', 'POST',
    `/api/v1/submissions/${submission.id}/artifacts?kind=DATA`, citizen, form);
  await expect2xx('citizen submits', 'POST', `/api/v1/submissions/${submission.id}/submit`, citizen);
  const download = await expect2xx('citizen asks for a download link', 'GET',
    `/api/v1/submissions/${submission.id}/artifacts/${artifact.id}/download`, citizen);
  const bytes = await fetch(download.url);
  const text = await bytes.text();
  check(bytes.status === 200 && text === csv, 'uploaded bytes come back unchanged from S3',
    `${bytes.status}, ${text.length} bytes`);
}

const started = Date.now();
main()
  .catch((err) => {
    console.log(`FAIL ${err.stack ?? err}`);
    failures++;
  })
  .finally(() => {
    console.log(`journey: ${failures === 0 ? 'passed' : `${failures} check(s) failed`}`
      + ` in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exitCode = failures === 0 ? 0 : 1;
  });
