import { main } from '../../src/cli/main.ts';

/**
 * Run the `luoshi` CLI in this process with some environment variables set (undefined
 * removes one) and return its exit status and everything it printed (stdout and stderr).
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  process.stdout.write = process.stderr.write = ((t: string) => (out.push(String(t)), true)) as typeof process.stdout.write;
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (vars: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(env);
  try {
    return { code: await main(args), out: out.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = ewrite;
    set(saved);
  }
}
