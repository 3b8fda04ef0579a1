import { describe, expect, it } from 'vitest';
import { colourAmong, PRESENCE_COLOURS, usualColourIndex } from './presence-colours.js';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('presence colours', () => {
  it('each carries the white caret label text at AA contrast (4.5:1), and no two are the same', () => {
    for (const colour of PRESENCE_COLOURS) {
      expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(PRESENCE_COLOURS).size).toBe(PRESENCE_COLOURS.length);
  });

  it('gives a newcomer their usual colour, the next free one when it is taken, their usual one when all are', () => {
    const usual = usualColourIndex('someone');
    const next = (n: number) => PRESENCE_COLOURS[(usual + n) % PRESENCE_COLOURS.length];
    expect(colourAmong('someone', new Set())).toBe(next(0));
    expect(colourAmong('someone', new Set([next(0), next(1)]))).toBe(next(2));
    expect(colourAmong('someone', new Set(PRESENCE_COLOURS))).toBe(next(0));
  });
});
