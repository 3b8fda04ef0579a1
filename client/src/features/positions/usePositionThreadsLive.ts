import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import type { ThreadChangedPayload } from '../../../../shared/schemas/annotations';
import { useConsultationEvents } from '../../realtime/socket';
import { useThreadLiveUpdates } from '../annotations/useThreadLiveUpdates';
import { positionKeys } from './api';

/**
 * Discussions under the rationales, live: the threads themselves through the annotations feature's hook, and
 * each position's thread count by refetching the open rationale lists when a thread is opened (only open
 * lists are enabled queries, so only they refetch).
 */
export function usePositionThreadsLive(consultationId: string, roundId: string | undefined) {
  const qc = useQueryClient();
  useThreadLiveUpdates(consultationId, roundId ?? '');
  const onThread = useCallback(
    (p: ThreadChangedPayload) => {
      if (p.change === 'created') void qc.invalidateQueries({ queryKey: positionKeys.lists(p.roundId) });
    },
    [qc],
  );
  useConsultationEvents(consultationId, { [SERVER_EVENTS.THREAD_UPDATED]: onThread }, () => {
    if (roundId) void qc.invalidateQueries({ queryKey: positionKeys.lists(roundId) });
  });
}
