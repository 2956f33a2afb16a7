/*
 * End-to-end tests drive the browser build (npm run web) in Chromium. On these machines
 * Playwright cannot download its own browsers, so Debian's chromium is used when present;
 * elsewhere Playwright's bundled Chromium is. The web server is built and served by the
 * test run itself on 127.0.0.1.
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const PORT = Number(process.env.PAGEWALK_E2E_PORT ?? 4173);
export const DEV_PORT = PORT + 1001;
/** Tests build and serve the current code; PAGEWALK_E2E_REUSE=1 reuses servers already running (faster while iterating). */
const REUSE = process.env.PAGEWALK_E2E_REUSE === '1';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    },
  },
  webServer: [
    {
      command: `npx vite build -c vite.web.config.mts --logLevel warn && npx vite preview -c vite.web.config.mts --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: REUSE,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The dev server serves the renderer's modules one by one, so a test can import a
      // helper (the Markdown sanitiser) into a real browser page.
      command: `npx vite -c vite.web.config.mts --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: REUSE,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
