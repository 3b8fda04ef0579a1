import { describe, expect, it } from 'vitest';
import type { NotificationView } from '../../../../shared/schemas/annotations';
import { translator } from '../../i18n/testing';
import { notificationLine } from './notification-line';

const closingSoon = (minutesLeft: number): NotificationView => ({
  id: 'n',
  kind: 'round_closing_soon',
  consultationId: 'c',
  roundId: 'r',
  threadId: null,
  commentId: null,
  text: `Round 2 closes in ${minutesLeft} min`,
  params: { roundNumber: 2, minutesLeft },
  readAt: null,
  createdAt: '2026-01-01T00:00:00Z',
});

describe('notificationLine', () => {
  it('counts the minutes before a round closes with the plural of the reader’s language', () => {
    const en = translator('en', 'notifications');
    expect(notificationLine(en, closingSoon(1))).toBe('Round 2 closes in 1 minute');
    expect(notificationLine(en, closingSoon(30))).toBe('Round 2 closes in 30 minutes');
    const ar = translator('ar', 'notifications');
    expect(notificationLine(ar, closingSoon(3))).toBe('تُغلق الجولة 2 بعد 3 دقائق');
    const ru = translator('ru', 'notifications');
    expect(notificationLine(ru, closingSoon(5))).toBe('Раунд 2 закроется через 5 минут');
  });
});
