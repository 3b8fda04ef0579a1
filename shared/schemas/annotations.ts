import { z } from 'zod';
import type {
  AnchorStatus,
  CommentState,
  Stance,
  StakeholderGroup,
  ThreadStatus,
  ThreadTarget,
} from '../domain.js';

/** A comment body is plain text: 1–10,000 characters after trimming. It is never interpreted as HTML. */
export const COMMENT_MAX_LENGTH = 10_000;
export const FLAG_REASON_MAX_LENGTH = 1_000;
export const MAX_MENTIONS = 20;

const body = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'must not be empty')
  .max(COMMENT_MAX_LENGTH, `must be at most ${COMMENT_MAX_LENGTH.toLocaleString('en')} characters`)
  // NUL and other C0 controls (except tab and newline) have no place in a comment and break text search.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(v), 'contains control characters');

const mentions = z
  .array(z.uuid({ message: 'must be user ids' }))
  .max(MAX_MENTIONS, `at most ${MAX_MENTIONS} people can be mentioned at once`)
  .default([]);

/** A relative position as base64 of `Y.encodeRelativePosition`; decoded and resolved by the server. */
const relativePosition = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'is too long')
  .regex(/^[A-Za-z0-9+/=]+$/, 'must be base64');

export const anchorInputSchema = z.strictObject({
  start: relativePosition,
  end: relativePosition,
  /** What the client saw between the positions; the server checks it against its own copy. */
  quote: z.strictObject({
    exact: z.string().min(1, 'must not be empty').max(COMMENT_MAX_LENGTH, 'is too long'),
    prefix: z.string().max(200).default(''),
    suffix: z.string().max(200).default(''),
  }),
});
export type AnchorInput = z.infer<typeof anchorInputSchema>;

export const createThreadSchema = z
  .strictObject({
    target: z.enum(['passage', 'option', 'round', 'position'], {
      message: 'must be passage, option, round or position',
    }),
    optionId: z.uuid({ message: 'must be an option id' }).optional(),
    /** The position (a stance with its rationale) a `position` thread discusses. */
    positionId: z.uuid({ message: 'must be a position id' }).optional(),
    anchor: anchorInputSchema.optional(),
    body,
    mentions,
  })
  .superRefine((v, ctx) => {
    if (v.target === 'passage' && !v.anchor)
      ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'is required for a passage' });
    if (v.target !== 'passage' && v.anchor)
      ctx.addIssue({ code: 'custom', path: ['anchor'], message: 'is only for a passage' });
    if (v.target === 'option' && !v.optionId)
      ctx.addIssue({ code: 'custom', path: ['optionId'], message: 'is required for an option thread' });
    if (v.target !== 'option' && v.optionId)
      ctx.addIssue({ code: 'custom', path: ['optionId'], message: 'is only for an option thread' });
    if (v.target === 'position' && !v.positionId)
      ctx.addIssue({ code: 'custom', path: ['positionId'], message: 'is required for a position thread' });
    if (v.target !== 'position' && v.positionId)
      ctx.addIssue({ code: 'custom', path: ['positionId'], message: 'is only for a position thread' });
  });
export type CreateThreadInput = z.infer<typeof createThreadSchema>;

export const replySchema = z.strictObject({ body, mentions });
export type ReplyInput = z.infer<typeof replySchema>;

export const editCommentSchema = z.strictObject({ body, mentions });
export type EditCommentInput = z.infer<typeof editCommentSchema>;

export const threadStatusSchema = z.strictObject({
  status: z.enum(['open', 'resolved'], { message: 'must be open or resolved' }),
});

export const flagCommentSchema = z.strictObject({
  reason: z
    .string({ message: 'is required' })
    .trim()
    .min(3, 'must say why (at least 3 characters)')
    .max(FLAG_REASON_MAX_LENGTH, `must be at most ${FLAG_REASON_MAX_LENGTH} characters`),
});

export const moderationDecisionSchema = z.strictObject({
  /** Shown publicly in place of a hidden comment and in the moderation log. */
  reason: z
    .string({ message: 'is required' })
    .trim()
    .min(3, 'must give a public reason (at least 3 characters)')
    .max(FLAG_REASON_MAX_LENGTH, `must be at most ${FLAG_REASON_MAX_LENGTH} characters`),
});

export const listThreadsQuerySchema = z.strictObject({
  /** Only threads changed after this instant (a reconnecting client's last seen `asOf`). */
  since: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
});

