// A local stand-in for Facebook Login and Login with Amazon, for the federation tests, on their documented paths:
//
//   Facebook:  GET /<version>/dialog/oauth → a login page; GET /<version>/oauth/access_token?client_id&client_secret
//              &redirect_uri&code → {"access_token","token_type","expires_in"}; GET /<version>/me?fields=a,b with
//              Authorization: Bearer → {"id", and the asked fields}
//   Amazon:    GET /ap/oa → a login page; POST /auth/o2/token (form, client_secret_post) → {"access_token",…};
//              GET /user/profile with Authorization: Bearer → {"user_id","name","email"}
//   Apple:     GET /auth/authorize → a login page, which answers with a form POST (response_mode=form_post) of code,
//              state and, the first time, user {"name":{"firstName","lastName"},"email"}; POST /auth/token (form)
//              whose client_secret must be an ES256 JWT signed by --apple-public-key (SPKI, base64) with kid
//              --apple-key-id, iss --apple-team-id, sub the client id, aud https://appleid.apple.com, not expired
//              → {"access_token","id_token",…}; the id_token (ES256, iss https://appleid.apple.com, aud the client id,
//              sub "000123.<login>", the nonce of the authorization) is signed by a key served at GET /auth/keys;
//              GET /.well-known/openid-configuration names them.
//
//   node social-standin.mjs --port 0 --client-id ID --client-secret SECRET [--apple-team-id T --apple-key-id K
//        --apple-public-key SPKI-BASE64]
//
// Prints {"port": N}. The login page takes any login; the code is the login, and so is the access token
// ("tok-<login>"). Facebook's id is "fb<login>", Amazon's user_id "amzn1.account.<login>". A wrong client secret
// answers 400 {"error":"invalid_client"}.
import crypto from 'node:crypto';
import http from 'node:http';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const clientId = arg('client-id', 'social-client');
const clientSecret = arg('client-secret', 'social-secret');

const appleTeamId = arg('apple-team-id', 'TEAM123456');
const appleKeyId = arg('apple-key-id', 'KEY1234567');
const applePublicKey = arg('apple-public-key') && crypto.createPublicKey({ key: Buffer.from(arg('apple-public-key'), 'base64'), format: 'der', type: 'spki' });
const appleIssuer = 'https://appleid.apple.com';
const idTokenKey = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const idTokenKid = 'standin-apple-1';
const appleCodes = new Map(); // code → { login, nonce }

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const signEs256 = (header, payload, key) => {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
};

// Why the client secret is refused, or null when it is what Apple expects.
const appleSecretProblem = (secret) => {
  const parts = (secret ?? '').split('.');
  if (parts.length !== 3) return 'not a JWT';
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url'));
  } catch {
    return 'not JSON';
  }
  if (header.alg !== 'ES256') return `alg ${header.alg}`;
  if (header.kid !== appleKeyId) return `kid ${header.kid}`;
  if (!applePublicKey) return 'no --apple-public-key';
  const signed = crypto.verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: applePublicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(parts[2], 'base64url'));
  if (!signed) return 'bad signature';
  if (payload.iss !== appleTeamId) return `iss ${payload.iss}`;
  if (payload.sub !== clientId) return `sub ${payload.sub}`;
  if (payload.aud !== appleIssuer) return `aud ${payload.aud}`;
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp < now || typeof payload.iat !== 'number' || payload.iat > now + 60) return 'lifetime';
  return null;
};

