import { commentParts } from '../../../../shared/comment-text';

/**
 * A comment body as React text: never HTML. Only http(s) and mailto URLs become links; line breaks are kept
 * by CSS (`white-space: pre-wrap`).
 */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment-body" dir="auto">
      {commentParts(body).map((p, i) =>
        p.kind === 'link' ? (
          <a key={i} href={p.href} rel="noopener noreferrer nofollow ugc" target="_blank">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}
