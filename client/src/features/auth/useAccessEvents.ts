import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { SERVER_EVENTS } from '../../../../shared/events';
import { refreshSession, sessionHint } from '../../api/http';
import { getSocket } from '../../realtime/socket';
import { signOutKey, useIdentityChanged } from './api';

/** How long the browser may take to apply a sign-out's answer after the socket has said the session ended. */
const SIGN_OUT_ANSWER_WAIT_MS = 2000;

/**
 * The session ended (signed out in another tab, or elsewhere): the browser must lose its dead cookies before
 * anything is asked again, or each request would carry them and be answered 401. A sign-out in another tab of
 * this browser clears them with its own answer, which lands just after the socket's word; otherwise a refresh
 * does it (one refused refresh, whose answer clears them).
 */
async function dropEndedSession(): Promise<void> {
  const until = Date.now() + SIGN_OUT_ANSWER_WAIT_MS;
  while (sessionHint() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  if (sessionHint()) await refreshSession();
}

/**
 * The server says this person's rights changed (a role granted or removed, an organisation verified): refetch
 * everything, since what may be seen or done has changed. Or that the session ended: once its cookies are
 * gone, the identity changed (the socket the server closed reconnects as whoever this browser is now).
 */
export function useAccessEvents(signedIn: boolean) {
  const qc = useQueryClient();
  const identityChanged = useIdentityChanged();
  useEffect(() => {
    if (!signedIn) return;
    const s = getSocket();
    const refetch = () => void qc.invalidateQueries();
    const ended = () => {
      // A sign-out made in this tab does its own round once answered (useSignOut): a second would reconnect
      // the socket again after waiting for the cookie.
      if (qc.isMutating({ mutationKey: signOutKey }) > 0) return;
      void dropEndedSession().then(identityChanged);
    };
    s.on(SERVER_EVENTS.ACCESS_CHANGED, refetch);
    s.on(SERVER_EVENTS.SESSION_ENDED, ended);
    return () => {
      s.off(SERVER_EVENTS.ACCESS_CHANGED, refetch);
      s.off(SERVER_EVENTS.SESSION_ENDED, ended);
    };
    // identityChanged is a new function each render, and does the same thing each time.
  }, [qc, signedIn]);
}
