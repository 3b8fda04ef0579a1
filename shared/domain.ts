/**
 * Vocabulary both sides agree on. Values are stored as-is in the database and sent on the wire,
 * so renaming one is a migration, not a refactor.
 */

/** WSIS / Tunis Agenda stakeholder groups. */
export const STAKEHOLDER_GROUPS = [
  'government',
  'private_sector',
  'civil_society',
  'intergovernmental',
  'academic_technical',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** ITU membership categories; `non_member` takes part too. */
export const MEMBERSHIPS = ['member_state', 'sector_member', 'associate', 'academia', 'non_member'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];

/** ITU administrative regions. */
export const REGIONS = ['africa', 'americas', 'arab_states', 'asia_pacific', 'cis', 'europe'] as const;
export type Region = (typeof REGIONS)[number];

/** Platform-wide roles. The secretariat runs consultations; the admin manages accounts only. */
export const PLATFORM_ROLES = ['user', 'secretariat', 'admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Roles a person holds within one consultation. */
export const CONSULTATION_ROLES = ['chair', 'participant', 'observer'] as const;
export type ConsultationRole = (typeof CONSULTATION_ROLES)[number];

export const VISIBILITIES = ['public', 'restricted'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Who may take positions: everyone, or ITU members only (non-members then read and comment). */
export const PARTICIPATION = ['all_stakeholders', 'members_only'] as const;
export type Participation = (typeof PARTICIPATION)[number];

/** A round only moves forward: scheduled → open → closed. */
export const ROUND_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** What a reader sees for a whole consultation, derived from its rounds. */
export const CONSULTATION_STATUSES = ['upcoming', 'open', 'closed', 'concluded'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const STANCES = ['support', 'support_with_changes', 'neutral', 'oppose'] as const;
export type Stance = (typeof STANCES)[number];

export const THREAD_TARGETS = ['passage', 'option', 'round', 'position'] as const;
export type ThreadTarget = (typeof THREAD_TARGETS)[number];

export const THREAD_STATUSES = ['open', 'resolved'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const COMMENT_STATES = ['visible', 'hidden', 'withdrawn'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

/**
 * A thread whose every comment was withdrawn takes no more replies: nobody stands behind anything in it to
 * answer. Its tombstones stay, for the record. The server refuses such a reply and the client offers none.
 */
export const closedToReplies = (comments: readonly { state: CommentState }[]) =>
  comments.length > 0 && comments.every((c) => c.state === 'withdrawn');

export const ANCHOR_STATUSES = ['exact', 'moved', 'orphaned'] as const;
export type AnchorStatus = (typeof ANCHOR_STATUSES)[number];

/** Error codes a client can branch on; the message beside them is for people. */
export const ERROR_CODES = {
  ROUND_CLOSED: 'ROUND_CLOSED',
  VALIDATION: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A reply to a thread whose every comment was withdrawn (`closedToReplies`). */
  THREAD_WITHDRAWN: 'THREAD_WITHDRAWN',
  /** A write based on a version of a record that has changed since (someone else saved first). */
  STALE_VERSION: 'STALE_VERSION',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** The rule a field broke, in words a client can translate: "required", "too short (limit 10)"… */
export type FieldRule = 'required' | 'too_short' | 'too_long' | 'format' | 'invalid';

/** One field a 400 names: which one, which rule it broke, and the English sentence for other consumers. */
export interface FieldIssue {
  /** The field's path in the request body, dotted ("email", "options.0.label"). */
  field: string;
  rule: FieldRule;
  /** The bound of a too_short or too_long rule, in characters. */
  limit?: number;
  message: string;
}

/** The JSON body of every error answer, HTTP or socket.io acknowledgement. */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
  /** On a 400: the fields at fault, so a form can mark them and say what is wrong in its own language. */
  fields?: FieldIssue[];
  requestId?: string;
}

/** Yjs document names: one draft and one summary per round. */
export const draftDocName = (roundId: string) => `round.${roundId}.draft`;
export const summaryDocName = (roundId: string) => `round.${roundId}.summary`;
