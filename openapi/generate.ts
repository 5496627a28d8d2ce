import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';

export const OPENAPI_PATH = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The OpenAPI document exactly as the app serves it at /openapi.json. */
export async function generateOpenApi(): Promise<string> {
  const app = await buildApp({ db: openDb(':memory:') });
  await app.ready();
  const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return document;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_PATH, await generateOpenApi());
  console.log(`Wrote ${OPENAPI_PATH}`);
}
