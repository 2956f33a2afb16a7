// Shared by the browser benchmarks (bench-ui, bench-legibility): build the browser build,
// serve it with `vite preview` on a port of their own, and wait until it answers.
import { spawn, spawnSync } from 'node:child_process';

export async function waitForServer(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

/** Build (unless `build` is false) and serve the browser build; the server stops when this process exits. */
export function serveBrowserBuild(root, port, build = true) {
  if (build) {
    console.log('building the browser build…');
    const b = spawnSync('npx', ['vite', 'build', '-c', 'vite.web.config.mts', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '-c', 'vite.web.config.mts', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' });
  const stop = () => {
    if (server.exitCode === null) server.kill();
  };
  process.on('exit', stop);
  return stop;
}
