// A client generated from the contract, as an app would make one:
//
//   npx openapi-typescript openapi/openapi.json -o openapi/examples/stance.ts   (the types; `npm run client:types`)
//   node --import tsx openapi/examples/client.ts http://localhost:3000           (this example)
//
// openapi-fetch turns the types into a typed `fetch`: paths, parameters and answers are checked by
// the compiler, so a misspelt filter or a field the service does not send fails the build, not the reader.
import createClient from 'openapi-fetch';
import type { paths } from './stance.ts';

const baseUrl = process.argv[2] ?? process.env.STANCE_URL ?? 'http://localhost:3000';
// JSON answers and problem+json errors (the service also speaks CSV on lists): both are typed from the document.
const stance = createClient<paths, `application/${string}json`>({ baseUrl });

/** Stops with the service's own words (an RFC 9457 problem) when a call fails. */
function fail(what: string, problem: { title: string; detail: string } | undefined, status: number): never {
  throw new Error(`${what}: ${status} ${problem ? `${problem.title}: ${problem.detail}` : 'no problem details'}`);
}

// 1. Who criticised the funding? (compareTheme)
const funding = await stance.GET('/v1/compare', { params: { query: { theme: 'funding' } } });
if (!funding.data) fail('compare on funding', funding.error, funding.response.status);
console.log(`critical on ${funding.data.theme.name.toLowerCase()}: ${funding.data.summary.critical.join(', ')}`);

// 2. Who cited a figure in pounds, and how often? (listFigures, a repeated filter)
const figures = await stance.GET('/v1/figures', { params: { query: { unit: ['GBP'], limit: 3 } } });
if (!figures.data) fail('figures in GBP', figures.error, figures.response.status);
for (const group of figures.data.groups) {
  console.log(`${group.display} (${group.measures}): ${group.organisations.map((o) => o.shortName ?? o.name).join(', ')}`);
}

// 3. The newest statement by one organisation, and what it said on each theme (listStatements)
const statements = await stance.GET('/v1/statements', { params: { query: { organisation: ['lga'], limit: 1 } } });
if (!statements.data) fail('statements by the LGA', statements.error, statements.response.status);
for (const statement of statements.data.items) {
  console.log(`${statement.date} ${statement.organisation.shortName ?? statement.organisation.name}: ${statement.themes.map((t) => `${t.theme} ${t.stance}`).join(', ')}`);
}

// 4. A slug that names nothing: the error is typed as the document's Problem (getOrganisation)
const missing = await stance.GET('/v1/organisations/{slug}', { params: { path: { slug: 'no-such-organisation' } } });
if (missing.data) fail('an organisation that does not exist', undefined, missing.response.status);
console.log(`${missing.response.status} ${missing.response.headers.get('content-type')}: ${missing.error?.detail}`);
