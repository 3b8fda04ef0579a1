import { useState } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import type {
  ConsultationUpdatedPayload,
  RoundClosingSoonPayload,
  RoundUpdatedPayload,
} from '../../../../shared/schemas/rounds';
import { useConsultationEvents } from '../../realtime/socket';
import { useRefreshConsultation } from './api';

export type LiveNotice =
  | { kind: 'round'; change: RoundUpdatedPayload['change']; number: number }
  | { kind: 'closingSoon'; number: number; minutesLeft: number }
  | { kind: 'consultation' };

/**
 * Keeps a consultation fresh while it is on screen: every round or consultation event refetches it (events
 * are hints, the API is the truth), and the latest change is kept for a polite screen-reader announcement.
 */
export function useRoundLiveUpdates(consultationId: string): LiveNotice | null {
  const refresh = useRefreshConsultation(consultationId);
  const [notice, setNotice] = useState<LiveNotice | null>(null);
  useConsultationEvents(
    consultationId,
    {
      [SERVER_EVENTS.ROUND_UPDATED]: (p: RoundUpdatedPayload) => {
        setNotice({ kind: 'round', change: p.change, number: p.round.number });
        refresh();
      },
      [SERVER_EVENTS.ROUND_CLOSING_SOON]: (p: RoundClosingSoonPayload) => {
        setNotice({ kind: 'closingSoon', number: p.round.number, minutesLeft: p.minutesLeft });
        refresh();
      },
      [SERVER_EVENTS.CONSULTATION_UPDATED]: (_p: ConsultationUpdatedPayload) => {
        setNotice({ kind: 'consultation' });
        refresh();
      },
    },
    refresh,
  );
  return notice;
}
