import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../db/kysely.ts';
import type { DomainErrorKind } from '../util/errors.ts';

export interface CommandContext {
  /** Parsed option values (node:util parseArgs), including the global `db`. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Opens (creating and migrating as needed) the database chosen by --db / DATABASE_URL / LUOSHI_DB. */
  openDb(): Promise<Db>;
  out(text: string): void;
  err(text: string): void;
}

/**
 * One CLI command per file in src/cli/commands/<name>.ts, default-exported.
 * The dispatcher finds it by file name; there is no registry to edit.
 */
export interface Command {
  name: string;
  summary: string; // Chinese, one line
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Returns the process exit status. */
  run(ctx: CommandContext): Promise<number>;
}

export function defineCommand(c: Command): Command {
  return c;
}

/**
 * Exit codes of a command refused by the domain: 2 when the input names something wrong or
 * missing (as for a usage error), 1 when the request was understood but not allowed now.
 * The message is the domain's own Chinese message (src/util/errors.ts).
 */
export const EXIT_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 2,
  notFound: 2,
  forbidden: 1,
  conflict: 1,
  gone: 1,
  tooLarge: 1,
  unsupportedType: 1,
};
