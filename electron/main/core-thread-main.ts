/*
 * Entry of the core's worker thread (bundled as out/main/core-thread.js; see core-thread.ts
 * for what it does and core-host.ts for the main side). It gets the classroom policy as
 * workerData and talks to main over parentPort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ClassroomPolicy } from '../../core/api.ts';
import type { CoreMessage, MainMessage } from './core-host.ts';
import { serveCoreThread } from './core-thread.ts';

if (!parentPort) throw new Error('core-thread-main.ts runs as a worker thread of the main process');
const port = parentPort;
serveCoreThread(
  { postMessage: (m: CoreMessage) => port.postMessage(m), on: (_event, listener: (m: MainMessage) => void) => void port.on('message', listener) },
  (workerData as { policy: ClassroomPolicy }).policy,
);
