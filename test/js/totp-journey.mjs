// A TOTP journey with amazon-cognito-identity-js, driven by TotpJourneyTests:
//   node totp-journey.mjs <endpoint> <userPoolId> <clientId> <username> <password>
// Signs in with USER_PASSWORD_AUTH, associates and verifies a software token (codes from otpauth, an independent
// TOTP library), prefers it, then signs in again answering totpRequired with sendMFACode(…, 'SOFTWARE_TOKEN_MFA'),
// first with a wrong code. Prints one JSON object on stdout.
import { createRequire } from "node:module";
import * as OTPAuth from "otpauth";

const require = createRequire(import.meta.url);
const { CognitoUserPool, CognitoUser, AuthenticationDetails } = require("amazon-cognito-identity-js");

const [endpoint, userPoolId, clientId, username, password] = process.argv.slice(2);
const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint });

const newUser = () => {
  const user = new CognitoUser({ Username: username, Pool: pool });
  user.setAuthenticationFlowType("USER_PASSWORD_AUTH");
  return user;
};
const details = new AuthenticationDetails({ Username: username, Password: password });
const totpCode = (secret, offsetSeconds) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" })
    .generate({ timestamp: Date.now() + offsetSeconds * 1000 });

const signInWithoutMfa = (user) => new Promise((resolve, reject) => user.authenticateUser(details, {
  onSuccess: resolve,
  onFailure: reject,
  totpRequired: () => reject(new Error("unexpected totpRequired on the first sign-in")),
}));

const first = newUser();
await signInWithoutMfa(first);
const secret = await new Promise((resolve, reject) => first.associateSoftwareToken({
  associateSecretCode: resolve,
  onFailure: reject,
}));
const verified = await new Promise((resolve, reject) => first.verifySoftwareToken(totpCode(secret, 0), "node phone", {
  onSuccess: resolve,
  onFailure: reject,
}));
await new Promise((resolve, reject) => first.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true },
  (err, result) => (err ? reject(err) : resolve(result))));

const second = newUser();
const challenge = await new Promise((resolve, reject) => second.authenticateUser(details, {
  onSuccess: () => reject(new Error("signed in without the TOTP code")),
  onFailure: reject,
  totpRequired: (challengeName) => resolve(challengeName),
}));
const wrongCodeError = await new Promise((resolve, reject) => second.sendMFACode("000000", {
  onSuccess: () => reject(new Error("a wrong TOTP code was accepted")),
  onFailure: (err) => resolve({ code: err.code, message: err.message }),
}, "SOFTWARE_TOKEN_MFA"));
const session = await new Promise((resolve, reject) => second.sendMFACode(totpCode(secret, 30), {
  onSuccess: resolve,
  onFailure: reject,
}, "SOFTWARE_TOKEN_MFA"));

process.stdout.write(JSON.stringify({
  verifyStatus: verified.Status,
  challenge,
  wrongCodeError,
  accessToken: session.getAccessToken().getJwtToken(),
  idToken: session.getIdToken().getJwtToken(),
}));
