import type { TFunction } from 'i18next';
import type { NotificationView } from '../../../../shared/schemas/annotations';

/** The key of a notification's line in the `notifications` namespace, or null when its parts are missing. */
function lineKey({ kind, params: p }: NotificationView): string | null {
  if (p.hiddenReason !== undefined) return 'hidden';
  switch (kind) {
    case 'mention':
    case 'reply':
      if (!p.actor || p.excerpt === undefined) return null;
      if (kind === 'reply' && p.onPosition) return 'reply_position';
      return p.quote ? `${kind}_quote` : kind;
    case 'resolved':
    case 'reopened':
      if (!p.actor) return null;
      return p.quote ? `${kind}_quote` : kind;
    case 'round_closing_soon':
      return p.roundNumber !== undefined && p.minutesLeft !== undefined ? kind : null;
    case 'round_closed':
      return p.roundNumber !== undefined ? kind : null;
    case 'summary_published':
      if (p.roundNumber === undefined) return null;
      return (p.version ?? 1) > 1 ? 'summary_published_corrected' : kind;
    default:
      return null;
  }
}

/**
 * A notification's line in the reader's language, composed from its kind and parts. The server's English
 * text (which e-mails use) stands in for a notification stored before it carried its parts.
 */
export function notificationLine(t: TFunction<'notifications'>, n: NotificationView): string {
  const key = lineKey(n);
  // The minutes before a round closes are the one count among the parts: it picks the line's plural form.
  return key ? t(`line.${key}`, { ...n.params, count: n.params.minutesLeft }) : n.text;
}
