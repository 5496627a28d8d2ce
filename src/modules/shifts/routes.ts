import { shiftFeed } from '../../http/atom-entries.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../errors.ts';
import { shiftRows } from '../../http/csv-rows.ts';
import { decodeCursor, nextLink, offsetOf } from '../../http/pagination.ts';
import { resolveFilters } from '../shared/filters.ts';
import { findShifts, shiftDetails } from './queries.ts';
import { shiftPageSchema, shiftsQuery } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listShifts',
      tags: ['compare'],
      summary: 'Stance shifts: who changed position, with the evidence on both sides',
      description:
        'Every organisation × theme whose stance changed from one of its statements to the next (by date) tagged with the theme: the RCPCH on funding, neutral on the 2022 review and critical on the 2023 strategy. ' +
        'Each shift has both sides, each with its statement, event, source and the evidence sentences with their citations and permalinks, and says which way it went (`hardened`, `softened` or `changed`). ' +
        'A stance repeated is no shift, and a statement not tagged with the theme neither makes nor breaks one; with `reviewed=true` only tags an editor set or reviewed count. ' +
        'Newest first (by the later statement’s date); `from` and `to` bound that date; `event` keeps shifts with either side in the event.',
      querystring: shiftsQuery,
      response: { 200: shiftPageSchema, 400: problemSchema },
    },
    config: { csv: shiftRows, atom: shiftFeed },
    handler: async (request, reply) => {
      const { limit, cursor, format: _format, ...typed } = request.query;
      const filters = await resolveFilters(app.db, typed);
      const offset = offsetOf(decodeCursor(cursor));
      const { shifts, total, totalExact, more } = await findShifts(app.db, filters, { offset, limit });
      const items = await shiftDetails(app.db, shifts);
      return { items, total, totalExact, limit, next: nextLink(request, reply, more ? { offset: offset + limit } : undefined) };
    },
  });
};

export default routes;
