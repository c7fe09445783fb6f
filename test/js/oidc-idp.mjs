// A real OpenID provider on loopback for the federation tests: oidc-provider (panva) with its development
// interactions, whose login page takes any login and password; the login becomes the account's `sub`.
//
//   node oidc-idp.mjs --port 0 --client-id ninsho --client-secret s3cret --redirect-prefix http://127.0.0.1:
//
// Prints {"port": N, "issuer": "http://127.0.0.1:N"} once listening. The issuer serves discovery at
// /.well-known/openid-configuration; its endpoints sit on Google's paths (/o/oauth2/v2/auth, /oauth2/v4/token,
// /oauth2/v3/certs, /v1/people/me for userinfo), so the same process also stands in for Google when Ninsho runs
// with --federation-endpoint Google=http://127.0.0.1:N (docs/federation.md).
//
// Accounts: any login; claims sub=<login>, email=<login>@idp.example, email_verified=true, name="<Login> IdP",
// given_name=<Login>. The ID token carries only sub (and nonce, …): the other claims come from userinfo, which
// the relying party must call. Every redirect URI starting with --redirect-prefix is accepted (the tests' Ninsho
// ports and domain prefixes are not known in advance). Grants are given without a consent page.
import Provider from 'oidc-provider';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const clientId = arg('client-id', 'ninsho');
const clientSecret = arg('client-secret', 'ninsho-idp-secret-0123456789abcdef');
const redirectPrefix = arg('redirect-prefix', 'http://127.0.0.1:');
const port = Number(arg('port', '0'));

const account = (id) => ({
  accountId: id,
  claims: async () => ({
    sub: id,
    email: `${id}@idp.example`,
    email_verified: true,
    name: `${id[0].toUpperCase()}${id.slice(1)} IdP`,
    given_name: `${id[0].toUpperCase()}${id.slice(1)}`,
  }),
});

// Listen first (port 0 picks a free one); the issuer needs the port.
const http = await import('node:http');
let handler = (_req, res) => { res.statusCode = 503; res.end(); };
const server = http.createServer((req, res) => handler(req, res));
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [`${redirectPrefix.replace(/:$/, '')}/oauth2/idpresponse`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name'],
  },
  findAccount: async (_ctx, id) => account(id),
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  routes: {
    authorization: '/o/oauth2/v2/auth',
    token: '/oauth2/v4/token',
    jwks: '/oauth2/v3/certs',
    userinfo: '/v1/people/me',
  },
  cookies: { keys: ['ninsho-test-idp-cookie-key'] },
  // No consent page: every requested scope and claim is granted.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

// Any redirect URI under the prefix (the test servers' ports and domain prefixes vary).
provider.Client.prototype.redirectUriAllowed = (value) => typeof value === 'string' && value.startsWith(redirectPrefix);

handler = provider.callback();
console.log(JSON.stringify({ port: server.address().port, issuer }));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
