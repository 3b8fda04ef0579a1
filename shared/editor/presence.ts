/** Colours with enough contrast on white, for carets and the presence list. */
const COLOURS = ['#1f6feb', '#b35900', '#8250df', '#0a7d38', '#cf222e', '#0b6e99', '#9a6700', '#bf3989'];

/**
 * A person's colour, from their id. The server writes it into awareness (no client chooses a colour, so
 * none can inject CSS: F-A5); the client computes the same for its own entry, which the server never echoes.
 */
export function colourOf(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLOURS[h % COLOURS.length];
}
