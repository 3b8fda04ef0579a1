import { describe, expect, it } from 'vitest';
import { SESSION_HINT_COOKIE, parseSessionHint, sessionHintValue } from './session-hint.js';

describe('parseSessionHint', () => {
  it('finds the hint among other cookies and reads when the access cookie lapses', () => {
    const at = Date.UTC(2026, 0, 1, 12, 0, 0);
    const cookies = `lang=fr; ${SESSION_HINT_COOKIE}=${sessionHintValue(at + 999)}; other=1`;
    expect(parseSessionHint(cookies)).toEqual({ accessExpiresAt: at });
  });

  it('is null without the hint, or with an emptied one', () => {
    expect(parseSessionHint('')).toBeNull();
    expect(parseSessionHint(`x${SESSION_HINT_COOKIE}=1; lang=fr`)).toBeNull();
    expect(parseSessionHint(`${SESSION_HINT_COOKIE}=`)).toBeNull();
  });

  it('takes any other value as "a session may exist, lapsing when it says not"', () => {
    expect(parseSessionHint(`${SESSION_HINT_COOKIE}=yes`)).toEqual({ accessExpiresAt: null });
    expect(parseSessionHint(`${SESSION_HINT_COOKIE}=1e99`)).toEqual({ accessExpiresAt: null });
  });
});
