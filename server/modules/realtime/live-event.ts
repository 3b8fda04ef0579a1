export const LIVE_EVENT = 'live';

/**
 * A change to announce over socket.io, emitted on the in-process event bus *after* the transaction that made
 * it committed. Domain services emit these; only the realtime gateway touches sockets.
 */
export class LiveEvent {
  constructor(
    readonly room: string,
    readonly name: string,
    readonly payload: unknown,
  ) {}
}
