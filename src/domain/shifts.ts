import { longDate } from './citation.ts';
import { STANCE_VALUES, type Stance } from './stance.ts';

/**
 * Which way a stance moved. Each stance says two things about the measure: whether the
 * organisation welcomes something in it, and whether it finds fault with it:
 *
 * | stance     | welcomes | finds fault | lean |
 * |------------|----------|-------------|------|
 * | supportive | yes      | no          | +1   |
 * | neutral    | no       | no          |  0   |
 * | mixed      | yes      | yes         |  0   |
 * | critical   | no       | yes         | −1   |
 *
 * A stance *hardened* when it moved towards critical (it finds more fault or welcomes less, and
 * never the reverse): supportive → neutral, mixed or critical; neutral or mixed → critical. It
 * *softened* when it moved towards supportive, the other way round. Neutral and mixed sit level,
 * between the two: from one to the other the organisation began (or stopped) both welcoming and
 * finding fault, which is neither harder nor softer, so that move is only *changed*.
 */
export const DIRECTIONS = ['hardened', 'softened', 'changed'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How favourable a stance is to the measure: what it welcomes less what it finds fault with. */
export const LEAN: Readonly<Record<Stance, number>> = { supportive: 1, neutral: 0, mixed: 0, critical: -1 };

/** The direction of a move from one stance to another; undefined when the stance did not change. */
export function directionOf(from: Stance, to: Stance): Direction | undefined {
  if (from === to) return undefined;
  if (LEAN[to] < LEAN[from]) return 'hardened';
  if (LEAN[to] > LEAN[from]) return 'softened';
  return 'changed';
}

/**
 * Every move of stance that goes in one of `directions`, as [from, to] pairs: what a query that
 * filters shifts by direction compares the two stances against, so that directionOf stays the
 * one place that says which way a move went.
 */
export function movesIn(directions: readonly Direction[]): [Stance, Stance][] {
  return STANCE_VALUES.flatMap((from) =>
    STANCE_VALUES.flatMap((to): [Stance, Stance][] => {
      const direction = directionOf(from, to);
      return direction && directions.includes(direction) ? [[from, to]] : [];
    }),
  );
}

/** One statement's stance on a theme: null when it has no tag on the theme (or none that counts). */
export interface StancePoint {
  statementId: number;
  /** YYYY-MM-DD */
  date: string;
  stance: Stance | null;
}

/** A change of stance between two consecutive tagged statements of one organisation on one theme. */
export interface Shift<P extends StancePoint> {
  from: P & { stance: Stance };
  to: P & { stance: Stance };
  direction: Direction;
}

const byDate = (a: StancePoint, b: StancePoint) => a.date.localeCompare(b.date) || a.statementId - b.statementId;

/**
 * The shifts in one organisation's statements on one theme: between each tagged statement and the
 * tagged statement before it (by date, then id), where the stance differs. A statement without a
 * tag on the theme is passed over: it neither breaks a shift nor makes one. A stance repeated is
 * no shift, so neutral, critical, critical, neutral is two shifts.
 */
export function shiftsIn<P extends StancePoint>(points: readonly P[]): Shift<P>[] {
  const tagged = points.filter((point): point is P & { stance: Stance } => point.stance !== null).sort(byDate);
  const shifts: Shift<P>[] = [];
  for (let i = 1; i < tagged.length; i += 1) {
    const from = tagged[i - 1]!;
    const to = tagged[i]!;
    const direction = directionOf(from.stance, to.stance);
    if (direction) shifts.push({ from, to, direction });
  }
  return shifts;
}

/** A stance point that says whose stance it is, on which theme (by slug or by id). */
export interface PairPoint extends StancePoint {
  organisation: string | number;
  theme: string | number;
}

/**
 * The shifts of every organisation on every theme among `points`, newest first (by the later
 * statement's date, then its id). Shifts that land on the same statement keep the order in which
 * their themes first appear in `points`.
 */
export function shiftsAcross<P extends PairPoint>(points: readonly P[]): Shift<P>[] {
  const pairs = new Map<string, P[]>();
  for (const point of points) {
    const key = `${point.organisation}\u0000${point.theme}`;
    const list = pairs.get(key);
    if (list) list.push(point);
    else pairs.set(key, [point]);
  }
  // Sorted after collecting: Array.prototype.sort is stable, so ties keep the pairs' order.
  return [...pairs.values()].flatMap((list) => shiftsIn(list)).sort((a, b) => byDate(b.to, a.to));
}

const VERBS: Record<Direction, string> = { hardened: 'hardened its stance', softened: 'softened its stance', changed: 'changed its stance' };

/** A stance and when it was taken: `neutral (23 May 2022)`. */
export function stanceOn(point: { stance: Stance; date: string }): string {
  return `${point.stance} (${longDate(point.date)})`;
}

/**
 * The shift in a sentence a journalist can use: "RCPCH hardened its stance on Funding: neutral
 * (23 May 2022) → critical (2 February 2023)".
 */
export function shiftSummary(who: string, theme: string, shift: Pick<Shift<StancePoint>, 'from' | 'to' | 'direction'>): string {
  return `${who} ${VERBS[shift.direction]} on ${theme}: ${stanceOn(shift.from)} → ${stanceOn(shift.to)}`;
}
