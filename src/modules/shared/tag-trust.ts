import { z } from 'zod';

import type { TagTrust } from '../../domain/compare.ts';

export type { TagTrust };

/** The columns of TagTrust for a query over `theme_tags tt`; read the row back with `tagTrust`. */
export const TAG_TRUST_COLUMNS = `CASE tt.tagged_by WHEN 'curated' THEN 'curated' ELSE 'analysed' END AS origin, tt.reviewed AS reviewed, tt.confidence AS confidence`;

/** TagTrust as the database gives it back (`reviewed`: 0 or 1 on SQLite, a boolean on PostgreSQL). */
export interface TrustRow {
  origin: string;
  reviewed: number | boolean;
  confidence: number | null;
}

export function tagTrust(row: TrustRow): TagTrust {
  return { origin: row.origin === 'curated' ? 'curated' : 'analysed', reviewed: Boolean(row.reviewed), confidence: row.confidence };
}

export const tagTrustFields = {
  origin: z.enum(['curated', 'analysed']).describe('`curated`: set by an editor; `analysed`: found by the analyser'),
  reviewed: z.boolean().describe('true once an editor accepted or corrected it; an unreviewed tag is the machine’s guess'),
  confidence: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('The analyser’s confidence in the stance, 0–1 (how strong and consistent its cues were); 1 for a tag an editor set; null for tags analysed before confidence was recorded'),
};