export const searchCommentsQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(200, 'is too long'),
  status: z.enum(['open', 'resolved']).optional(),
  optionId: z.uuid({ message: 'must be an option id' }).optional(),
  group: z
    .enum(['government', 'private_sector', 'civil_society', 'intergovernmental', 'academic_technical'])
    .optional(),
});

export const notificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
});

export const markReadSchema = z.strictObject({
  /** Ids to mark read; omitted means all of them. */
  ids: z.array(z.uuid()).max(500).optional(),
});

// ---- Views ----

export interface PersonView {
  id: string;
  displayName: string;
  organisation: string | null;
  stakeholderGroup: StakeholderGroup | null;
}

export interface CommentView {
  id: string;
  threadId: string;
  author: PersonView | null;
  /** Null when withdrawn, or hidden and the viewer is not a moderator. */
  body: string | null;
  state: CommentState;
  /** Written by the secretariat or a chair. */
  official: boolean;
  editedAt: string | null;
  createdAt: string;
  hiddenReason: string | null;
  mentions: { id: string; displayName: string }[];
  /** Open flags, for moderators only (0 for everyone else). */
  openFlags: number;
}

export interface AnchorView {
  quote: { exact: string; prefix: string; suffix: string };
  start: string;
  end: string;
  status: AnchorStatus;
  /** The passage as it reads now (absent when orphaned). */
  currentText: string | null;
  /** Plain-text offsets now, to order threads by position. */
  from: number | null;
  to: number | null;
}

export interface ThreadView {
  id: string;
  consultationId: string;
  roundId: string;
  target: ThreadTarget;
  /** The option discussed; for a position thread, the option the position is on. */
  optionId: string | null;
  positionId: string | null;
  /** What a position thread discusses, as it stands now (null for other targets). */
  position: PositionSummary | null;
  status: ThreadStatus;
  anchor: AnchorView | null;
  author: PersonView | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedBy: PersonView | null;
  carriedFrom: { threadId: string; roundId: string; roundNumber: number } | null;
  comments: CommentView[];
}

/** The position a thread discusses: whose it is and where it stands. */
export interface PositionSummary {
  id: string;
  optionId: string;
  stance: Stance;
  actorName: string;
  capacity: 'personal' | 'organisation';
  withdrawn: boolean;
}

export interface ThreadListView {
  threads: ThreadView[];
  /** Pass back as `since` after a reconnect to get what changed meanwhile. */
  asOf: string;
}

export interface CommentSearchHit {
  comment: CommentView;
  threadId: string;
  threadStatus: ThreadStatus;
  optionId: string | null;
  quote: string | null;
  /** A short excerpt around the match, plain text. */
  excerpt: string;
  rank: number;
}

export interface ModerationQueueItem {
  comment: CommentView;
  roundId: string;
  flags: { id: string; reason: string; createdAt: string; by: PersonView | null }[];
}

export interface ModerationLogEntry {
  id: string;
  action: 'hide' | 'unhide';
  commentId: string;
  roundId: string;
  reason: string;
  moderator: { id: string; displayName: string } | null;
  createdAt: string;
}

export const NOTIFICATION_KINDS = [
  'reply',
  'mention',
  'resolved',
  'reopened',
  'round_closing_soon',
  'round_closed',
  'summary_published',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The parts of a notification's line, by kind; older notifications may lack some. */
export interface NotificationParams {
  /** Who did it (reply, mention, resolved, reopened). */
  actor?: string;
  /** The start of the comment (reply, mention). */
  excerpt?: string;
  /** The start of the passage the thread is on, when it is on a passage. */
  quote?: string;
  /** A reply that opened a thread on the reader's own position. */
  onPosition?: boolean;
  roundNumber?: number;
  minutesLeft?: number;
  /** The summary's version (summary_published). */
  version?: number;
  /** The comment was hidden by the moderators, for this reason: its words are gone from the notification. */
  hiddenReason?: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  consultationId: string | null;
  roundId: string | null;
  threadId: string | null;
  commentId: string | null;
  /** Short plain-text line in English, e.g. who replied and where (also the email's text). */
  text: string;
  /** What the line is made of, for a client to say it in the reader's language. */
  params: NotificationParams;
  readAt: string | null;
  createdAt: string;
}

/** Payload of `thread.updated` / `comment.updated`: a hint to refetch, never a hidden body. */
export interface ThreadChangedPayload {
  roundId: string;
  threadId: string;
  commentId?: string;
  change:
    | 'created'
    | 'replied'
    | 'edited'
    | 'withdrawn'
    | 'resolved'
    | 'reopened'
    | 'hidden'
    | 'unhidden'
    | 'flagged';
  at: string;
}
