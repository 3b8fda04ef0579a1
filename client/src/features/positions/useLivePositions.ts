import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import type {
  PositionUpdatedEvent,
  TalliesView,
  TallyUpdatedEvent,
} from '../../../../shared/schemas/positions';
import { useConsultationEvents } from '../../realtime/socket';
import { newerTallies, positionKeys } from './api';

/**
 * Keeps the round's tallies and the caller's positions current. A tally update carries the new numbers when
 * they are public (used as is, no refetch); when they are hidden it is only a hint. Hundreds of viewers must
 * not all call the server on every change, so only what this viewer shows and may see is refetched.
 */
export function useLivePositions(consultationId: string, roundId: string | undefined) {
  const qc = useQueryClient();
  const onTally = useCallback(
    (event: TallyUpdatedEvent) => {
      const key = positionKeys.tallies(event.roundId);
      if (!event.hidden) {
        qc.setQueryData<TalliesView>(key, (cached) => newerTallies(cached, event.tallies));
        return;
      }
      // Only a reader who sees hidden numbers (the secretariat) refetches; the others would learn "hidden" again.
      const cached = qc.getQueryData<TalliesView>(key);
      if (cached && !cached.hidden) void qc.invalidateQueries({ queryKey: key });
    },
    [qc],
  );
  const onPosition = useCallback(
    (event: PositionUpdatedEvent) => {
      // The copy marked `yours` reaches only the actor's sockets (another tab, another focal point).
      if (event.yours) void qc.invalidateQueries({ queryKey: positionKeys.mine(event.roundId) });
      // Only open rationale lists are enabled queries, so only they refetch.
      void qc.invalidateQueries({ queryKey: positionKeys.lists(event.roundId) });
    },
    [qc],
  );
  useConsultationEvents(
    consultationId,
    { [SERVER_EVENTS.TALLY_UPDATED]: onTally, [SERVER_EVENTS.POSITION_UPDATED]: onPosition },
    () => {
      if (roundId) void qc.invalidateQueries({ queryKey: positionKeys.round(roundId) });
    },
  );
}
