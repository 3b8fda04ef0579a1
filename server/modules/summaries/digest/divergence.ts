import { STANCES, type Stance } from '../../../../shared/domain.js';
import { CURRENCIES, UNSPECIFIED, type OptionTally } from '../../../../shared/schemas/positions.js';
import {
  leaningOf,
  type DivergenceClause,
  type DivergenceView,
  type GroupLeaning,
  type Leaning,
} from '../../../../shared/schemas/summaries.js';

/** English names as they read inside a sentence, and whether the verb takes the plural. */
const GROUP_WORDS: Record<string, { name: string; plural: boolean }> = {
  government: { name: 'governments', plural: true },
  private_sector: { name: 'the private sector', plural: false },
  civil_society: { name: 'civil society', plural: false },
  intergovernmental: { name: 'intergovernmental organisations', plural: true },
  academic_technical: { name: 'the academic and technical community', plural: false },
};

const VERB: Record<Leaning, [singular: string, plural: string]> = {
  support: ['mostly supports', 'mostly support'],
  oppose: ['mostly opposes', 'mostly oppose'],
  neutral: ['is mostly neutral', 'are mostly neutral'],
};

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

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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

/** "Governments mostly support while civil society mostly opposes.": the clauses in English words. */
export function divergenceStatement(clauses: DivergenceClause[]): string | null {
  if (!clauses.length) return null;
  const words = clauses.map(({ leaning, groups }) => {
    const names = groups.map((g) => GROUP_WORDS[g] ?? { name: g, plural: false });
    const plural = names.length > 1 || names[0].plural;
    return `${joinNames(names.map((w) => w.name))} ${VERB[leaning][plural ? 1 : 0]}`;
  });
  const text = `${words.slice(0, -1).join(', ')} while ${words.at(-1)}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Divergence between stakeholder groups, in each currency, from the "all stakeholders" tally view. */
export function divergenceOf(tally: OptionTally): DivergenceView[] {
  return CURRENCIES.map((currency) => {
    const groups = groupLeanings(tally.currencies[currency].all.by.group);
    const clauses = divergenceClauses(groups);
    return {
      currency,
      groups,
      diverges: clauses.length > 0,
      clauses,
      statement: divergenceStatement(clauses),
    };
  });
}
