import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../helper.ts';

/**
 * A throwaway PostgreSQL cluster for a test: `initdb` into a temporary folder, `pg_ctl` on a
 * loopback port (and a socket in that folder), a database `stance` owned by the role `stance`,
 * removed afterwards. Never a system service. As root, the server runs as the `postgres` user,
 * since PostgreSQL refuses to run as root.
 */
export interface Cluster {
  url: string;
  port: number;
  bin: string;
  dataDir: string;
  /** Runs a PostgreSQL program from `bin` as the cluster's owner. */
  run: (program: string, args: string[]) => string;
  stop: () => void;
}

/** Where Debian's PostgreSQL programs are (PG_BIN, else the newest /usr/lib/postgresql/N/bin), or undefined without them. */
export function postgresBin(): string | undefined {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export const NO_POSTGRES = 'no PostgreSQL server programs (apt-get install postgresql, or set PG_BIN)';

/**
 * A new cluster; or, with `replicaOf`, a streaming replica of that cluster: `pg_basebackup` of the
 * primary (which initdb's defaults already let replicate over loopback) started as a hot standby.
 */
export async function startCluster({ replicaOf }: { replicaOf?: Cluster } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(NO_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'stance-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      : execFileSync(join(bin, program), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await freePort();
  try {
    if (replicaOf) run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(replicaOf.port), '-U', 'stance', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
    // A linguistic default collation (ICU en-US), as most servers have: the schema, not the cluster, must
    // make PostgreSQL sort as SQLite does.
    else run('initdb', ['-D', dataDir, '-U', 'stance', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=en-US', '--no-sync']);
    // Durability is not what these tests are about: no fsync, so a cluster starts and writes fast.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster: ${(error as Error).message}\n${log}`);
  }
  if (!replicaOf) {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'stance', database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE stance');
    await admin.end();
  }
  let stopped = false;
  const cluster: Cluster = {
    url: `postgres://stance@127.0.0.1:${port}/stance`,
    port,
    bin,
    dataDir,
    run,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  // A test process that dies before its teardown still takes its cluster with it.
  process.once('exit', () => cluster.stop());
  return cluster;
}
