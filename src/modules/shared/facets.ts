import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FacetCount } from '../../db/page.ts';
import { FACETS, type Facet } from '../../http/params.ts';

export const facetValueSchema = z
  .object({
    value: z.string().describe('The value, as its filter takes it (a slug, or a stance)'),
    label: z.string().describe('Its name'),
    count: z.number().int().describe('How many matches have it, under the current filters'),
    selected: z.boolean().describe('Whether the current filters already choose it'),
    url: z.string().describe('This list narrowed to the value (or, for a chosen value, without it), from the first page'),
  })
  .meta({ id: 'FacetValue' });

export const facetsField = {
  facets: z
    .object(Object.fromEntries(FACETS.map((facet) => [facet, z.array(facetValueSchema).optional()])) as Record<Facet, z.ZodOptional<z.ZodArray<typeof facetValueSchema>>>)
    .optional()
    .describe('With `facet`: every match counted by each facet asked for'),
};

/** The link of each facet value: the request's own URL from its first page, its filter set to the value alone, or without it when it is already chosen. */
export function facetValues(
  request: FastifyRequest,
  counts: Record<string, FacetCount[]> | undefined,
  chosen: Partial<Record<Facet, string[] | undefined>>,
): Partial<Record<Facet, z.infer<typeof facetValueSchema>[]>> | undefined {
  if (!counts) return undefined;
  const link = (facet: Facet, values: string[]) => {
    const url = new URL(request.url, 'http://placeholder');
    url.searchParams.delete('cursor');
    url.searchParams.delete(facet);
    if (values.length) url.searchParams.set(facet, values.join(','));
    return url.pathname + url.search;
  };
  return Object.fromEntries(
    Object.entries(counts).map(([name, values]) => {
      const facet = name as Facet;
      const current = chosen[facet] ?? [];
      return [
        facet,
        values.map(({ value, label, count }) => {
          const selected = current.includes(value);
          return { value, label, count, selected, url: link(facet, selected ? current.filter((v) => v !== value) : [value]) };
        }),
      ];
    }),
  );
}
