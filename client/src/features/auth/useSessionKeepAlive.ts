import { useEffect } from 'react';
import { refreshSession } from '../../api/http';
import { getSocket } from '../../realtime/socket';

/** A little under the access token's 15 minutes, so the cookie the socket presents is never stale. */
const REFRESH_EVERY_MS = 10 * 60 * 1000;

/**
 * socket.io hands the server the session cookie only when it (re)connects, and the browser drops the access
 * cookie when its token expires. While someone is signed in, the access cookie is renewed before that, and
 * again as soon as the connection drops, so an automatic reconnection comes back signed in rather than
 * as an anonymous reader. Not when the server closed the socket itself: socket.io does not reconnect then,
 * and the server does so when the session has ended, which a refresh could only hear refused.
 */
export function useSessionKeepAlive(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn) return;
    const timer = setInterval(() => void refreshSession(), REFRESH_EVERY_MS);
    const s = getSocket();
    const onDisconnect = (reason: string) => {
      if (reason !== 'io client disconnect' && reason !== 'io server disconnect') void refreshSession();
    };
    s.on('disconnect', onDisconnect);
    return () => {
      clearInterval(timer);
      s.off('disconnect', onDisconnect);
    };
  }, [signedIn]);
}
