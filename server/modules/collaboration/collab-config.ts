import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.service.js';

/** The collaboration server's limits and timings, in one place (env: COLLAB_*). */
@Injectable()
export class CollabConfig {
  readonly maxMessageBytes: number;
  readonly idleTimeoutMs: number;
  readonly unloadGraceMs: number;
  readonly messagesPerSecond: number;
  /** Messages held while a connection authenticates (Hocuspocus caps this too: F-M6). */
  readonly preAuthQueueMessages = 100;
  readonly preAuthQueueBytes = 2 * 1024 * 1024;
  readonly authDeadlineMs = 10_000;
  readonly pingIntervalMs = 30_000;
  readonly ticketTtlSeconds = 60;
  /** Awareness messages per second per connection; more are dropped (not closed): cursors are lossy. */
  readonly awarenessPerSecond = 20;
  readonly maxAwarenessStateBytes = 2048;
  /** How long bare presence renewals are gathered before they are relayed (clients drop a state after 30 s). */
  readonly presenceRenewalWindowMs: number;
  /** Presence changes of a document are relayed at most this often (see PresenceOutbox). */
  readonly presenceChangeIntervalMs: number;
  /** Compact once this many rows wait in the update log. */
  readonly compactAfterRows = 500;
  /** A live document is compacted once it has had no new commit for this long (or its log is 8× the threshold). */
  readonly compactWhenQuietMs = 2000;
  /** With Redis: how often a loaded document checks PostgreSQL for rows it missed on the bus. */
  readonly catchUpIntervalMs = 10_000;

  constructor(config: AppConfig) {
    this.maxMessageBytes = config.get('COLLAB_MAX_MESSAGE_BYTES');
    this.idleTimeoutMs = config.get('COLLAB_IDLE_TIMEOUT_MS');
    this.unloadGraceMs = config.get('COLLAB_UNLOAD_GRACE_MS');
    this.messagesPerSecond = config.get('COLLAB_MESSAGES_PER_SECOND');
    this.presenceRenewalWindowMs = config.get('COLLAB_PRESENCE_RENEWAL_WINDOW_MS');
    this.presenceChangeIntervalMs = config.get('COLLAB_PRESENCE_CHANGE_INTERVAL_MS');
  }
}
