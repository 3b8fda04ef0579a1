import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import { getSocket } from '../../realtime/socket';

/**
 * The server says this person's rights changed (a role granted or removed, an organisation verified) or that
 * the session ended: refetch everything, since what may be seen or done has changed.
 */
export function useAccessEvents(signedIn: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const s = getSocket();
    const refetch = () => void qc.invalidateQueries();
    s.on(SERVER_EVENTS.ACCESS_CHANGED, refetch);
    s.on(SERVER_EVENTS.SESSION_ENDED, refetch);
    return () => {
      s.off(SERVER_EVENTS.ACCESS_CHANGED, refetch);
      s.off(SERVER_EVENTS.SESSION_ENDED, refetch);
    };
  }, [qc, signedIn]);
}
