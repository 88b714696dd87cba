// Entry of the alert worker thread. Loader hooks are per thread, so the TypeScript loader that
// runs the server (bin/luoshi.mjs, vitest, tsx) is not there yet: register tsx, then load it.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
