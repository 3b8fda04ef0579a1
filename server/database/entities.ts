import { AuditEvent } from '../modules/audit/audit-event.entity.js';
import { CommentRevision } from '../modules/annotations/comment-revision.entity.js';
import { Comment } from '../modules/annotations/comment.entity.js';
import { Thread } from '../modules/annotations/thread.entity.js';
import { CommentFlag } from '../modules/moderation/comment-flag.entity.js';
import { ModerationAction } from '../modules/moderation/moderation-action.entity.js';
import { EmailOutbox } from '../modules/notifications/email-outbox.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { DocSnapshot } from '../modules/collaboration/persistence/doc-snapshot.entity.js';
import { DocUpdate } from '../modules/collaboration/persistence/doc-update.entity.js';
import { DocVersion } from '../modules/collaboration/persistence/doc-version.entity.js';
import { ConsultationRoleGrant } from '../modules/consultations/consultation-role.entity.js';
import { Consultation } from '../modules/consultations/consultation.entity.js';
import { ConsultationOption } from '../modules/consultations/option.entity.js';
import { PositionRevision } from '../modules/positions/position-revision.entity.js';
import { Position } from '../modules/positions/position.entity.js';
import { Organisation } from '../modules/organisations/organisation.entity.js';
import { RoundOption } from '../modules/rounds/round-option.entity.js';
import { Round } from '../modules/rounds/round.entity.js';
import { SummaryVersion } from '../modules/summaries/summary-version.entity.js';
import { User } from '../modules/users/user.entity.js';

/** Listed by class, not glob, so the same list works compiled and under vitest. */
export const ENTITIES = [
  Organisation,
  User,
  Session,
  Consultation,
  ConsultationOption,
  ConsultationRoleGrant,
  Round,
  RoundOption,
  AuditEvent,
  Position,
  PositionRevision,
  DocUpdate,
  DocSnapshot,
  DocVersion,
  SummaryVersion,
  Thread,
  Comment,
  CommentRevision,
  CommentFlag,
  ModerationAction,
  Notification,
  EmailOutbox,
];
