// Drives headless Chromium (Debian's /usr/bin/chromium through playwright-core; nothing is downloaded) through a
// list of steps, for the hosted-UI tests: node browser-login.mjs '<json>'.
//
//   {
//     "chromium": "/usr/bin/chromium",          // optional
//     "artifacts": "/abs/dir",                   // screenshots go here
//     "timeoutMs": 15000,                        // per step
//     "steps": [
//       { "goto": "http://127.0.0.1:P/oauth2/authorize?..." },
//       { "screenshot": "login" },              // artifacts/login.png
//       { "fill": "#username", "value": "hana" },
//       { "click": "button[type=submit]" },
//       { "waitForUrl": "http://127.0.0.1:Q/callback" },  // until the page's URL starts with this
//       { "text": "h1" }                         // records the element's text in the report
//       { "value": "#username" }                 // records an input's value in "texts"
//       { "url": true }                          // records the page's URL (with its fragment) in "texts"
//       { "cookies": true }                      // records the browser's cookies in "cookies"
//       { "fillOutboxCode": "#code", "url": "http://127.0.0.1:P/_ninsho/outbox?pool=…&recipient=…", "minCount": 1 }
//                                                // waits until the outbox lists minCount messages, fills the newest's Code
//       { "fillTotp": "#code", "secretFrom": "#secret" }  // (or "secret": "BASE32…"; "stepOffset": 1 for the next step)
//                                                // fills the TOTP code an authenticator app shows for the secret
//       { "eval": "getComputedStyle(document.querySelector('button')).backgroundColor" }
//                                                // records the expression's value (as a string) in "texts"
//                                                // (a promise is awaited)
//       { "virtualAuthenticator": true }         // gives the browser a WebAuthn authenticator through CDP: a
//                                                // platform one (ctap2, internal) with resident keys and user
//                                                // verification that always succeeds
//       { "authenticatorCredentials": true }     // records how many credentials that authenticator holds in "texts"
//     ]
//   }
//
// Prints one JSON report on stdout: {"ok", "finalUrl", "failedStep", "error", "console", "texts", "screenshots",
// "cookies"} (cookies as Playwright reports them: name, value, domain, path, expires, httpOnly, secure, sameSite).
// "console" holds every console message of the page, which is where Chromium reports Content-Security-Policy
// violations. A failed step also saves "failure.png". Exit code 0 when every step passed, 1 when one failed,
// 2 when the browser could not be started.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import * as OTPAuth from 'otpauth';

const options = JSON.parse(process.argv[2] ?? '{}');
const timeout = options.timeoutMs ?? 15000;
const artifacts = options.artifacts ?? process.cwd();
// A fresh folder per run, so no screenshot of an earlier run is mistaken for this one's.
fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });

const report = { ok: false, finalUrl: null, failedStep: null, error: null, console: [], texts: [], screenshots: [], cookies: [] };
let browser;
try {
  browser = await chromium.launch({
    executablePath: options.chromium ?? '/usr/bin/chromium',
    headless: true,
    // Chromium's sandbox cannot start as root (the test containers run as root).
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    timeout,
  });
} catch (e) {
  report.error = `Could not start Chromium: ${e.message}`;
  console.log(JSON.stringify(report));
  process.exit(2);
}

const page = await browser.newPage();
page.setDefaultTimeout(timeout);
page.on('console', (m) => report.console.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => report.console.push(`pageerror: ${e.message}`));

const shoot = async (name) => {
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.screenshots.push(file);
};

const steps = options.steps ?? [];
let authenticator = null;
try {
  for (const [index, step] of steps.entries()) {
    report.failedStep = index;
    if (step.goto !== undefined) {
      await page.goto(step.goto, { waitUntil: 'load' });
    } else if (step.fill !== undefined) {
      await page.fill(step.fill, step.value ?? '');
    } else if (step.click !== undefined) {
      await page.click(step.click);
    } else if (step.waitForUrl !== undefined) {
      const prefix = step.waitForUrl;
      await page.waitForURL((url) => url.href.startsWith(prefix), { waitUntil: 'load' });
    } else if (step.screenshot !== undefined) {
      await shoot(step.screenshot);
    } else if (step.fillOutboxCode !== undefined) {
      const deadline = Date.now() + timeout;
      let code = null;
      while (code === null) {
        const messages = (await (await fetch(step.url)).json()).Messages ?? [];
        if (messages.length >= (step.minCount ?? 1)) {
          code = messages[messages.length - 1].Code;
        } else if (Date.now() > deadline) {
          throw new Error(`The outbox at ${step.url} holds ${messages.length} messages`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await page.fill(step.fillOutboxCode, code);
    } else if (step.fillTotp !== undefined) {
      const secret = step.secret ?? (await page.textContent(step.secretFrom)).trim();
      const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
      await page.fill(step.fillTotp, totp.generate({ timestamp: Date.now() + 30000 * (step.stepOffset ?? 0) }));
    } else if (step.virtualAuthenticator !== undefined) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
          isUserVerified: true, automaticPresenceSimulation: true,
        },
      });
      authenticator = { cdp, authenticatorId };
    } else if (step.authenticatorCredentials !== undefined) {
      const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.authenticatorId });
      report.texts.push(String(credentials.length));
    } else if (step.eval !== undefined) {
      report.texts.push(String(await page.evaluate(step.eval)));
    } else if (step.text !== undefined) {
      report.texts.push(await page.textContent(step.text));
    } else if (step.value !== undefined) {
      report.texts.push(await page.inputValue(step.value));
    } else if (step.url !== undefined) {
      report.texts.push(page.url());
    } else if (step.cookies !== undefined) {
      report.cookies = await page.context().cookies();
    } else {
      throw new Error(`Unknown step ${JSON.stringify(step)}`);
    }
  }

  report.failedStep = null;
  report.ok = true;
} catch (e) {
  report.error = e.message.split('\n')[0];
  await shoot('failure').catch(() => {});
} finally {
  report.finalUrl = page.url();
  await browser.close();
}

console.log(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
