/*
 * zod compiles validators with new Function() unless told not to, and probes whether it may
 * when a schema is built; the page's Content-Security-Policy forbids eval, so the probe
 * alone files a violation report on every load. Imported first by the page (main.ts) and
 * the worker (worker.ts), before any module that builds a schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
