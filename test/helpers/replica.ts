/**
 * A real PostgreSQL streaming replica of the test server, made on this machine for the
 * read-replica test (docs/scale.md): `pg_createcluster <version> luoshi_replica -p 5433`, its
 * data directory replaced by `pg_basebackup -R` of the primary, started as a hot standby.
 *
 * Needs: DATABASE_URL on 127.0.0.1/localhost, the Debian postgresql-common tools, root (the
 * clusters belong to the postgres user). The primary needs wal_level ≥ replica (the default)
 * and a `replication` line in pg_hba.conf for 127.0.0.1: when missing, one line
 * `host replication all 127.0.0.1/32 trust` is appended and the configuration reloaded
 * (idempotent; the other lines are untouched). Returns why not when it cannot.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

export const REPLICA_CLUSTER = 'luoshi_replica';

export interface Replica {
  url: string;
  version: string;
  stop(): void;
  start(): void;
  drop(): void;
}

function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const run = (cmd: string, args: string[], timeout = 120_000) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout }).toString();
const asPostgres = (cmd: string, args: string[], timeout?: number) => run('runuser', ['-u', 'postgres', '--', cmd, ...args], timeout);

/** Why a replica cannot be made here, or null. */
export function replicaUnavailable(url: string | undefined): string | null {
  if (!url || !/^postgres(ql)?:\/\//.test(url)) return '未使用 PostgreSQL（DATABASE_URL 未设置）';
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost'].includes(u.hostname)) return `PostgreSQL 不在本机（${u.hostname}）`;
  for (const t of ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'pg_basebackup', 'runuser'])
    if (!have(t)) return `缺少工具 ${t}（Debian postgresql-common / postgresql-client）`;
  if (process.getuid?.() !== 0) return '须以 root 运行（创建集群要切换到 postgres 用户）';
  return null;
}

/**
 * `cluster` and `port` name another replica (bench/province.bench.ts makes its own beside the
 * test's); `copyTimeoutMs` bounds pg_basebackup (a large primary takes minutes).
 */
export async function makeReplica(
  primaryUrl: string,
  port = Number(process.env.LUOSHI_TEST_REPLICA_PORT) || 5433,
  cluster = REPLICA_CLUSTER,
  copyTimeoutMs = 120_000,
): Promise<Replica> {
  const u = new URL(primaryUrl);
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  let version: string;
  let hbaFile: string;
  try {
    version = String(Math.floor(Number((await c.query('show server_version_num')).rows[0].server_version_num) / 10000));
    const wal = (await c.query('show wal_level')).rows[0].wal_level as string;
    if (wal === 'minimal') throw new Error('主库 wal_level=minimal，无法建立流复制副本（须 replica 或 logical，改后须重启 PostgreSQL）');
    const hba = (hbaFile = (await c.query('show hba_file')).rows[0].hba_file as string);
    const text = fs.readFileSync(hba, 'utf8');
    if (!/^\s*host\s+replication\s+\S+\s+127\.0\.0\.1\/32\s/m.test(text)) {
      fs.appendFileSync(
        hba,
        `${text.endsWith('\n') ? '' : '\n'}# Added by Luoshi's read-replica test (test/helpers/replica.ts): streaming replication over loopback.\nhost replication all 127.0.0.1/32 trust\n`,
      );
      await c.query('select pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.end();
  }
  const exists = run('pg_lsclusters', ['-h'])
    .split('\n')
    .some((l) => l.split(/\s+/)[1] === cluster);
  if (exists) run('pg_dropcluster', [version, cluster, '--stop']);
  run('pg_createcluster', [version, cluster, '-p', String(port)]);
  // The replica admits clients as the primary does (the test server's own pg_hba.conf).
  fs.copyFileSync(hbaFile, `/etc/postgresql/${version}/${cluster}/pg_hba.conf`);
  const dataDir = `/var/lib/postgresql/${version}/${cluster}`;
  // Keep the directory pg_createcluster made (owned by postgres), replace what is in it.
  for (const f of fs.readdirSync(dataDir)) fs.rmSync(`${dataDir}/${f}`, { recursive: true, force: true });
  asPostgres(
    'pg_basebackup',
    ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'],
    copyTimeoutMs,
  );
  const start = () => run('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'start']);
  start();
  const rurl = new URL(primaryUrl);
  rurl.port = String(port);
  const url = rurl.toString();
  // Wait until the standby accepts connections.
  for (let i = 0; ; i++) {
    const r = new pg.Client({ connectionString: url });
    try {
      await r.connect();
      const rec = (await r.query('select pg_is_in_recovery() as r')).rows[0].r;
      await r.end();
      if (rec) break;
      throw new Error('副本不在恢复状态');
    } catch (e) {
      await r.end().catch(() => undefined);
      if (i > 60) throw e;
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  return {
    url,
    version,
    stop: () => void run('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'stop', '-m', 'fast']),
    start: () => void start(),
    drop: () => void run('pg_dropcluster', [version, cluster, '--stop']),
  };
}
