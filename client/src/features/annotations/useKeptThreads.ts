import { useState } from 'react';

const NONE: ReadonlySet<string> = new Set();

const sameIds = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((id) => b.has(id));

/**
 * The threads a filtered list keeps in view while someone replies in them (focus in the reply box, or text not
 * yet sent), even once they stop matching the filter: a thread resolved elsewhere would otherwise vanish from
 * under the person typing in it, who loses their place. A thread is kept from the moment someone replies in it
 * while it is in the list, until they stop (sent or cleared, and moved on) or pick another filter; from then on
 * it follows the filter. Returns the ids kept, matching or not.
 */
export function useKeptThreads(
  filter: string,
  matching: readonly string[],
  replying: ReadonlySet<string>,
): ReadonlySet<string> {
  const [kept, setKept] = useState({ filter, ids: NONE });
  const before = kept.filter === filter ? kept.ids : NONE;
  const ids = new Set([...before, ...matching].filter((id) => replying.has(id)));
  // Remembered for the next render, when a live update may have taken the thread out of `matching`.
  if (kept.filter !== filter || !sameIds(ids, kept.ids)) setKept({ filter, ids });
  return ids;
}
