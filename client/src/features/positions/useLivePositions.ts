import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import type { PositionUpdatedEvent, TallyUpdatedEvent } from '../../../../shared/schemas/positions';
import { useConsultationEvents } from '../../realtime/socket';
import { positionKeys } from './api';

/**
 * Keeps the round's tallies and the caller's positions current. A tally update carries the new numbers when
 * they are public (used as is, no refetch); when they are hidden it is only a hint, and refetching lets the
 * server decide what this reader may see.
 */
export function useLivePositions(consultationId: string, roundId: string | undefined) {
  const qc = useQueryClient();
  const onTally = useCallback(
    (event: TallyUpdatedEvent) => {
      if (!event.hidden) qc.setQueryData(positionKeys.tallies(event.roundId), event.tallies);
      else void qc.invalidateQueries({ queryKey: positionKeys.tallies(event.roundId) });
    },
    [qc],
  );
  const onPosition = useCallback(
    (event: PositionUpdatedEvent) =>
      void qc.invalidateQueries({ queryKey: positionKeys.mine(event.roundId) }),
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
