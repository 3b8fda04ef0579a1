import { STANCES, type Stance } from '../../../../shared/domain';
import type { OptionTally } from '../../../../shared/schemas/positions';

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

/** Has anyone, organisation or person, taken a position on this option? */
export const hasPositions = ({ currencies }: OptionTally) =>
  STANCES.some((s) => currencies.organisations.all.total[s] > 0 || currencies.people.all.total[s] > 0);
