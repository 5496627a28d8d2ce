import t from 'tap';
import { loadConfig } from '../src/config.ts';

t.test('defaults', async (t) => {
  t.same(loadConfig({}), { PORT: 3000, HOST: '0.0.0.0', DATABASE_PATH: 'data/stance.db', LOG_LEVEL: 'info', RATE_LIMIT_WRITES: 120, MAX_EVENT_LOOP_DELAY_MS: 1000 });
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
});
