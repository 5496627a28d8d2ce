import type { Db } from '../../db/client.ts';
import { HttpProblem } from '../../errors.ts';
import type { StatementFilters } from '../../http/params.ts';
import { unknownSlugs } from '../statements/queries.ts';

const TABLES = { organisation: 'organisations', theme: 'themes', event: 'events', speaker: 'people' } as const;

/** Rejects filters that name things that do not exist, so a typo is a 400 and not a silent empty page. */
export function checkFilterSlugs(db: Db, filters: Pick<StatementFilters, keyof typeof TABLES>): void {
  const errors = (Object.keys(TABLES) as (keyof typeof TABLES)[]).flatMap((name) =>
    unknownSlugs(db, TABLES[name], filters[name]).map((slug) => ({
      in: 'query' as const,
      name,
      message: `unknown ${name} '${slug}'; see /v1/${TABLES[name] === 'people' ? 'people' : TABLES[name]} for the list`,
    })),
  );
  if (errors.length > 0) {
    throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', errors.map((e) => `${e.name}: ${e.message}`).join('; '), errors);
  }
}
