import { z } from 'zod';
import { eventRef, organisationRef } from '../shared/schemas.ts';

export const citedFigureSchema = z.object({
  id: z.number().int().describe('The figure’s identifier: what an editor names to move it to another measure'),
  raw: z.string().describe('As written'),
  value: z.number(),
  unit: z.string(),
  measures: z.string(),
  period: z.string().nullable(),
  theme: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  context: z.string().describe('The sentence it is quoted in'),
  organisation: organisationRef,
  statement: z.object({ id: z.number().int(), date: z.string(), url: z.string() }),
  event: eventRef,
  speaker: z.object({ name: z.string(), role: z.string().nullable() }).nullable(),
  citation: z.string(),
  permalink: z.string(),
});
