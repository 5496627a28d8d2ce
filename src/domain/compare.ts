import { countStances, overallStance, type Stance, type StanceCounts } from './stance.ts';

export interface OrganisationRef {
  slug: string;
  name: string;
  shortName: string;
}

export interface ThemeRef {
  slug: string;
  name: string;
}

/** One statement's tag on a theme: the unit comparisons are built from. */
export interface TagFact<E = unknown, F = unknown> {
  organisation: string;
  theme: string;
  statementId: number;
  date: string;
  stance: Stance;
  note: string | null;
  evidence: E[];
  figures: F[];
}

export interface OrganisationPosition<E, F> {
  organisation: OrganisationRef;
  stance: Stance | null;
  statementCount: number;
  statements: { statementId: number; date: string; stance: Stance; note: string | null; evidence: E[] }[];
  figures: F[];
}

export interface Comparison<E, F> {
  positions: OrganisationPosition<E, F>[];
  summary: Record<Stance | 'silent', string[]>;
}

/**
 * Lines up every organisation's position on one theme. Organisations with no tag on the
 * theme are kept, with a null stance, and listed as silent: who said nothing matters too.
 */
export function compareOnTheme<E, F>(organisations: OrganisationRef[], facts: TagFact<E, F>[]): Comparison<E, F> {
  const summary: Comparison<E, F>['summary'] = { supportive: [], critical: [], mixed: [], neutral: [], silent: [] };
  const positions = organisations.map((organisation) => {
    const own = facts
      .filter((fact) => fact.organisation === organisation.slug)
      .sort((a, b) => b.date.localeCompare(a.date) || b.statementId - a.statementId);
    const stance = overallStance(own.map((fact) => fact.stance)) ?? null;
    summary[stance ?? 'silent'].push(organisation.slug);
    return {
      organisation,
      stance,
      statementCount: own.length,
      statements: own.map(({ statementId, date, stance, note, evidence }) => ({ statementId, date, stance, note, evidence })),
      figures: own.flatMap((fact) => fact.figures),
    };
  });
  const order: (Stance | null)[] = ['critical', 'mixed', 'supportive', 'neutral', null];
  positions.sort((a, b) => order.indexOf(a.stance) - order.indexOf(b.stance) || a.organisation.name.localeCompare(b.organisation.name));
  return { positions, summary };
}

export interface MatrixCell {
  theme: string;
  stance: Stance | null;
  statementCount: number;
  counts: StanceCounts;
}

export interface MatrixRow {
  organisation: OrganisationRef;
  cells: MatrixCell[];
}

/** The organisation × theme grid: every pair present, empty cells included, in the given orders. */
export function stanceMatrix(
  organisations: OrganisationRef[],
  themes: ThemeRef[],
  tags: { organisation: string; theme: string; stance: Stance }[],
): MatrixRow[] {
  const byPair = new Map<string, Stance[]>();
  for (const tag of tags) {
    const key = `${tag.organisation}\u0000${tag.theme}`;
    const list = byPair.get(key) ?? [];
    list.push(tag.stance);
    byPair.set(key, list);
  }
  return organisations.map((organisation) => ({
    organisation,
    cells: themes.map((theme) => {
      const stances = byPair.get(`${organisation.slug}\u0000${theme.slug}`) ?? [];
      return {
        theme: theme.slug,
        stance: overallStance(stances) ?? null,
        statementCount: stances.length,
        counts: countStances(stances),
      };
    }),
  }));
}

export type Relation = 'agree' | 'diverge' | 'only-a' | 'only-b' | 'neither';

/** How two organisations' overall stances on a theme relate. */
export function relation(a: Stance | null, b: Stance | null): Relation {
  if (a && b) return a === b ? 'agree' : 'diverge';
  if (a) return 'only-a';
  if (b) return 'only-b';
  return 'neither';
}
