// Entry of the alert worker thread. In the offline bundle the server is compiled to JavaScript
// (scripts/bundle-compile.mjs) and ./worker.js sits next to this file: load it. From the
// sources, loader hooks are per thread, so the TypeScript loader that runs the server
// (bin/luoshi.mjs, vitest, tsx) is not here yet: register tsx, then load ./worker.ts.
import fs from 'node:fs';
import { register as registerHooks } from 'node:module';
import os from 'node:os';

// Background work yields the CPU to requests: on Linux a thread's nice value is its own
// (setpriority on "this process" changes the calling thread) and the threads it starts inherit
// it — the loader's hooks thread among them. Elsewhere the call would lower the whole server,
// so it is made on Linux only. LUOSHI_WORKER_NICE=0 turns it off. See docs/alerts.md (不占用请求).
if (process.platform === 'linux') {
  const nice = Number(process.env.LUOSHI_WORKER_NICE ?? 10);
  if (Number.isInteger(nice) && nice > 0 && nice <= 19) {
    try {
      os.setPriority(Math.max(os.getPriority(), nice));
    } catch {
      // not allowed here (a sandbox without setpriority): run at the server's priority
    }
  }
}

const compiled = new URL('./worker.js', import.meta.url);
if (fs.existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  registerHooks('../util/cjs-builds.mjs', import.meta.url); // after tsx, so it is asked first
  await import('./worker.ts');
}
