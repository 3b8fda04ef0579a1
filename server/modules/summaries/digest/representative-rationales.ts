import { STANCES, type Stance } from '../../../../shared/domain.js';
import { UNSPECIFIED, type PositionView } from '../../../../shared/schemas/positions.js';
import type { RepresentativeRationale } from '../../../../shared/schemas/summaries.js';

/** Rationales longer than this are cut in the digest (the citation and the export keep the whole text). */
const MAX_RATIONALE = 1200;

/** Longer first; then the most recently updated; then the lowest id: a total order, so the pick is stable. */
function better(a: PositionView, b: PositionView): boolean {
  const la = a.rationale.trim().length;
  const lb = b.rationale.trim().length;
  if (la !== lb) return la > lb;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt;
  return a.id < b.id;
}

/**
 * Keeps, per option, per stance and per stakeholder group, the one most developed rationale. Fed batch by
 * batch, so a round of any size is read once with memory bounded by options × stances × groups.
 */
export class RepresentativeRationalePicker {
  private readonly best = new Map<string, PositionView>();

  add(p: PositionView) {
    if (!p.rationale.trim()) return;
    const key = `${p.optionId}|${p.stance}|${p.stakeholderGroup ?? UNSPECIFIED}`;
    const current = this.best.get(key);
    if (!current || better(p, current)) this.best.set(key, p);
  }

  forOption(optionId: string): Record<Stance, RepresentativeRationale[]> {
    const out = Object.fromEntries(STANCES.map((s) => [s, [] as RepresentativeRationale[]])) as Record<
      Stance,
      RepresentativeRationale[]
    >;
    for (const p of this.best.values()) {
      if (p.optionId !== optionId) continue;
      const text = p.rationale.trim();
      out[p.stance].push({
        positionId: p.id,
        stance: p.stance,
        capacity: p.capacity,
        actorName: p.actorName,
        organisationName: p.organisationName,
        stakeholderGroup: p.stakeholderGroup,
        region: p.region,
        rationale: text.length > MAX_RATIONALE ? `${text.slice(0, MAX_RATIONALE)}…` : text,
        updatedAt: p.updatedAt,
      });
    }
    for (const s of STANCES)
      out[s].sort((a, b) =>
        (a.stakeholderGroup ?? UNSPECIFIED).localeCompare(b.stakeholderGroup ?? UNSPECIFIED),
      );
    return out;
  }
}
