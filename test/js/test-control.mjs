// The test-control API from Node (docs/test-control.md): reset, wait for a verification code, expire a token.
// Usage: node test-control.mjs http://127.0.0.1:9229   (a server started with --seed examples/seed.yaml)
// Uses only fetch; the Cognito calls are the unsigned JSON API, as a browser SDK sends them.
const base = process.argv[2] ?? 'http://127.0.0.1:9229';
const clientId = 'exampleclient0000000000001';

async function control(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function cognito(operation, body) {
  const response = await fetch(base + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// 1. A known state: everything deleted, the seed applied again, the clock real.
await control('POST', '/_ninsho/reset');

// 2. Sign up, and wait for the code (the request returns as soon as the message is in the outbox).
const email = `node-${Date.now()}@example.com`;
const waiting = control('GET', `/_ninsho/outbox?recipient=${encodeURIComponent(email)}&wait=20`);
const signUp = await cognito('SignUp', {
  ClientId: clientId, Username: email, Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: email }],
});
assert(signUp.status === 200, `SignUp: ${JSON.stringify(signUp.body)}`);
const [message] = (await waiting).Messages;
assert(/^\d{6}$/.test(message?.Code ?? ''), `no code: ${JSON.stringify(message)}`);
const confirmed = await cognito('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: message.Code });
assert(confirmed.status === 200, `ConfirmSignUp: ${JSON.stringify(confirmed.body)}`);

// 3. Sign in, then move the server's clock past the access token's hour: the token is refused.
const signIn = await cognito('InitiateAuth', {
  AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: 'Passw0rd!' },
});
const accessToken = signIn.body.AuthenticationResult?.AccessToken;
assert(accessToken, `InitiateAuth: ${JSON.stringify(signIn.body)}`);
assert((await cognito('GetUser', { AccessToken: accessToken })).status === 200, 'GetUser before the move');
await control('POST', '/_ninsho/clock?advance=61m');
const expired = await cognito('GetUser', { AccessToken: accessToken });
assert(expired.status === 400 && expired.body.__type === 'NotAuthorizedException' && expired.body.message === 'Access Token has expired',
  `GetUser after the move: ${JSON.stringify(expired.body)}`);

await control('POST', '/_ninsho/reset');
console.log('ok: reset, code, expired token');
