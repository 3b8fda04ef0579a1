import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(
      canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('writes dates as ISO strings and drops undefined fields', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05Z'), gone: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.000Z"}',
    );
  });
});
