import type { SummaryVersionMeta, SummaryVersionView } from '../../../shared/schemas/summaries.js';
import type { SummaryVersion } from './summary-version.entity.js';

export function toVersionMeta(v: SummaryVersion): SummaryVersionMeta {
  return {
    roundId: v.roundId,
    consultationId: v.consultationId,
    number: v.number,
    changeNote: v.changeNote,
    publishedAt: v.publishedAt.toISOString(),
    publishedBy: v.publishedByName,
    sha256: v.sha256,
  };
}

export function toVersionView(v: SummaryVersion): SummaryVersionView {
  return { ...toVersionMeta(v), html: v.html, markdown: v.markdown, document: v.document };
}
