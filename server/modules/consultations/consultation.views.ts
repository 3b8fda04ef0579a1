import type { ConsultationStatus } from '../../../shared/domain.js';
import { draftDocName, summaryDocName } from '../../../shared/domain.js';
import type { OptionView, RoundView } from '../../../shared/schemas/consultations.js';
import type { Round } from '../rounds/round.entity.js';
import type { ConsultationOption } from './option.entity.js';

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRoundView(r: Round): RoundView {
  return {
    id: r.id,
    consultationId: r.consultationId,
    number: r.number,
    status: r.status,
    opensAt: iso(r.opensAt),
    closesAt: iso(r.closesAt),
    openedAt: iso(r.openedAt),
    closedAt: iso(r.closedAt),
    draftDoc: draftDocName(r.id),
    summaryDoc: summaryDocName(r.id),
    closingDigest: r.closingDigest,
  };
}

export function toOptionView(o: ConsultationOption): OptionView {
  return {
    id: o.id,
    label: o.label,
    description: o.description,
    sortOrder: o.sortOrder,
    retired: !!o.retiredAt,
  };
}

/**
 * What a reader understands of a consultation, from its rounds:
 * - open: a round is open for comment;
 * - upcoming: nothing has opened yet (no round, or only scheduled ones);
 * - closed: a round has closed and the next one is already scheduled (between rounds);
 * - concluded: every round is closed and none is scheduled.
 */
export function consultationStatus(rounds: Round[]): ConsultationStatus {
  if (rounds.some((r) => r.status === 'open')) return 'open';
  if (rounds.every((r) => r.status === 'scheduled')) return 'upcoming';
  return rounds.some((r) => r.status === 'scheduled') ? 'closed' : 'concluded';
}

/** The round a reader cares about now: the open one, else the next scheduled, else the last closed. */
export function currentRound(rounds: Round[]): Round | null {
  const sorted = [...rounds].sort((a, b) => a.number - b.number);
  return (
    sorted.find((r) => r.status === 'open') ??
    sorted.find((r) => r.status === 'scheduled') ??
    sorted[sorted.length - 1] ??
    null
  );
}
