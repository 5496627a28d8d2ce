import t from 'tap';
import { defaultMaxConnections, loadConfig } from '../src/config.ts';

t.test('defaults', async (t) => {
  t.same(loadConfig({}), {
    PORT: 3000,
    HOST: '0.0.0.0',
    DATABASE_PATH: 'data/stance.db',
    LOG_LEVEL: 'info',
    RATE_LIMIT_WRITES: 120,
    RATE_LIMIT_ANALYSES: 30,
    RATE_LIMIT_SEARCHES: 120,
    RATE_LIMIT_KEY_FAILURES: 10,
    MAX_EVENT_LOOP_DELAY_MS: 1000,
    MAX_CONNECTIONS_PER_ADDRESS: 256,
    HEADERS_TIMEOUT_MS: 10_000,
    REQUEST_TIMEOUT_MS: 30_000,
    KEEP_ALIVE_TIMEOUT_MS: 5_000,
    WEBHOOK_ALLOW: [],
    WEBHOOK_BACKOFF_MS: 10_000,
    WEBHOOK_TIMEOUT_MS: 10_000,
    READERS: 0,
  });
});

t.test('connections allowed by default: half the descriptor limit, within bounds', async (t) => {
  const limits = (soft: number) => `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft}                 ${soft * 2}                files\n`;
  t.equal(defaultMaxConnections(limits(1024)), 512);
  t.equal(defaultMaxConnections(limits(4096)), 2048);
  t.equal(defaultMaxConnections(limits(1_048_576)), 2048, 'at most 2048');
  t.equal(defaultMaxConnections(limits(20)), 16, 'at least 16');
  t.equal(defaultMaxConnections(undefined), 512, 'not Linux: an assumption of 1024 descriptors');
  t.equal(defaultMaxConnections('Max processes 100 100 processes'), 512);
});

t.test('values from the environment', async (t) => {
  t.match(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: '/tmp/x.db', LOG_LEVEL: 'warn' }), {
    PORT: 8080,
    HOST: '127.0.0.1',
    DATABASE_PATH: '/tmp/x.db',
    LOG_LEVEL: 'warn',
  });
});

t.test('a bad value stops the start with a message naming it', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), /Invalid configuration: PORT/);
  t.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  t.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  t.throws(() => loadConfig({ MAX_CONNECTIONS: '0' }), /Invalid configuration: MAX_CONNECTIONS/);
  t.throws(() => loadConfig({ REQUEST_TIMEOUT_MS: '5000' }), /Invalid configuration: HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS/);
});

t.test('PostgreSQL: DATABASE_URL and a replica for reads, each a PostgreSQL URL; a replica needs its primary', async (t) => {
  const both = loadConfig({ DATABASE_URL: 'postgres://stance:secret@db:5432/stance', DATABASE_READ_URL: 'postgresql://stance@replica/stance' });
  t.same([both.DATABASE_URL, both.DATABASE_READ_URL, both.DATABASE_PATH], ['postgres://stance:secret@db:5432/stance', 'postgresql://stance@replica/stance', 'data/stance.db']);
  t.throws(() => loadConfig({ DATABASE_URL: 'mysql://db/stance' }), {
    message: 'Invalid configuration: DATABASE_URL: must be a PostgreSQL URL such as postgres://stance@db.example.org:5432/stance',
  });
  t.throws(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/stance' }), {
    message: 'Invalid configuration: DATABASE_READ_URL: needs DATABASE_URL (a replica of which database?)',
  });
});

t.test('READERS: how many reader threads, none by default, a whole number up to 64', async (t) => {
  t.equal(loadConfig({ READERS: '2' }).READERS, 2);
  t.throws(() => loadConfig({ READERS: '-1' }), /READERS/);
  t.throws(() => loadConfig({ READERS: '1.5' }), /READERS/);
  t.throws(() => loadConfig({ READERS: '65' }), /READERS/);
});
