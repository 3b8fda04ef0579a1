import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import type { ThreadChangedPayload } from '../../../../shared/schemas/annotations';
import { useConsultationEvents } from '../../realtime/socket';
import { annotationKeys, refreshThreadsSince } from './api';

/**
 * Live thread updates: each event is a hint to fetch what changed since the last answer; after a reconnect
 * the same fetch catches up on whatever was missed. Bodies never travel in events.
 */
export function useThreadLiveUpdates(consultationId: string, roundId: string) {
  const qc = useQueryClient();
  const round = useRef(roundId);
  round.current = roundId;
  const pending = useRef<Promise<unknown> | null>(null);
  const refresh = () => {
    // Coalesce bursts: one fetch in flight, one more queued after it.
    const next = (pending.current ?? Promise.resolve())
      .then(() => refreshThreadsSince(qc, round.current))
      .catch(() => qc.invalidateQueries({ queryKey: annotationKeys.threads(round.current) }));
    pending.current = next;
  };
  const onHint = (p: ThreadChangedPayload) => {
    if (p.roundId === round.current) refresh();
    // Flags and decisions change the moderators' queue and the public log.
    if (p.change === 'flagged' || p.change === 'hidden' || p.change === 'unhidden') {
      void qc.invalidateQueries({ queryKey: ['moderation'] });
    }
  };
  useConsultationEvents(
    consultationId,
    {
      [SERVER_EVENTS.THREAD_UPDATED]: onHint,
      [SERVER_EVENTS.COMMENT_UPDATED]: onHint,
      [SERVER_EVENTS.NOTIFICATION]: () => qc.invalidateQueries({ queryKey: annotationKeys.notifications }),
    },
    refresh,
  );
}
