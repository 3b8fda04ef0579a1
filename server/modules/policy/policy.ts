import { HttpStatus } from '@nestjs/common';
import {
  ERROR_CODES,
  type ConsultationRole,
  type Participation,
  type RoundStatus,
  type Visibility,
} from '../../../shared/domain.js';
import type { Principal } from './principal.js';

/** Every action of the product that someone may or may not do. */
export type Action =
  | 'consultation.read'
  | 'consultation.create'
  | 'consultation.manage'
  | 'round.manage'
  | 'draft.read'
  | 'draft.edit'
  | 'presence.broadcast'
  | 'thread.create'
  | 'comment.reply'
  | 'comment.editOwn'
  | 'comment.flag'
  | 'thread.resolve'
  | 'position.take'
  | 'tally.readHidden'
  | 'summary.edit'
  | 'summary.publish'
  | 'moderate'
  | 'roles.manage'
  | 'organisations.verify'
  | 'organisation.propose'
  | 'organisation.manageMembers'
  | 'accounts.manage'
  | 'export.full'
  | 'audit.readAll'
  | 'audit.verify'
  | 'accounts.list';

/** What the policy needs to know about the resource acted on. */
export interface PolicyContext {
  consultation?: { visibility: Visibility; participation: Participation; chairsMayTakePositions?: boolean };
  /** The principal's role in this consultation, if enrolled. */
  role?: ConsultationRole | null;
  round?: { status: RoundStatus; number?: number };
  /** For actions on one's own content. */
  ownerId?: string | null;
  /** The person a role or membership change is about (nobody changes their own rights). */
  subjectId?: string;
  /** The organisation acted on (focal points, members). */
  organisation?: { id: string };
}

export type Decision = { allowed: true } | { allowed: false; status: number; code: string; message: string };

const allow: Decision = { allowed: true };
const deny = (status: number, code: string, message: string): Decision => ({
  allowed: false,
  status,
  code,
  message,
});
const needSignIn = (what: string) =>
  deny(HttpStatus.UNAUTHORIZED, ERROR_CODES.UNAUTHENTICATED, `Sign in to ${what}`);
const refuse = (message: string) => deny(HttpStatus.FORBIDDEN, ERROR_CODES.FORBIDDEN, message);

/** Actions that write into a round: all refused once the round is closed. */
const ROUND_WRITES = new Set<Action>([
  'draft.edit',
  'thread.create',
  'comment.reply',
  'comment.editOwn',
  'comment.flag',
  'thread.resolve',
  'position.take',
  'moderate',
]);

const isMember = (p: Principal) => !!p.membership && p.membership !== 'non_member';

/**
 * The one answer to "may this principal do this action here?". HTTP guards, socket.io handlers and the
 * collaboration socket all call it, so a rule changed here changes on every door.
 * Matrix: shared/reference/reliability-anchors.md §3, with one product decision: on a public consultation
 * every signed-in stakeholder takes part (an implicit participant) unless enrolled with another role.
 */
