import { STANCES, type Stance } from '../../../../shared/domain';
import { CURRENCIES, type Currency, type OptionTally } from '../../../../shared/schemas/positions';

export { STANCES };
export type { Stance };

/**
 * Stance colours, chosen to stay distinguishable with the common colour-vision deficiencies (a diverging
 * blue–orange scale with grey in the middle) and with at least 3:1 contrast against white.
 */
export const STANCE_COLOURS: Record<Stance, string> = {
  support: '#1f5fa8',
  support_with_changes: '#6fa3d8',
  neutral: '#9aa3b0',
  oppose: '#c2530f',
};

/** Has anyone taken a position on this option that counts in this currency? */
const hasPositionsIn = ({ currencies }: OptionTally, currency: Currency) =>
  STANCES.some((s) => currencies[currency].all.total[s] > 0);

/** Has anyone, organisation or person, taken a position on this option? */
export const hasPositions = (tally: OptionTally) => CURRENCIES.some((c) => hasPositionsIn(tally, c));

/**
 * The currency charts first count in: the first anyone has spoken in (organisations, else people), so that a
 * first position taken in a personal capacity shows rather than "No positions yet." under every option.
 */
export const firstCurrency = (tallies: readonly OptionTally[] = []): Currency =>
  CURRENCIES.find((c) => tallies.some((o) => hasPositionsIn(o, c))) ?? 'organisations';
