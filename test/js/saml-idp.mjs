// A SAML 2.0 identity provider for the federation tests, built on samlify (npm), on loopback:
//
//   GET  /metadata                 the IdP's metadata: entity id <base>/metadata, the signing certificate, the
//                                  HTTP-Redirect SingleSignOnService <base>/sso
//   GET  /metadata-signed          the same IdP at /sso-signed, whose metadata says WantAuthnRequestsSigned="true"
//   GET  /sso, /sso-signed         an AuthnRequest (HTTP-Redirect binding, read and, for /sso-signed, its signature
//                                  checked by samlify against the SP's certificate given to POST /_sp) → a login page
//   POST /login                    login (any password) → a page that posts the signed SAMLResponse to the request's
//                                  AssertionConsumerServiceURL with the RelayState, as an IdP's HTTP-POST binding does
//   POST /_sp                      JSON {entityId, acs, signingCert?}: registers a service provider (its AuthnRequests
//                                  are refused until then)
//   POST /_response                JSON {entityId, acs, login, inResponseTo?, audience?, notBefore?, notOnOrAfter?,
//                                  issueInstant?, sign: "assertion"|"response"} → {"SAMLResponse": base64}, for tests
//                                  that tamper with a response or send one unsolicited (IdP-initiated)
//
//   node saml-idp.mjs --port 0 --key-file KEY.pem --cert-file CERT.pem
//
// Prints {"port": N}. The person's NameID is the login; its attributes: the email claim
// (http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress) <login>@saml.example and name "<login> SAML".
import fs from 'node:fs';
import http from 'node:http';
import samlify from 'samlify';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const privateKey = fs.readFileSync(arg('key-file'), 'utf8');
const signingCert = fs.readFileSync(arg('cert-file'), 'utf8');

// The IdP checks no schema of what it receives: the tests check what Ninsho sends field by field.
samlify.setSchemaValidator({ validate: () => Promise.resolve('skipped') });

const EmailClaim = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const spByEntity = new Map(); // entity id → { entityId, acs, signingCert }
let base = '';
const idps = {};

const makeIdp = (path, wantAuthnRequestsSigned) => samlify.IdentityProvider({
  entityID: `${base}/metadata`,
  signingCert,
  privateKey,
  wantAuthnRequestsSigned,
  nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
  singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: `${base}${path}` }],
});

const makeSp = ({ entityId, acs, signingCert: spCert }, sign) => samlify.ServiceProvider({
  entityID: entityId,
  assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: acs }],
  wantAssertionsSigned: sign !== 'response',
  wantMessageSigned: sign === 'response',
  authnRequestsSigned: Boolean(spCert),
  ...(spCert ? { signingCert: spCert } : {}),
});

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attributeStatement = (login) =>
  '<saml:AttributeStatement>' +
  `<saml:Attribute Name="${EmailClaim}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${escape(login)}@saml.example</saml:AttributeValue></saml:Attribute>` +
  `<saml:Attribute Name="name" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">${escape(login)} SAML</saml:AttributeValue></saml:Attribute>` +
  '</saml:AttributeStatement>';

// A signed SAMLResponse (base64) for the SP, with the test's overrides.
const loginResponse = async (idp, spInfo, options) => {
  const sp = makeSp(spInfo, options.sign);
  const now = new Date();
  const later = new Date(now.getTime() + 5 * 60 * 1000);
  const replace = (template) => {
    const values = {
      ID: `_r${crypto.randomUUID()}`,
      AssertionID: `_a${crypto.randomUUID()}`,
      Destination: spInfo.acs,
      Audience: options.audience ?? spInfo.entityId,
      SubjectRecipient: spInfo.acs,
      Issuer: `${base}/metadata`,
      IssueInstant: options.issueInstant ?? now.toISOString(),
      StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      ConditionsNotBefore: options.notBefore ?? now.toISOString(),
      ConditionsNotOnOrAfter: options.notOnOrAfter ?? later.toISOString(),
      SubjectConfirmationDataNotOnOrAfter: options.notOnOrAfter ?? later.toISOString(),
      NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      NameID: options.login,
      InResponseTo: options.inResponseTo ?? '',
    };
    const authn = `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_s${crypto.randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`;
    const withStatements = template.replace('{AuthnStatement}', authn).replace('{AttributeStatement}', attributeStatement(options.login));
    let context = samlify.SamlLib.replaceTagsByValue(withStatements, values);
    if (!options.inResponseTo) context = context.replace(/ InResponseTo=""/g, '');
    return { id: values.ID, context };
  };
  const { context } = await idp.createLoginResponse(sp, {}, 'post', {}, replace);
  return context;
};

