export const STANCE_VALUES = ['supportive', 'critical', 'mixed', 'neutral'] as const;
export type Stance = (typeof STANCE_VALUES)[number];

export type StanceCounts = Record<Stance, number>;

export function emptyCounts(): StanceCounts {
  return { supportive: 0, critical: 0, mixed: 0, neutral: 0 };
}

/**
 * One organisation's overall stance on a theme across several statements: mixed when it both
 * welcomed and criticised (in one statement or across several), otherwise the judgement it made;
 * neutral only when it never judged. undefined when it never spoke on the theme.
 */
export function overallStance(stances: Iterable<Stance>): Stance | undefined {
  let supportive = false;
  let critical = false;
  let any = false;
  for (const stance of stances) {
    any = true;
    if (stance === 'mixed') return 'mixed';
    if (stance === 'supportive') supportive = true;
    if (stance === 'critical') critical = true;
  }
  if (!any) return undefined;
  if (supportive && critical) return 'mixed';
  if (supportive) return 'supportive';
  if (critical) return 'critical';
  return 'neutral';
}

/** overallStance from counts kept per stance: the same answer without the list. */
export function overallFromCounts(counts: StanceCounts): Stance | undefined {
  if (counts.mixed > 0 || (counts.supportive > 0 && counts.critical > 0)) return 'mixed';
  if (counts.supportive > 0) return 'supportive';
  if (counts.critical > 0) return 'critical';
  if (counts.neutral > 0) return 'neutral';
  return undefined;
}

export function totalOf(counts: StanceCounts): number {
  return counts.supportive + counts.critical + counts.mixed + counts.neutral;
}

export function countStances(stances: Iterable<Stance>): StanceCounts {
  const counts = emptyCounts();
  for (const stance of stances) counts[stance] += 1;
  return counts;
}
