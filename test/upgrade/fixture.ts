import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the upgrade fixtures live, and the encryption secret their sensitive fields were written with. */
export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/upgrade');
export const FIXTURE_SECRET = 'luoshi-upgrade-fixture-secret';