export function decide(principal: Principal | null, action: Action, ctx: PolicyContext = {}): Decision {
  const c = ctx.consultation;
  const isSecretariat = principal?.platformRole === 'secretariat';
  // The admin runs accounts, not consultations: no implicit participation (an explicit grant is audited).
  const isAdmin = principal?.platformRole === 'admin';
  const role: ConsultationRole | null =
    ctx.role ??
    (principal && c?.visibility === 'public' && !isSecretariat && !isAdmin ? 'participant' : null);

  // Platform-level actions, not tied to a consultation.
  if (action === 'accounts.manage') {
    if (!principal) return needSignIn('manage accounts');
    if (principal.platformRole !== 'admin') return refuse('Only a platform administrator manages accounts');
    return ctx.subjectId === principal.userId
      ? refuse('You cannot change your own role or disable your own account; ask another administrator')
      : allow;
  }
  if (action === 'audit.verify') {
    if (!principal) return needSignIn('verify the audit log');
    return isSecretariat || principal.platformRole === 'admin'
      ? allow
      : refuse('Only the secretariat and platform administrators verify the audit log');
  }
  if (action === 'accounts.list') {
    if (!principal) return needSignIn('list accounts');
    return principal.platformRole === 'admin' || isSecretariat
      ? allow
      : refuse('Only the secretariat and administrators list accounts');
  }
  if (action === 'organisation.propose') {
    return principal ? allow : needSignIn('propose an organisation');
  }
  if (action === 'organisation.manageMembers') {
    if (!principal) return needSignIn('manage an organisation');
    const isOrgAdmin =
      !!principal.isOrgAdmin && !!ctx.organisation && principal.organisationId === ctx.organisation.id;
    if (ctx.subjectId === principal.userId && !isSecretariat)
      return refuse('You cannot change your own standing in an organisation');
    return isSecretariat || isOrgAdmin
      ? allow
      : refuse('Only the secretariat or the organisation’s admin may set its focal points');
  }
  if (action === 'organisations.verify') {
    if (!principal) return needSignIn('verify organisations');
    return isSecretariat ? allow : refuse('Only the secretariat verifies organisations');
  }
  if (action === 'consultation.create') {
    if (!principal) return needSignIn('create a consultation');
    return isSecretariat ? allow : refuse('Only the secretariat creates consultations');
  }

  // Reading.
  const canRead = c?.visibility === 'public' || isSecretariat || (!!principal && !!ctx.role);
  if (action === 'consultation.read' || action === 'draft.read') {
    if (canRead) return allow;
    return principal
      ? refuse('This consultation is restricted to enrolled participants')
      : needSignIn('read this consultation');
  }
  if (!canRead) {
    return principal
      ? refuse('This consultation is restricted to enrolled participants')
      : needSignIn('take part');
  }
  if (!principal) return needSignIn('take part');

  if (ROUND_WRITES.has(action) && ctx.round?.status === 'closed') {
    return deny(
      HttpStatus.CONFLICT,
      ERROR_CODES.ROUND_CLOSED,
      `Round${ctx.round.number ? ` ${ctx.round.number}` : ''} is closed: its draft, threads and positions are frozen on record`,
    );
  }
  // A closed round's draft is on record: read, not attended. Nobody appears "here" on it.
  if (action === 'presence.broadcast' && ctx.round?.status === 'closed') {
    return refuse('A closed round’s draft is on record: nobody is present on it');
  }
  if (ROUND_WRITES.has(action) && ctx.round && ctx.round.status !== 'open' && action !== 'draft.edit') {
    return deny(HttpStatus.CONFLICT, ERROR_CODES.CONFLICT, 'This round is not open yet');
  }

  switch (action) {
    case 'roles.manage':
      if (!isSecretariat) return refuse('Only the secretariat manages roles in a consultation');
      return ctx.subjectId === principal.userId
        ? refuse('You cannot change your own role; ask another member of the secretariat')
        : allow;
    case 'consultation.manage':
    case 'round.manage':
    case 'draft.edit':
    case 'export.full':
    case 'audit.readAll':
      return isSecretariat ? allow : refuse('Only the secretariat may do this');
    case 'presence.broadcast':
      return isSecretariat || role === 'chair' || role === 'participant'
        ? allow
        : refuse('Observers and readers are silent');
    case 'thread.create':
    case 'comment.reply':
    case 'comment.flag':
      return isSecretariat || role === 'chair' || role === 'participant'
        ? allow
        : refuse('Only participants, chairs and the secretariat may comment');
    case 'comment.editOwn':
      if (ctx.ownerId && ctx.ownerId !== principal.userId)
        return refuse('You may only change your own comments');
      return isSecretariat || role === 'chair' || role === 'participant'
        ? allow
        : refuse('You may not comment here');
    case 'thread.resolve':
      return isSecretariat || role === 'chair' || (!!ctx.ownerId && ctx.ownerId === principal.userId)
        ? allow
        : refuse('Only the secretariat, the chairs and the thread’s author may resolve it');
    case 'position.take':
      if (isSecretariat) return refuse('The secretariat takes no positions');
      if (role === 'chair' && !c?.chairsMayTakePositions)
        return refuse('Chairs are neutral and take no positions');
      if (role !== 'participant' && role !== 'chair') return refuse('Only participants take positions');
      if (c?.participation === 'members_only' && !isMember(principal)) {
        return refuse(
          'Only ITU members take positions in this consultation; non-members may read and comment',
        );
      }
      return allow;
    case 'tally.readHidden':
      return isSecretariat ? allow : refuse('Tallies are hidden until the round closes');
    case 'summary.edit':
    case 'summary.publish':
      return role === 'chair' ? allow : refuse('Only the chairs of this consultation may do this');
    case 'moderate':
      return isSecretariat || role === 'chair'
        ? allow
        : refuse('Only the secretariat and the chairs moderate');
    default:
      return refuse('Not allowed');
  }
}
