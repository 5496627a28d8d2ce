import { emptyCounts, overallFromCounts, totalOf, type Stance, type StanceCounts } from './stance.ts';

export interface OrganisationRef {
  slug: string;
  name: string;
  shortName: string;
}

export interface ThemeRef {
  slug: string;
  name: string;
}

/** Where a tag came from, whether an editor checked it, and how sure the analyser was. */
export interface TagTrust {
  origin: 'curated' | 'analysed';
  reviewed: boolean;
  confidence: number | null;
}

/** One statement's tag on a theme: the unit comparisons are built from. */
export interface TagFact<E = unknown, F = unknown> extends TagTrust {
  organisation: string;
  theme: string;
  statementId: number;
  date: string;
  stance: Stance;
  note: string | null;
  evidence: E[];
  figures: F[];
}

/** Stance counts of an organisation on a theme, and how many of those tags no editor has reviewed. */
export interface CountsRow {
  organisation: string;
  theme: string;
  counts: StanceCounts;
  unreviewed: number;
}

/** An organisation's stance on a theme in its responses to one event. */
export interface EventStance {
  event: string;
  stance: Stance;
  statementCount: number;
}

/** Its stance per event, and whether that changed from one event to another. */
export interface StanceOverEvents {
  byEvent: EventStance[];
  changed: boolean;
}

const pairKey = (organisation: string, theme: string) => `${organisation}\u0000${theme}`;

/**
 * Each organisation's stance on each theme event by event (rows in event order), so that a
 * change of position (neutral on the review, critical on the strategy) is said, not hidden
 * behind one overall stance.
 */
export function stancesOverEvents(rows: { organisation: string; theme: string; event: string; counts: StanceCounts }[]): (organisation: string, theme: string) => StanceOverEvents {
  const byPair = new Map<string, EventStance[]>();
  for (const row of rows) {
    const stance = overallFromCounts(row.counts);
    if (!stance) continue;
    const key = pairKey(row.organisation, row.theme);
    const events = byPair.get(key) ?? [];
    events.push({ event: row.event, stance, statementCount: totalOf(row.counts) });
    byPair.set(key, events);
  }
  return (organisation, theme) => {
    const byEvent = byPair.get(pairKey(organisation, theme)) ?? [];
    return { byEvent, changed: new Set(byEvent.map((e) => e.stance)).size > 1 };
  };
}

const noEvents = (): StanceOverEvents => ({ byEvent: [], changed: false });

export interface OrganisationPosition<E, F> extends StanceOverEvents {
  organisation: OrganisationRef;
  stance: Stance | null;
  statementCount: number;
  /** How many of its tags behind the stance no editor has reviewed. */
  unreviewed: number;
  statements: ({ statementId: number; date: string; stance: Stance; note: string | null; evidence: E[] } & TagTrust)[];
  figures: F[];
}

export interface Comparison<E, F> {
  positions: OrganisationPosition<E, F>[];
  summary: Record<Stance | 'silent', string[]>;
}

/**
 * Lines up every organisation's position on one theme. Its overall stance and statement count
 * come from the counts of all its tags on the theme; `facts` are the statements shown as
 * evidence (the latest few). Organisations with no tag on the theme are kept, with a null
 * stance, and listed as silent: who said nothing matters too.
 */
export function compareOnTheme<E, F>(
  organisations: OrganisationRef[],
  facts: TagFact<E, F>[],
  counts: Map<string, StanceCounts>,
  { overEvents = noEvents, unreviewed = new Map() }: { overEvents?: (organisation: string) => StanceOverEvents; unreviewed?: Map<string, number> } = {},
): Comparison<E, F> {
  const summary: Comparison<E, F>['summary'] = { supportive: [], critical: [], mixed: [], neutral: [], silent: [] };
  const positions = organisations.map((organisation) => {
    const own = facts
      .filter((fact) => fact.organisation === organisation.slug)
      .sort((a, b) => b.date.localeCompare(a.date) || b.statementId - a.statementId);
    const tally = counts.get(organisation.slug) ?? emptyCounts();
    const stance = overallFromCounts(tally) ?? null;
    summary[stance ?? 'silent'].push(organisation.slug);
    return {
      organisation,
      stance,
      statementCount: totalOf(tally),
      unreviewed: unreviewed.get(organisation.slug) ?? 0,
      ...overEvents(organisation.slug),
      statements: own.map(({ statementId, date, stance, note, evidence, origin, reviewed, confidence }) => ({ statementId, date, stance, note, evidence, origin, reviewed, confidence })),
      figures: own.flatMap((fact) => fact.figures),
    };
  });
  const order: (Stance | null)[] = ['critical', 'mixed', 'supportive', 'neutral', null];
  positions.sort((a, b) => order.indexOf(a.stance) - order.indexOf(b.stance) || a.organisation.name.localeCompare(b.organisation.name));
  return { positions, summary };
}

export interface MatrixCell extends StanceOverEvents {
  theme: string;
  stance: Stance | null;
  statementCount: number;
  /** How many of the tags behind the cell no editor has reviewed. */
  unreviewed: number;
  counts: StanceCounts;
}

export interface MatrixRow {
  organisation: OrganisationRef;
  cells: MatrixCell[];
}

/** The organisation × theme grid from stance counts: every pair present, empty cells included, in the given orders. */
export function stanceMatrix(
  organisations: OrganisationRef[],
  themes: ThemeRef[],
  counts: CountsRow[],
  overEvents: (organisation: string, theme: string) => StanceOverEvents = noEvents,
): MatrixRow[] {
  const byPair = new Map<string, StanceCounts>();
  const unreviewed = new Map<string, number>();
  for (const row of counts) {
    const key = pairKey(row.organisation, row.theme);
    const total = byPair.get(key) ?? emptyCounts();
    for (const stance of ['supportive', 'critical', 'mixed', 'neutral'] as const) total[stance] += row.counts[stance];
    byPair.set(key, total);
    unreviewed.set(key, (unreviewed.get(key) ?? 0) + row.unreviewed);
  }
  return organisations.map((organisation) => ({
    organisation,
    cells: themes.map((theme) => {
      const tally = byPair.get(pairKey(organisation.slug, theme.slug)) ?? emptyCounts();
      return {
        theme: theme.slug,
        stance: overallFromCounts(tally) ?? null,
        statementCount: totalOf(tally),
        unreviewed: unreviewed.get(pairKey(organisation.slug, theme.slug)) ?? 0,
        counts: tally,
        ...overEvents(organisation.slug, theme.slug),
      };
    }),
  }));
}

export const RELATIONS = ['agree', 'oppose', 'differ-in-degree', 'only-a', 'only-b', 'neither'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * How two organisations' overall stances on a theme relate, as an editor reads them: they
 * *agree* when they hold the same stance (two that both find the money insufficient agree,
 * however they phrase it); they *oppose* each other when one is supportive and the other
 * critical; every other pair *differs in degree*: one mixed and the other not (critical against
 * mixed both find fault, one also finds something to welcome), or one judged and the other only
 * described (neutral).
 */
export function relation(a: Stance | null, b: Stance | null): Relation {
  if (a && b) {
    if (a === b) return 'agree';
    const pair = new Set([a, b]);
    return pair.has('supportive') && pair.has('critical') ? 'oppose' : 'differ-in-degree';
  }
  if (a) return 'only-a';
  if (b) return 'only-b';
  return 'neither';
}
