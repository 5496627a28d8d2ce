import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, problemSchema } from '../../errors.ts';
import { personFeed } from '../../http/atom-entries.ts';
import { itemRows } from '../../http/csv-rows.ts';
import { formatParam, manyOf, namedParam, paginationParams } from '../../http/params.ts';
import { keysetOf, nextLink, pageSchema } from '../../http/pagination.ts';
import { quoteSchema } from '../quotes/schemas.ts';
import { quotesByIds } from '../quotes/queries.ts';
import { aliasRoute } from '../shared/aliases.ts';
import { canonicalUrl, pathRecord, resolveFilters } from '../shared/filters.ts';
import { exampleOrganisation, exampleQuote, exampleSpeaker } from '../shared/examples.ts';
import { organisationRef, slugPath } from '../shared/schemas.ts';
import { listPeople, personBySlug, quoteIdsOf, toPerson } from './queries.ts';

const personSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    role: z.string().nullable(),
    organisation: organisationRef.nullable(),
    aliases: z.array(z.string()).describe('Other names the person is found by in filters (besides the slug, the name and the surname), kept by editors'),
    quoteCount: z.number().int(),
    url: z.string(),
  })
  .meta({ id: 'Person' });

const personListSchema = pageSchema(personSchema).meta({
  id: 'PersonList',
  example: {
    items: [
      {
        slug: 'keith-glazier',
        name: 'Cllr Keith Glazier',
        role: "Children's Social Care Spokesperson",
        organisation: { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' },
        aliases: [],
        quoteCount: 3,
        url: '/v1/people/keith-glazier',
      },
    ],
    total: 1,
    limit: 20,
    next: null,
  },
});

const personDetailSchema = personSchema.extend({ quotes: z.array(quoteSchema).describe('Newest first') }).meta({
  id: 'PersonDetail',
  example: {
    ...exampleSpeaker,
    organisation: exampleOrganisation,
    aliases: [],
    quoteCount: 3,
    url: '/v1/people/keith-glazier',
    quotes: [exampleQuote],
  },
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listPeople',
      tags: ['people'],
      summary: 'List speakers',
      description: 'People quoted in statements, with their role and organisation, by name, a page at a time.',
      querystring: z.object({ organisation: manyOf(namedParam, 'Only people of these organisation(s), by slug, name, short name or alias', 'lga'), ...paginationParams, ...formatParam }),
      response: { 200: personListSchema, 400: problemSchema },
    },
    config: { csv: itemRows, atom: personFeed },
    handler: async (request, reply) => {
      const { limit, cursor, format: _format, ...typed } = request.query;
      const { organisation } = await resolveFilters(app.db, typed);
      const page = await listPeople(app.db, organisation, limit, keysetOf(cursor, 'string'));
      return { items: page.items.map(toPerson), total: page.total, limit, next: nextLink(request, reply, page.next) };
    },
  });

  app.get('/:slug', {
    schema: {
      operationId: 'getPerson',
      tags: ['people'],
      summary: 'One speaker and everything they are quoted saying',
      description: 'The person, their role and organisation, and their quotes, newest first.',
      params: slugPath,
      response: { 200: personDetailSchema, 308: z.undefined().describe('Found by another name (`/v1/people/Jamieson`): Location is the URL with its slug'), 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { slug, moved } = await pathRecord(app.db, 'speaker', request.params.slug);
      if (moved) return reply.redirect(canonicalUrl(request.url, request.params.slug, slug), 308);
      const person = await personBySlug(app.db, slug);
      if (!person) throw notFound('person', slug);
      return { ...toPerson(person), quotes: await quotesByIds(app.db, await quoteIdsOf(app.db, person.id)) };
    },
  });

  await app.register(aliasRoute('speaker', 'setPersonAliases', 'people'));
};

export default routes;
