import type { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * Awaits an event's listeners one after another. Listeners handed a transaction share its one connection:
 * EventEmitter2's `emitAsync` would start them together, their queries interleaved on one pg client (pg warns
 * now; pg 9 refuses). `afterEach` runs once each listener has finished (round.closing checks its section).
 */
export async function emitInOrder(
  events: EventEmitter2,
  name: string,
  event: unknown,
  afterEach?: () => void,
): Promise<void> {
  for (const listener of events.listeners(name)) {
    await (listener as (e: unknown) => unknown).call(events, event);
    afterEach?.();
  }
}
