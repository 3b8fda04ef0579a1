/**
 * Colours for carets and the presence list. Each carries the white caret label text at 4.5:1 or more (WCAG
 * AA for small text; presence-colours.spec checks it), and they are ordered so that neighbours differ in hue:
 * a person whose usual colour is taken gets the next one.
 */
export const PRESENCE_COLOURS = [
  '#1f6feb',
  '#b35900',
  '#8250df',
  '#0a7d38',
  '#cf222e',
  '#0b6e99',
  '#9a6700',
  '#bf3989',
  '#1b3a8c',
  '#00796b',
  '#5e6b00',
  '#8c1d3f',
  '#2e4a1e',
  '#701880',
  '#6b4423',
  '#705888',
] as const;

/** Where a person's usual colour sits in the palette, from their id: the same on every node and every visit. */
export function usualColourIndex(userId: string): number {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % PRESENCE_COLOURS.length;
}

/**
 * A newcomer's colour: their usual one unless someone else shows it, then the next free one. With more
 * people present than colours, colours are shared again, and each newcomer takes their usual one.
 */
export function colourAmong(userId: string, taken: ReadonlySet<string>): string {
  const usual = usualColourIndex(userId);
  for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
    const colour = PRESENCE_COLOURS[(usual + i) % PRESENCE_COLOURS.length];
    if (!taken.has(colour)) return colour;
  }
  return PRESENCE_COLOURS[usual];
}
