import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import ts from 'typescript';
import { childEnv, startServer, stopServer } from './helper.ts';

// The generated-client example (openapi/examples/): its types are what openapi-typescript makes of the
// committed document today, it type-checks (and a wrong call does not), and it runs against a fresh server.

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'openapi/examples/client.ts');

/** The compiler's complaints about one file, under the project's options. */
function typeErrors(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram([file], config.options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0] ?? '');
}

t.test('the example types are what openapi-typescript makes of the committed document', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await run(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), 'openapi/openapi.json', '-o', join(dir, 'stance.ts')], { cwd: ROOT, env: childEnv({}) });
  t.equal(readFileSync(join(dir, 'stance.ts'), 'utf8'), readFileSync(join(ROOT, 'openapi/examples/stance.ts'), 'utf8'), 'regenerate with `npm run openapi`');
});

t.test('the example type-checks, and a call the document does not allow does not', async (t) => {
  t.same(typeErrors(EXAMPLE), [], 'client.ts compiles against the generated types');
  const wrong = join(ROOT, 'openapi/examples/.wrong-call.ts');
  t.teardown(() => rmSync(wrong, { force: true }));
  const source = readFileSync(EXAMPLE, 'utf8')
    .replace("query: { theme: 'funding' }", "query: { themes: 'funding' }")
    .replace('group.display', 'group.shown');
  writeFileSync(wrong, source);
  const errors = typeErrors(wrong);
  t.equal(errors.length, 2, 'two mistakes, two errors');
  t.match(errors[0], /'themes' does not exist/, 'a misspelt parameter');
  t.match(errors[1], /Property 'shown' does not exist/, 'a field the service does not send');
});

t.test('the example runs against a fresh server and prints what the corpus holds', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-client-'));
  const server = await startServer(join(dir, 'stance.db'));
  t.teardown(async () => {
    await stopServer(server.child);
    rmSync(dir, { recursive: true, force: true });
  });
  const { stdout } = await run(process.execPath, ['--import', 'tsx', EXAMPLE, server.base], { cwd: ROOT, env: childEnv({}) });
  t.equal(
    stdout,
    [
      'critical on funding: ccn, lga, rcpch',
      '£2.6bn (funding the Independent Review recommended for the reforms): CCN, RCPCH',
      '£2.1bn (extra yearly council spending on children’s social care projected for 2025 compared with the start of the decade): CCN',
      '£1.6bn (yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels): LGA',
      '2023-02-02 LGA: funding critical, workforce supportive, early-help supportive, kinship supportive',
      "404 application/problem+json; charset=utf-8: No organisation with identifier 'no-such-organisation'; see /v1/organisations for the list",
      '',
    ].join('\n'),
  );
});
