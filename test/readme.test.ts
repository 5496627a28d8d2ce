import { readFileSync } from 'node:fs';
import t from 'tap';
import { build } from './helper.ts';

// Every `curl` example in the README that reads (a GET with no body, no file written) and is followed
// by the answer it prints, asked of a fresh, seeded service: the README cannot show an answer the
// service no longer gives. Answers are abbreviated with `…`: in a string, any text; as the last member
// of an object or element of an array, "and more" (without it, an object has exactly the keys shown
// and an array exactly the elements shown).

const MORE = '\u0000more';

interface Example {
  line: number;
  command: string;
  answer: string;
}

/** The curl commands of each sh block, with the json block that follows it (when it does). */
export function readmeExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i]?.trim() !== '```sh') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]?.trim() !== '```') end += 1;
    const commands = lines.slice(start, end).filter((line) => line.trim().startsWith('curl '));
    if (lines[end + 1]?.trim() === '```json' && commands.length === 1) {
      let close = end + 2;
      while (close < lines.length && lines[close]?.trim() !== '```') close += 1;
      examples.push({ line: start + 1, command: commands[0]?.trim() ?? '', answer: lines.slice(end + 2, close).join('\n') });
    }
    i = end;
  }
  return examples;
}

/** Words of a shell command line, with single and double quotes (enough for the README's examples). */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** The request a read-only curl command makes, or undefined for one that writes or sends a body. */
export function curlRequest(command: string): { url: string; headers: Record<string, string> } | undefined {
  const words = shellWords(command.replace(/\s+#.*$/, '')).slice(1);
  let url = '';
  let get = false;
  const data: string[] = [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (word === '-G') get = true;
    else if (word === '-s' || word === '-sS') continue;
    else if (word === '--data-urlencode') {
      const [name = '', ...value] = (words[(i += 1)] ?? '').split('=');
      data.push(`${encodeURIComponent(name)}=${encodeURIComponent(value.join('='))}`);
    } else if (word === '-H') {
      const [name = '', ...value] = (words[(i += 1)] ?? '').split(':');
      headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (word.startsWith('-')) return undefined;
    else url = word;
  }
  if (data.length > 0 && !get) return undefined;
  const path = url.replace(/^(?:https?:\/\/)?localhost:3000/, '');
  return { url: data.length > 0 ? `${path}${path.includes('?') ? '&' : '?'}${data.join('&')}` : path, headers };
}

/** The printed answer as a pattern: `…` in strings as wildcards, `…` as a last member or element as "and more". */
export function answerPattern(printed: string): unknown {
  let json = '';
  const stack: string[] = [];
  let inString = false;
  for (let i = 0; i < printed.length; i += 1) {
    const c = printed[i] ?? '';
    if (inString) {
      json += c;
      if (c === '\\') json += printed[(i += 1)] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === '{' || c === '[') stack.push(c);
    if (c === '}' || c === ']') stack.pop();
    if (c === '…') {
      // The sentinel written as JSON spells it (a NUL is not allowed raw in a JSON string).
      json += stack.at(-1) === '{' ? '"\\u0000more": true' : '"\\u0000more"';
      continue;
    }
    json += c;
  }
  const wildcards = (value: unknown): unknown => {
    if (typeof value === 'string' && value.includes('…')) {
      return new RegExp(`^${value.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
    }
    if (Array.isArray(value)) return value.map(wildcards);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wildcards(v)]));
    return value;
  };
  return wildcards(JSON.parse(json));
}

/** Where `actual` differs from `pattern` (an empty list when it matches). */
export function mismatches(actual: unknown, pattern: unknown, path = '$'): string[] {
  if (pattern instanceof RegExp) return typeof actual === 'string' && pattern.test(actual) ? [] : [`${path}: ${JSON.stringify(actual)} does not match ${pattern}`];
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return [`${path}: not an array`];
    const more = pattern.at(-1) === MORE;
    const shown = more ? pattern.slice(0, -1) : pattern;
    if (more ? actual.length < shown.length : actual.length !== shown.length) return [`${path}: ${actual.length} elements, the README shows ${shown.length}${more ? ' and more' : ''}`];
    return shown.flatMap((item, i) => mismatches(actual[i], item, `${path}[${i}]`));
  }
  if (pattern && typeof pattern === 'object') {
    if (!actual || typeof actual !== 'object') return [`${path}: not an object`];
    const keys = Object.keys(pattern).filter((key) => key !== MORE);
    const extra = MORE in pattern ? [] : Object.keys(actual).filter((key) => !keys.includes(key));
    return [
      ...extra.map((key) => `${path}.${key}: not in the README (add it, or end the object with …)`),
      ...keys.flatMap((key) => (key in actual ? mismatches((actual as Record<string, unknown>)[key], (pattern as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`])),
    ];
  }
  return Object.is(actual, pattern) ? [] : [`${path}: ${JSON.stringify(actual)}, the README shows ${JSON.stringify(pattern)}`];
}

t.test('the README’s patterns: abbreviations, curl commands', async (t) => {
  t.same(curlRequest("curl -G localhost:3000/v1/figures --data-urlencode 'amount=£2.6bn'"), { url: '/v1/figures?amount=%C2%A32.6bn', headers: {} });
  t.same(curlRequest("curl 'localhost:3000/v1/statements?q=kinship' -H 'accept: text/csv'"), { url: '/v1/statements?q=kinship', headers: { accept: 'text/csv' } });
  t.equal(curlRequest("curl -s localhost:3000/v1/statements -H 'content-type: application/json' -d '{}'"), undefined, 'a write is not asked');
  t.equal(curlRequest('curl -o corpus.ndjson localhost:3000/v1/export'), undefined, 'nor one that writes a file');
  const pattern = answerPattern('{ "a": { "b": 1, … }, "c": ["x", …], "d": "…mark…", "e": [] }');
  t.same(mismatches({ a: { b: 1, z: 2 }, c: ['x', 'y'], d: 'a <mark>mark</mark> b', e: [] }, pattern), []);
  t.same(mismatches({ a: { b: 2 }, c: [], d: 'nothing', e: [1], f: 0 }, pattern), [
    '$.f: not in the README (add it, or end the object with …)',
    '$.a.b: 2, the README shows 1',
    '$.c: 0 elements, the README shows 1 and more',
    '$.d: "nothing" does not match /^[\\s\\S]*mark[\\s\\S]*$/',
    '$.e: 1 elements, the README shows 0',
  ]);
});

t.test('every answer the README prints is the answer the service gives', async (t) => {
  const examples = readmeExamples(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
  const asked = examples.flatMap((example) => {
    const request = curlRequest(example.command);
    return request ? [{ ...example, request }] : [];
  });
  t.ok(asked.length >= 6, `${asked.length} examples asked`);
  const app = await build(t);
  // The README shows SQLite's answers. PostgreSQL's search marks a match by its own tokens (`<mark>£2.6bn</mark>`
  // where SQLite marks `£<mark>2.6bn</mark>`): there the same snippets are compared without their marks.
  const marks = app.db.engine === 'postgres' ? (text: string) => text.replace(/<\/?mark>/g, '') : (text: string) => text;
  for (const { line, command, answer, request } of asked) {
    const response = await app.inject({ method: 'GET', url: request.url, headers: request.headers });
    t.equal(response.statusCode, 200, `README line ${line}: ${command}`);
    t.same(mismatches(JSON.parse(marks(response.body)), answerPattern(marks(answer))), [], `README line ${line}: the answer shown`);
  }
});
