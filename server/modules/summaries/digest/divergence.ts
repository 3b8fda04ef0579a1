import { STANCES, type Stance } from '../../../../shared/domain.js';
import { CURRENCIES, UNSPECIFIED, type OptionTally } from '../../../../shared/schemas/positions.js';
import {
  leaningOf,
  type DivergenceClause,
  type DivergenceView,
  type GroupLeaning,
  type Leaning,
} from '../../../../shared/schemas/summaries.js';

/**
 * A group leans one way when more than half of its positions share that leaning (support and support with
 * changes both support). Positions without a group are not a group and are left out.
 */
export function groupLeanings(counts: Record<string, Record<Stance, number>>): GroupLeaning[] {
  return Object.entries(counts)
    .filter(([group]) => group !== UNSPECIFIED)
    .map(([group, byStance]) => {
      const total = STANCES.reduce((n, s) => n + byStance[s], 0);
      const perLeaning: Record<Leaning, number> = { support: 0, neutral: 0, oppose: 0 };
      for (const s of STANCES) perLeaning[leaningOf(s)] += byStance[s];
      const leaning = (Object.keys(perLeaning) as Leaning[]).find((l) => perLeaning[l] * 2 > total) ?? null;
      return { group, positions: total, leaning };
    })
    .filter((g) => g.positions > 0)
    .sort((a, b) => a.group.localeCompare(b.group));
}

/**
 * Which groups lean which way, one clause per leaning (support, oppose, neutral), when at least two leanings
 * meet; none otherwise. Divided groups lean no way and are left out.
 */
export function divergenceClauses(groups: GroupLeaning[]): DivergenceClause[] {
  const byLeaning = new Map<Leaning, string[]>();
  for (const g of groups)
    if (g.leaning) byLeaning.set(g.leaning, [...(byLeaning.get(g.leaning) ?? []), g.group]);
  if (byLeaning.size < 2) return [];
  return (['support', 'oppose', 'neutral'] as const)
    .filter((l) => byLeaning.has(l))
    .map((leaning) => ({ leaning, groups: byLeaning.get(leaning)! }));
}

/** Divergence between stakeholder groups, in each currency, from the "all stakeholders" tally view. */
export function divergenceOf(tally: OptionTally): DivergenceView[] {
  return CURRENCIES.map((currency) => {
    const groups = groupLeanings(tally.currencies[currency].all.by.group);
    const clauses = divergenceClauses(groups);
    return { currency, groups, diverges: clauses.length > 0, clauses };
  });
}
