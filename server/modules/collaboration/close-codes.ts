/**
 * WebSocket close codes of the /collab endpoint. y-websocket treats 4400–4499 as permanent (it stops
 * reconnecting and emits `closed`), and everything else as transient. So a code says whether a reconnect
 * can help: bad credentials or a broken client stay closed; a restart or reset reconnects by itself.
 */
export const CLOSE = {
  /** Server shutting down: reconnect to another node or after the restart (transient). */
  GOING_AWAY: { code: 1001, reason: 'server going away' },
  /** ws itself closes with this when a frame exceeds COLLAB_MAX_MESSAGE_BYTES (transient by the spec). */
  TOO_LARGE: { code: 1009, reason: 'message too large' },
  /** Loading or storing the document failed: try again later (transient). */
  INTERNAL: { code: 1011, reason: 'internal error' },
  /** The document was reset on the server (e.g. a write refused after closing): resync from scratch. */
  RESET: { code: 1012, reason: 'document reset' },
  /** Empty, truncated, unknown-type or otherwise malformed binary message. */
  MALFORMED: { code: 4400, reason: 'malformed message' },
  /** Missing, forged or expired credential, or the session ended. */
  UNAUTHENTICATED: { code: 4401, reason: 'unauthenticated' },
  /** The principal may not read this document (or lost the right to). */
  FORBIDDEN: { code: 4403, reason: 'forbidden' },
  /** No such document (bad name or unknown round). */
  NOT_FOUND: { code: 4404, reason: 'document not found' },
  /** No message for COLLAB_IDLE_TIMEOUT_MS, or authentication did not finish in time. */
  IDLE: { code: 4408, reason: 'idle timeout' },
  /** A text frame: the protocol is binary only. */
  TEXT_FRAME: { code: 4415, reason: 'text frames are not supported' },
  /** Too many messages per second, or the pre-authentication queue overflowed. */
  RATE_LIMITED: { code: 4429, reason: 'rate limit exceeded' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];
