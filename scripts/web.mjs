#!/usr/bin/env node
// `npm run web`: build the browser build (into dist-web/) and serve it on this computer.
//
//   npm run web                        http://127.0.0.1:4173/
//   npm run web -- --port 8080         another port
//   npm run web -- --host 0.0.0.0      reachable from other computers on the network
//   npm run web -- --no-build          serve what is already built
//
// A port that is taken gets a sentence saying so and what to type instead, never Vite's
// stack trace; so does a failed build.
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(root, 'vite.web.config.mts');

const fail = (text) => {
  process.stderr.write(`\n${text.trim()}\n\n`);
  process.exit(1);
};

let options;
try {
  ({ values: options } = parseArgs({
    options: { port: { type: 'string', short: 'p', default: '4173' }, host: { type: 'string', default: '127.0.0.1' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (e) {
  fail(`${e.message}\nUsage: npm run web [-- --port N] [--host ADDRESS] [--no-build]`);
}
if (options.help) {
  process.stdout.write('Usage: npm run web [-- --port N] [--host ADDRESS] [--no-build]\nBuilds the browser build and serves it (default http://127.0.0.1:4173/).\n');
  process.exit(0);
}
const port = Number(options.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port takes a port number from 1 to 65535, not "${options.port}".`);
const host = options.host;

const busy = () =>
  fail(`Port ${port} on ${host} is already in use (another "npm run web", a preview or some other
program is listening there), so Pagewalk cannot be served on it.

Stop that program, or choose another port:
  npm run web -- --port ${port === 65535 ? 8080 : port + 1}`);

/** Whether something already listens on host:port (checked before the build, which takes a while). */
function portIsFree() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (e) => resolve(e.code === 'EADDRINUSE' ? false : e));
    probe.once('listening', () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}

const free = await portIsFree();
if (free === false) busy();
if (free !== true) {
  const code = free.code;
  if (code === 'EACCES') fail(`Port ${port} needs administrator rights on this system. Choose a port above 1023:\n  npm run web -- --port 8080`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') fail(`"${host}" is not an address of this computer. Use 127.0.0.1 (this computer only) or 0.0.0.0 (every network):\n  npm run web -- --host 127.0.0.1`);
  fail(`Cannot listen on ${host}:${port} (${code ?? free.message}).`);
}

const vite = await import('vite');
if (!options['no-build']) {
  process.stdout.write('Building the browser build (vite build)…\n');
  try {
    await vite.build({ configFile, logLevel: 'warn' });
  } catch (e) {
    fail(`The browser build failed: ${String(e.message ?? e).split('\n')[0]}
The messages above say where. Fix the error, or run "npm run typecheck" for a full list.`);
  }
}
try {
  const server = await vite.preview({ configFile, preview: { port, host, strictPort: true, open: false } });
  const shown = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}/ (and this computer's other addresses)` : `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  process.stdout.write(`\nPagewalk (browser build) is served at ${shown}\nPress Ctrl+C to stop.\n`);
  const stop = () => {
    setTimeout(() => process.exit(0), 1000).unref(); // an open keep-alive connection does not hold it up
    void server.close().finally(() => process.exit(0));
  };
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, stop);
} catch (e) {
  // Something took the port between the check and now.
  if (/already in use|EADDRINUSE/.test(String(e.message))) busy();
  fail(`Could not serve the browser build: ${String(e.message ?? e).split('\n')[0]}`);
}