const page = (res, status, html) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>SAML IdP</title></head><body>${html}</body></html>`);
};
const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const readBody = (req) => new Promise((resolve, reject) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  req.on('error', reject);
});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, base);
  try {
    if (req.method === 'GET' && (url.pathname === '/metadata' || url.pathname === '/metadata-signed')) {
      const idp = url.pathname === '/metadata' ? idps.plain : idps.signed;
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
      res.end(idp.getMetadata());
      return;
    }
    if (req.method === 'GET' && (url.pathname === '/sso' || url.pathname === '/sso-signed')) {
      const idp = url.pathname === '/sso' ? idps.plain : idps.signed;
      const xml = samlify.Utility.inflateString(url.searchParams.get('SAMLRequest') ?? '');
      const issuer = /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1];
      const spInfo = spByEntity.get(issuer);
      if (!spInfo) {
        page(res, 400, `<p id="error">Unknown service provider ${escape(issuer)}</p>`);
        return;
      }
      // samlify reads the request and, when this IdP wants signed requests, checks its signature.
      const query = Object.fromEntries(url.searchParams);
      const octetString = url.search.slice(1).split('&').filter((p) => !p.startsWith('Signature=')).join('&');
      const parsed = await idp.parseLoginRequest(makeSp(spInfo), 'redirect', { query, octetString });
      const request = parsed.extract.request;
      page(res, 200, `<h1>SAML IdP sign-in</h1><form method="post" action="/login">
        <input type="hidden" name="idp" value="${url.pathname === '/sso' ? 'plain' : 'signed'}">
        <input type="hidden" name="entityId" value="${escape(issuer)}">
        <input type="hidden" name="inResponseTo" value="${escape(request.id)}">
        <input type="hidden" name="acs" value="${escape(request.assertionConsumerServiceUrl ?? spInfo.acs)}">
        <input type="hidden" name="RelayState" value="${escape(url.searchParams.get('RelayState') ?? '')}">
        <label>Login <input name="login" autocomplete="off"></label>
        <label>Password <input name="password" type="password"></label>
        <button type="submit">Sign in</button></form>`);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/login') {
      const form = new URLSearchParams(await readBody(req));
      const spInfo = spByEntity.get(form.get('entityId'));
      const acs = form.get('acs');
      const samlResponse = await loginResponse(idps[form.get('idp')], { ...spInfo, acs }, { login: form.get('login'), inResponseTo: form.get('inResponseTo') });
      page(res, 200, `<form id="post" method="post" action="${escape(acs)}">
        <input type="hidden" name="SAMLResponse" value="${escape(samlResponse)}">
        <input type="hidden" name="RelayState" value="${escape(form.get('RelayState'))}">
        <noscript><button type="submit">Continue</button></noscript></form>
        <script>document.getElementById('post').submit();</script>`);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/_sp') {
      const sp = JSON.parse(await readBody(req));
      spByEntity.set(sp.entityId, sp);
      json(res, 200, {});
      return;
    }
    if (req.method === 'POST' && url.pathname === '/_response') {
      const options = JSON.parse(await readBody(req));
      json(res, 200, { SAMLResponse: await loginResponse(idps.plain, { entityId: options.entityId, acs: options.acs }, options) });
      return;
    }
    page(res, 404, '<p>not found</p>');
  } catch (e) {
    console.error(e);
    page(res, 400, `<p id="error">${escape(e?.message ?? e)}</p>`);
  }
});

server.listen(Number(arg('port', '0')), '127.0.0.1', () => {
  base = `http://127.0.0.1:${server.address().port}`;
  idps.plain = makeIdp('/sso', false);
  idps.signed = makeIdp('/sso-signed', true);
  console.log(JSON.stringify({ port: server.address().port }));
});