const appleToken = (res, params) => {
  const problem = appleSecretProblem(params.get('client_secret'));
  const grant = appleCodes.get(params.get('code'));
  if (params.get('client_id') !== clientId || problem) {
    console.log(`apple token refused: ${problem ?? 'client_id'}`);
    json(res, 400, { error: 'invalid_client' });
  } else if (params.get('grant_type') !== 'authorization_code' || !grant) {
    json(res, 400, { error: 'invalid_grant' });
  } else {
    appleCodes.delete(params.get('code'));
    const now = Math.floor(Date.now() / 1000);
    const idToken = signEs256({ alg: 'ES256', kid: idTokenKid }, {
      iss: appleIssuer, aud: clientId, exp: now + 600, iat: now, sub: `000123.${grant.login}`, nonce: grant.nonce,
      email: `${grant.login}@privaterelay.appleid.com`, email_verified: 'true', is_private_email: 'true', auth_time: now,
    }, idTokenKey.privateKey);
    json(res, 200, { access_token: `tok-${grant.login}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `r-${grant.login}`, id_token: idToken });
  }
};

const escapeHtml = (v) => String(v ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const loginPage = (res, url, provider) => {
  const q = url.searchParams;
  if (q.get('client_id') !== clientId) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`unknown client_id ${q.get('client_id')}`);
    return;
  }
  const hidden = ['redirect_uri', 'state', 'scope', 'nonce', 'response_mode']
    .map((k) => `<input type="hidden" name="${k}" value="${(q.get(k) ?? '').replace(/"/g, '&quot;')}">`).join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html><head><title>${provider} stand-in</title></head><body><h1>${provider} (stand-in)</h1>
<form method="get" action="/_login">${hidden}<input name="login" placeholder="login"><input name="password" type="password">
<button type="submit">Log in</button></form></body></html>`);
};

const bearer = (req) => /^Bearer tok-(.+)$/.exec(req.headers.authorization ?? '')?.[1];

const readForm = (req) => new Promise((resolve) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => resolve(new URLSearchParams(body)));
});

const token = (res, params) => {
  if (params.get('client_id') !== clientId || params.get('client_secret') !== clientSecret) {
    json(res, 400, { error: 'invalid_client' });
  } else if (params.get('grant_type') && params.get('grant_type') !== 'authorization_code') {
    json(res, 400, { error: 'unsupported_grant_type' });
  } else {
    json(res, 200, { access_token: `tok-${params.get('code')}`, token_type: 'bearer', expires_in: 3600 });
  }
};

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const path = url.pathname;
  if (req.method === 'GET' && /^\/v[\d.]+\/dialog\/oauth$/.test(path)) {
    loginPage(res, url, 'Facebook');
  } else if (req.method === 'GET' && path === '/ap/oa') {
    loginPage(res, url, 'Amazon');
  } else if (req.method === 'GET' && path === '/auth/authorize') {
    loginPage(res, url, 'Apple');
  } else if (req.method === 'GET' && path === '/_login' && url.searchParams.get('response_mode') === 'form_post') {
    // Apple's answer: a page that posts code, state and the user's name and email to the redirect_uri.
    const q = url.searchParams;
    const login = q.get('login');
    const code = `c-${crypto.randomUUID()}`;
    appleCodes.set(code, { login, nonce: q.get('nonce') });
    const user = JSON.stringify({ name: { firstName: login, lastName: 'Apple' }, email: `${login}@privaterelay.appleid.com` });
    const fields = { code, state: q.get('state'), user };
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(q.get('redirect_uri'))}">${
      Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`).join('')}</form></body></html>`);
  } else if (req.method === 'GET' && path === '/_login') {
    const q = url.searchParams;
    const target = new URL(q.get('redirect_uri'));
    target.searchParams.set('code', q.get('login'));
    target.searchParams.set('state', q.get('state'));
    res.writeHead(302, { location: target.href });
    res.end();
  } else if (req.method === 'GET' && /^\/v[\d.]+\/oauth\/access_token$/.test(path)) {
    token(res, url.searchParams);
  } else if (req.method === 'POST' && path === '/auth/o2/token') {
    token(res, await readForm(req));
  } else if (req.method === 'POST' && path === '/auth/token') {
    appleToken(res, await readForm(req));
  } else if (req.method === 'GET' && path === '/auth/keys') {
    json(res, 200, { keys: [{ ...idTokenKey.publicKey.export({ format: 'jwk' }), kid: idTokenKid, use: 'sig', alg: 'ES256' }] });
  } else if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
    const base = `http://${req.headers.host}`;
    json(res, 200, {
      issuer: appleIssuer, authorization_endpoint: `${base}/auth/authorize`, token_endpoint: `${base}/auth/token`,
      jwks_uri: `${base}/auth/keys`, response_types_supported: ['code'], subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256', 'ES256'],
    });
  } else if (req.method === 'GET' && /^\/v[\d.]+\/me$/.test(path)) {
    const login = bearer(req);
    if (!login) {
      json(res, 401, { error: { message: 'Invalid OAuth access token.' } });
      return;
    }
    const all = { id: `fb${login}`, email: `${login}@facebook.example`, name: `${login} on Facebook`, first_name: login };
    const fields = (url.searchParams.get('fields') ?? 'id,name').split(',');
    json(res, 200, Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])));
  } else if (req.method === 'GET' && path === '/user/profile') {
    const login = bearer(req);
    if (!login) {
      json(res, 401, { error: 'invalid_token' });
      return;
    }
    json(res, 200, { user_id: `amzn1.account.${login}`, name: `${login} on Amazon`, email: `${login}@amazon.example`, postal_code: '98109' });
  } else {
    json(res, 404, { error: 'not_found', path });
  }
});

server.listen(Number(arg('port', '0')), '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
