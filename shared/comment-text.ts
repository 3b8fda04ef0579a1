/**
 * How a comment body is shown: plain text in which only http(s) and mailto links become links. The client
 * renders the parts as React text and <a> elements (never as HTML), with line breaks kept by CSS, so
 * `<script>` is shown as the characters it is and `javascript:` never becomes a link.
 */
export type CommentPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A URL runs until whitespace or a character that rarely ends one; trailing punctuation is left outside.
const LINK = /\b(?:https?:\/\/[^\s<>"'`]+|mailto:[^\s<>"'`@]+@[^\s<>"'`]+)/gi;
const TRAILING = /[.,;:!?)\]}'"’”»]+$/;

export function commentParts(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const m of body.matchAll(LINK)) {
    let url = m[0];
    const trail = TRAILING.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trail.length);
    const href = safeHref(url);
    if (!href) continue;
    const start = m.index;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}

/** The URL re-serialised by the URL parser if its protocol is http, https or mailto; otherwise null. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}
