// A small Lambda Invoke API for the wire tests: POST /2015-03-31/functions/{FunctionName}/invocations runs the
// handler the way Lambda runs a Node function: synchronously (RequestResponse, the default), or asynchronously when
// the request says X-Amz-Invocation-Type: Event (answered 202 with an empty body at once, then run; a failure is only
// printed, as Lambda only logs it).
//
//   node lambda-host.mjs --dir <handlers directory> [--port 0]
//
// FunctionName may be a name or an ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]); NAME picks the
// module <dir>/<NAME>.mjs and its exported `handler`, as Lambda's handler setting "NAME.handler" does. The handler
// gets (event, context) and may be async or use the callback; its result is answered as JSON (undefined → null).
// A handler that throws gets Lambda's answer: HTTP 200, X-Amz-Function-Error: Unhandled and
// {"errorType","errorMessage","trace"}. An unknown function answers 404 ResourceNotFoundException.
// The first line printed is {"port": N}.
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.resolve(option('--dir', path.join(path.dirname(new URL(import.meta.url).pathname), 'triggers')));
const port = Number(option('--port', '0'));
const route = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function functionName(nameOrArn) {
  const parts = nameOrArn.split(':');
  return parts.length >= 7 && parts[0] === 'arn' && parts[5] === 'function' ? parts[6] : parts[0];
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(body);
}

async function invoke(handler, event, name) {
  const deadline = Date.now() + 30_000;
  const context = {
    functionName: name,
    functionVersion: '$LATEST',
    awsRequestId: randomUUID(),
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${name}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (handler.length >= 3) {
    return await new Promise((resolve, reject) => {
      const done = (error, result) => (error ? reject(error) : resolve(result));
      const returned = handler(event, context, done);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    });
  }
  return await handler(event, context);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const match = req.method === 'POST' ? route.exec(req.url.split('?')[0]) : null;
    if (!match) {
      send(res, 404, { 'x-amzn-ErrorType': 'ResourceNotFoundException' }, JSON.stringify({ Type: 'User', message: `No route ${req.method} ${req.url}` }));
      return;
    }
    const name = functionName(decodeURIComponent(match[1]));
    const file = path.join(dir, `${name}.mjs`);
    if (!/^[A-Za-z0-9_-]+$/.test(name) || !existsSync(file)) {
      send(res, 404, { 'x-amzn-ErrorType': 'ResourceNotFoundException' }, JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      return;
    }
    let event;
    try {
      event = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
    } catch {
      send(res, 400, { 'x-amzn-ErrorType': 'InvalidRequestContentException' }, JSON.stringify({ Type: 'User', message: 'Could not parse request body into json' }));
      return;
    }
    if (String(req.headers['x-amz-invocation-type'] ?? '').toLowerCase() === 'event') {
      send(res, 202, {}, '');
      try {
        const module = await import(pathToFileURL(file).href);
        await invoke(module.handler, event, name);
      } catch (error) {
        console.error(`${name} (Event) failed: ${error instanceof Error ? error.stack : error}`);
      }
      return;
    }
    try {
      const module = await import(pathToFileURL(file).href);
      const result = await invoke(module.handler, event, name);
      send(res, 200, {}, JSON.stringify(result === undefined ? null : result));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      send(res, 200, { 'X-Amz-Function-Error': 'Unhandled' }, JSON.stringify({
        errorType: err.name,
        errorMessage: err.message,
        trace: String(err.stack ?? '').split('\n'),
      }));
    }
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
