import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, notFound, problemSchema } from '../../errors.ts';
import { recordChange } from '../changes/record.ts';
import { setAliases } from '../organisations/queries.ts';
import { nameTakenBy } from './filters.ts';
import { aliasesSchema, slugPath } from './schemas.ts';

const TABLES = { organisation: 'organisations', speaker: 'people' } as const;

/**
 * `PUT /{slug}/aliases` for organisations or people: editors give the other names readers look them
 * up by. An alias another row already answers to is a 409 naming it, so that a filter never becomes
 * ambiguous by an edit; the write is audited like every other.
 */
export function aliasRoute(kind: 'organisation' | 'speaker', operationId: string, tag: string): FastifyPluginAsyncZod {
  return async (app) => {
    app.put('/:slug/aliases', {
      schema: {
        operationId,
        tags: [tag],
        summary: `Set the other names an ${kind === 'organisation' ? 'organisation' : 'speaker'} is found by`,
        description:
          'Replaces the aliases: names readers may use in filters besides the slug, the name (and short name, or surname). Matching ignores case, accents and punctuation. An alias that already names someone else is refused (409).',
        params: slugPath,
        body: aliasesSchema,
        response: {
          200: z.object({ slug: z.string(), aliases: z.array(z.string()) }).meta({ example: { slug: 'lga', aliases: ['Local Govt Association'] } }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
      config: { scope: 'write' },
      handler: async (request) => {
        const { slug } = request.params;
        const aliases = [...new Set(request.body.aliases)];
        const { dialect } = app.db;
        // The check and the write in one transaction: another edit cannot give the same name to someone else in between.
        await app.db.transaction(async (tx) => {
          const taken: { in: 'body'; name: string; message: string }[] = [];
          for (const alias of aliases) {
            const other = await nameTakenBy(tx, dialect, kind, alias, slug);
            if (other) taken.push({ in: 'body', name: 'aliases', message: `'${alias}' already names ${other.slug} (${other.label})` });
          }
          if (taken.length > 0) throw new HttpProblem(409, 'conflict', 'Conflict', taken.map((e) => e.message).join('; '), taken);
          if (!(await setAliases(tx, TABLES[kind], slug, aliases))) throw notFound(kind === 'organisation' ? 'organisation' : 'person', slug);
          // Filters read names: an answer asked by an alias can change with it.
          await recordChange(tx, { kind: 'aliases.changed', detail: { [kind]: slug, aliases } });
        });
        return { slug, aliases };
      },
    });
  };
}
