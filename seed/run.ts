import { databaseLabel, openDatabase } from '../src/db/client.ts';
import { loadConfig } from '../src/config.ts';
import { seedCorpus } from './load.ts';

// `npm run seed`: migrate the configured database and load the curated corpus (idempotent).
const config = loadConfig(process.env);
const db = await openDatabase(config);
try {
  const result = await seedCorpus(db);
  console.log(
    `Seeded ${databaseLabel(config)}: ${result.documents} document(s) and ${result.statements} statement(s) added, ${result.skipped} document(s) already present`,
  );
} finally {
  await db.close();
}
