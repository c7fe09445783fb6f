// A local stand-in for Facebook Login and Login with Amazon, for the federation tests, on their documented paths:
//
//   Facebook:  GET /<version>/dialog/oauth → a login page; GET /<version>/oauth/access_token?client_id&client_secret
//              &redirect_uri&code → {"access_token","token_type","expires_in"}; GET /<version>/me?fields=a,b with
//              Authorization: Bearer → {"id", and the asked fields}
//   Amazon:    GET /ap/oa → a login page; POST /auth/o2/token (form, client_secret_post) → {"access_token",…};
//              GET /user/profile with Authorization: Bearer → {"user_id","name","email"}
//
//   node social-standin.mjs --port 0 --client-id ID --client-secret SECRET
//
// Prints {"port": N}. The login page takes any login; the code is the login, and so is the access token
// ("tok-<login>"). Facebook's id is "fb<login>", Amazon's user_id "amzn1.account.<login>". A wrong client secret
// answers 400 {"error":"invalid_client"}.
import http from 'node:http';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const clientId = arg('client-id', 'social-client');
const clientSecret = arg('client-secret', 'social-secret');

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
  const hidden = ['redirect_uri', 'state', 'scope']
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
