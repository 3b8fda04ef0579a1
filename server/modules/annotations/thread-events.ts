import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { SERVER_EVENTS, consultationRoom, userRoom } from '../../../shared/events.js';
import type { ThreadChangedPayload } from '../../../shared/schemas/annotations.js';
import { LIVE_EVENT, LiveEvent } from '../realtime/live-event.js';

/**
 * Announces a committed change to everyone viewing the consultation. The payload is a hint (ids and what
 * changed), never a body: clients refetch through HTTP, where the policy decides what each viewer may read,
 * so a hidden comment never reaches the public room.
 */
@Injectable()
export class ThreadEvents {
  constructor(private readonly events: EventEmitter2) {}

  announce(consultationId: string, change: Omit<ThreadChangedPayload, 'at'>) {
    const name =
      change.commentId && change.change !== 'created'
        ? SERVER_EVENTS.COMMENT_UPDATED
        : SERVER_EVENTS.THREAD_UPDATED;
    const payload: ThreadChangedPayload = { ...change, at: new Date().toISOString() };
    this.events.emit(LIVE_EVENT, new LiveEvent(consultationRoom(consultationId), name, payload));
  }

  /** For the moderators' eyes only (a flag): to each moderator's own sockets, not the consultation's room. */
  announceToModerators(moderatorIds: string[], change: Omit<ThreadChangedPayload, 'at'>) {
    const payload: ThreadChangedPayload = { ...change, at: new Date().toISOString() };
    for (const id of moderatorIds) {
      this.events.emit(LIVE_EVENT, new LiveEvent(userRoom(id), SERVER_EVENTS.COMMENT_UPDATED, payload));
    }
  }
}
