#!/usr/bin/env node
// Drives amazon-cognito-identity-js 6.3.21 against a Ninsho pool the way a browser app would: authenticateUser
// (USER_SRP_AUTH, the library's default flow), refreshSession, and, when the pool tracks devices, the device it
// confirms after sign-in, setDeviceStatusRemembered and a second sign-in that must go through DEVICE_SRP_AUTH.
//
// Usage: node srp-journey.mjs <endpoint> <userPoolId> <clientId> <username> <password> [devices]
//
// Prints one JSON object on stdout: the operations and challenges the library sent (trace), the token claims,
// and the outcome of each step. Exits 1 with "<code>: <message>" on stderr when a step that must succeed fails.
import { AuthenticationDetails, CognitoRefreshToken, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";

class MemoryStorage {
    #items = new Map();
    setItem(key, value) { this.#items.set(key, String(value)); }
    getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
    removeItem(key) { this.#items.delete(key); }
    clear() { this.#items.clear(); }
}

function traced(pool) {
    const trace = [];
    const request = pool.client.request.bind(pool.client);
    pool.client.request = (operation, params, callback) => {
        trace.push(params.ChallengeName ? `${operation}:${params.ChallengeName}` : params.AuthFlow ? `${operation}:${params.AuthFlow}` : operation);
        request(operation, params, callback);
    };
    return trace;
}

function signIn(pool, storage, username, password) {
    const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
    return new Promise((resolve, reject) => {
        user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
            onSuccess: (session, userConfirmationNecessary) => resolve({ user, session, userConfirmationNecessary }),
            onFailure: (err) => reject(err),
            newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
            mfaRequired: () => reject(new Error("unexpected SMS_MFA")),
            totpRequired: () => reject(new Error("unexpected SOFTWARE_TOKEN_MFA")),
        });
    });
}

const call = (fn) => new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));

const callbacks = (fn) => new Promise((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));

async function main(argv) {
    if (argv.length < 5) {
        throw new Error("usage: node srp-journey.mjs <endpoint> <userPoolId> <clientId> <username> <password> [devices]");
    }
    const [endpoint, userPoolId, clientId, username, password, mode] = argv;
    const storage = new MemoryStorage();
    const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint, Storage: storage });
    const trace = traced(pool);
    const out = { trace };

    const wrong = await signIn(pool, storage, username, password + "x").then(() => null, (err) => ({ code: err.code, message: err.message }));
    out.wrongPassword = wrong;

    const first = await signIn(pool, storage, username, password);
    const claims = first.session.getAccessToken().decodePayload();
    out.signIn = { sub: claims.sub, username: claims.username, clientId: claims.client_id, valid: first.session.isValid() };
    out.userConfirmationNecessary = first.userConfirmationNecessary ?? null;

    const refreshed = await call((cb) => first.user.refreshSession(new CognitoRefreshToken({ RefreshToken: first.session.getRefreshToken().getToken() }), cb));
    out.refreshed = { sub: refreshed.getIdToken().decodePayload().sub, valid: refreshed.isValid() };

    if (mode === "devices") {
        out.deviceKey = first.user.deviceKey ?? null;
        out.remember = await callbacks((cb) => first.user.setDeviceStatusRemembered(cb));
        out.device = (await callbacks((cb) => first.user.getDevice(cb))).Device;
        const second = await signIn(pool, storage, username, password);
        out.second = { sub: second.session.getIdToken().decodePayload().sub, deviceKey: second.user.deviceKey ?? null };
        // The access tokens' device_key: of the sign-in that confirmed the device, of the device sign-in, and of a
        // refresh (which sends DEVICE_KEY).
        out.accessDeviceKeys = {
            first: claims.device_key ?? null,
            second: second.session.getAccessToken().decodePayload().device_key ?? null,
        };
        const again = await call((cb) => second.user.refreshSession(new CognitoRefreshToken({ RefreshToken: second.session.getRefreshToken().getToken() }), cb));
        out.accessDeviceKeys.refreshed = again.getAccessToken().decodePayload().device_key ?? null;
        out.listed = (await callbacks((cb) => second.user.listDevices(10, null, cb))).Devices.map((d) => d.DeviceKey);
    }

    process.stdout.write(JSON.stringify(out));
}

main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err.code ?? err.name}: ${err.message}\n`);
    process.exit(1);
});
