import t from 'tap';
import { databaseLabel, withoutPassword } from '../src/db/client.ts';
import { numbered, values } from '../src/db/postgres/sql.ts';
import { toTsQuery } from '../src/db/postgres/search.ts';
import { searchTerms } from '../src/db/search-terms.ts';
import { toFtsQuery } from '../src/db/sqlite/fts.ts';

t.test('SQL written once: @named and ? parameters become $1, $2 … for PostgreSQL, never inside quotes', async (t) => {
  t.same(numbered('SELECT * FROM x WHERE a = @a AND b = @b OR c = @a'), { text: 'SELECT * FROM x WHERE a = $1 AND b = $2 OR c = $1', names: ['a', 'b'], positional: 0 });
  t.same(numbered('SELECT ? , ?'), { text: 'SELECT $1 , $2', names: [], positional: 2 });
  t.same(numbered(`SELECT '@not ?' AS "why?", @x`), { text: `SELECT '@not ?' AS "why?", $1`, names: ['x'], positional: 0 });
  t.same(numbered('SELECT a @> b'), { text: 'SELECT a @> b', names: [], positional: 0 }, 'an operator with @ is not a parameter');
  t.throws(() => numbered('SELECT @a, ?'), { message: 'SQL mixes @named and ? parameters' });
  t.same(values(numbered('SELECT @b, @a, @b'), { a: 1, b: 2, unused: 3 }), [2, 1]);
  t.same(values(numbered('SELECT ?, ?'), [1, 'x']), [1, 'x']);
  t.same(values(numbered('SELECT 1'), undefined), []);
  t.throws(() => values(numbered('SELECT @a'), {}), { message: 'Missing named parameter "a"' });
  t.same(values(numbered('SELECT @a, @b'), { a: 'x\u0000y', b: ['\u0000', 'z'] }), ['x\uFFFDy', ['\uFFFD', 'z']], 'a NUL, which PostgreSQL refuses, becomes a character no stored text has');
  t.same(values(numbered('SELECT ?'), ['\u0000']), ['\uFFFD']);
});

t.test('what a search box says is read once, and each engine gets the same search', async (t) => {
  const cases: [string, string | undefined, string | undefined][] = [
    ['kinship care', '"kinship" "care"', "'kinship' & 'care'"],
    ['"far cry"', '"far cry"', "'far cry'"],
    ['grand* OR kinship', '"grand"* OR "kinship"', "'grand':* | 'kinship'"],
    ['funding -kinship', '"funding" NOT "kinship"', "'funding' & !'kinship'"],
    ['-kinship funding', '"funding" NOT "kinship"', "'funding' & !'kinship'"],
    ['a OR b -c', '"a" OR "b" NOT "c"', "'a' | 'b' & !'c'"],
    ['a OR -b', '"a" NOT "b"', "'a' & !'b'"],
    ['-"far cry" x', '"x" NOT "far cry"', "'x' & !'far cry'"],
    ["children's £2.6bn", '"children\'s" "£2.6bn"', "'children''s' & '£2.6bn'"],
    ['well-being x - y', '"well-being" "x" "y"', "'well-being' & 'x' & 'y'"],
    ['back\\slash', '"backslash"', "'backslash'"],
    ['"a  b" "unclosed', '"a b" "unclosed"', "'a b' & 'unclosed'"],
    ['-only', undefined, undefined],
    ['OR', undefined, undefined],
    ['( ) * "', undefined, undefined],
  ];
  for (const [input, fts, tsquery] of cases) t.same([toFtsQuery(input), toTsQuery(input)], [fts, tsquery], input);
  t.same(searchTerms('pre* -"a b"'), [
    { text: 'pre', phrase: false, prefix: true, without: false },
    { text: 'a b', phrase: true, prefix: false, without: true },
  ]);
});

t.test('a PostgreSQL URL is never logged with its password', async (t) => {
  t.equal(withoutPassword('postgres://stance:s3cret@db:5432/stance'), 'postgres://stance:***@db:5432/stance');
  t.equal(withoutPassword('postgres://stance@db/stance'), 'postgres://stance@db/stance');
  t.equal(databaseLabel({ DATABASE_PATH: 'data/x.db', DATABASE_URL: 'postgres://a:b@h/d' }), 'PostgreSQL postgres://a:***@h/d');
  t.equal(databaseLabel({ DATABASE_PATH: 'data/x.db' }), 'data/x.db');
});
