import { describe, expect, it } from 'vitest';
import type { ConsultationRole, PlatformRole, RoundStatus, Visibility } from '../../../shared/domain.js';
import { type Action, type PolicyContext, decide } from './policy.js';
import type { Principal } from './principal.js';

/**
 * The whole matrix of `decide()`: every principal kind × every action × public/restricted × round
 * open/closed. ✓ = allowed; 401 = sign in first; 403 = refused; 409 = the round is closed.
 * Contexts: the subject of a role change is someone else; an organisation change is about an organisation the
 * principal does not administer; comments and threads belong to someone else (except "editOwn").
 */
const KINDS = ['ANON', 'AUTH', 'OBS', 'PART', 'CHAIR', 'SEC', 'ADMIN'] as const;
type Kind = (typeof KINDS)[number];
type Outcome = '✓' | '401' | '403' | '409';

const PUBLIC_OPEN = `
  action                        ANON  AUTH  OBS   PART  CHAIR SEC   ADMIN
  consultation.read             ✓     ✓     ✓     ✓     ✓     ✓     ✓
  draft.read                    ✓     ✓     ✓     ✓     ✓     ✓     ✓
  consultation.create           401   403   403   403   403   ✓     403
  consultation.manage           401   403   403   403   403   ✓     403
  round.manage                  401   403   403   403   403   ✓     403
  draft.edit                    401   403   403   403   403   ✓     403
  presence.broadcast            401   ✓     403   ✓     ✓     ✓     403
  thread.create                 401   ✓     403   ✓     ✓     ✓     403
  comment.reply                 401   ✓     403   ✓     ✓     ✓     403
  comment.editOwn               401   ✓     403   ✓     ✓     ✓     403
  comment.flag                  401   ✓     403   ✓     ✓     ✓     403
  thread.resolve                401   403   403   403   ✓     ✓     403
  position.take                 401   ✓     403   ✓     403   403   403
  tally.readHidden              401   403   403   403   403   ✓     403
  summary.edit                  401   403   403   403   ✓     403   403
  summary.publish               401   403   403   403   ✓     403   403
  moderate                      401   403   403   403   ✓     ✓     403
  roles.manage                  401   403   403   403   403   ✓     403
  organisations.verify          401   403   403   403   403   ✓     403
  organisation.propose          401   ✓     ✓     ✓     ✓     ✓     ✓
  organisation.manageMembers    401   403   403   403   403   ✓     403
  accounts.manage               401   403   403   403   403   403   ✓
  accounts.list                 401   403   403   403   403   ✓     ✓
  export.full                   401   403   403   403   403   ✓     403
  audit.readAll                 401   403   403   403   403   ✓     403
  audit.verify                  401   403   403   403   403   ✓     ✓
`;

/** Closed: every write into the round is 409 for everyone who may read; summaries and roles go on. */
const PUBLIC_CLOSED = `
  action                        ANON  AUTH  OBS   PART  CHAIR SEC   ADMIN
  consultation.read             ✓     ✓     ✓     ✓     ✓     ✓     ✓
  draft.read                    ✓     ✓     ✓     ✓     ✓     ✓     ✓
  consultation.create           401   403   403   403   403   ✓     403
  consultation.manage           401   403   403   403   403   ✓     403
  round.manage                  401   403   403   403   403   ✓     403
  draft.edit                    401   409   409   409   409   409   409
  presence.broadcast            401   403   403   403   403   403   403
  thread.create                 401   409   409   409   409   409   409
  comment.reply                 401   409   409   409   409   409   409
  comment.editOwn               401   409   409   409   409   409   409
  comment.flag                  401   409   409   409   409   409   409
  thread.resolve                401   409   409   409   409   409   409
  position.take                 401   409   409   409   409   409   409
  tally.readHidden              401   403   403   403   403   ✓     403
  summary.edit                  401   403   403   403   ✓     403   403
  summary.publish               401   403   403   403   ✓     403   403
  moderate                      401   409   409   409   409   409   409
  roles.manage                  401   403   403   403   403   ✓     403
  organisations.verify          401   403   403   403   403   ✓     403
  organisation.propose          401   ✓     ✓     ✓     ✓     ✓     ✓
  organisation.manageMembers    401   403   403   403   403   ✓     403
  accounts.manage               401   403   403   403   403   403   ✓
  accounts.list                 401   403   403   403   403   ✓     ✓
  export.full                   401   403   403   403   403   ✓     403
  audit.readAll                 401   403   403   403   403   ✓     403
  audit.verify                  401   403   403   403   403   ✓     ✓
`;

/** Restricted: only enrolled people and the secretariat get past the door; the admin is not enrolled. */
const RESTRICTED_OPEN = `
  action                        ANON  AUTH  OBS   PART  CHAIR SEC   ADMIN
  consultation.read             401   403   ✓     ✓     ✓     ✓     403
  draft.read                    401   403   ✓     ✓     ✓     ✓     403
  consultation.create           401   403   403   403   403   ✓     403
  consultation.manage           401   403   403   403   403   ✓     403
  round.manage                  401   403   403   403   403   ✓     403
  draft.edit                    401   403   403   403   403   ✓     403
  presence.broadcast            401   403   403   ✓     ✓     ✓     403
  thread.create                 401   403   403   ✓     ✓     ✓     403
  comment.reply                 401   403   403   ✓     ✓     ✓     403
  comment.editOwn               401   403   403   ✓     ✓     ✓     403
  comment.flag                  401   403   403   ✓     ✓     ✓     403
  thread.resolve                401   403   403   403   ✓     ✓     403
  position.take                 401   403   403   ✓     403   403   403
  tally.readHidden              401   403   403   403   403   ✓     403
  summary.edit                  401   403   403   403   ✓     403   403
  summary.publish               401   403   403   403   ✓     403   403
  moderate                      401   403   403   403   ✓     ✓     403
  roles.manage                  401   403   403   403   403   ✓     403
  organisations.verify          401   403   403   403   403   ✓     403
  organisation.propose          401   ✓     ✓     ✓     ✓     ✓     ✓
  organisation.manageMembers    401   403   403   403   403   ✓     403
  accounts.manage               401   403   403   403   403   403   ✓
  accounts.list                 401   403   403   403   403   ✓     ✓
  export.full                   401   403   403   403   403   ✓     403
  audit.readAll                 401   403   403   403   403   ✓     403
  audit.verify                  401   403   403   403   403   ✓     ✓
`;

const RESTRICTED_CLOSED = `
  action                        ANON  AUTH  OBS   PART  CHAIR SEC   ADMIN
  consultation.read             401   403   ✓     ✓     ✓     ✓     403
  draft.read                    401   403   ✓     ✓     ✓     ✓     403
  consultation.create           401   403   403   403   403   ✓     403
  consultation.manage           401   403   403   403   403   ✓     403
  round.manage                  401   403   403   403   403   ✓     403
  draft.edit                    401   403   409   409   409   409   403
  presence.broadcast            401   403   403   403   403   403   403
  thread.create                 401   403   409   409   409   409   403
  comment.reply                 401   403   409   409   409   409   403
  comment.editOwn               401   403   409   409   409   409   403
  comment.flag                  401   403   409   409   409   409   403
  thread.resolve                401   403   409   409   409   409   403
  position.take                 401   403   409   409   409   409   403
  tally.readHidden              401   403   403   403   403   ✓     403
  summary.edit                  401   403   403   403   ✓     403   403
  summary.publish               401   403   403   403   ✓     403   403
  moderate                      401   403   409   409   409   409   403
  roles.manage                  401   403   403   403   403   ✓     403
  organisations.verify          401   403   403   403   403   ✓     403
  organisation.propose          401   ✓     ✓     ✓     ✓     ✓     ✓
  organisation.manageMembers    401   403   403   403   403   ✓     403
  accounts.manage               401   403   403   403   403   403   ✓
  accounts.list                 401   403   403   403   403   ✓     ✓
  export.full                   401   403   403   403   403   ✓     403
  audit.readAll                 401   403   403   403   403   ✓     403
  audit.verify                  401   403   403   403   403   ✓     ✓
`;

/** Every action of the product; the compiler refuses this list when an action is added without a row. */
const EVERY_ACTION: Record<Action, true> = {
  'consultation.read': true,
  'consultation.create': true,
  'consultation.manage': true,
  'round.manage': true,
  'draft.read': true,
  'draft.edit': true,
  'presence.broadcast': true,
  'thread.create': true,
  'comment.reply': true,
  'comment.editOwn': true,
  'comment.flag': true,
  'thread.resolve': true,
  'position.take': true,
  'tally.readHidden': true,
  'summary.edit': true,
  'summary.publish': true,
  moderate: true,
  'roles.manage': true,
  'organisations.verify': true,
  'organisation.propose': true,
  'organisation.manageMembers': true,
  'accounts.manage': true,
  'accounts.list': true,
  'export.full': true,
  'audit.readAll': true,
  'audit.verify': true,
};

function parseTable(text: string): Map<Action, Record<Kind, Outcome>> {
  const [header, ...rows] = text.trim().split('\n');
  expect(header.trim().split(/\s+/).slice(1)).toEqual([...KINDS]);
  const table = new Map<Action, Record<Kind, Outcome>>();
  for (const row of rows) {
    const [action, ...cells] = row.trim().split(/\s+/);
    expect(cells, `row ${action}`).toHaveLength(KINDS.length);
    table.set(
      action as Action,
      Object.fromEntries(KINDS.map((k, i) => [k, cells[i]])) as Record<Kind, Outcome>,
    );
  }
  return table;
}

const OWN_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

function principalOf(kind: Kind): { principal: Principal | null; role: ConsultationRole | null } {
  if (kind === 'ANON') return { principal: null, role: null };
  const platformRole: PlatformRole = kind === 'SEC' ? 'secretariat' : kind === 'ADMIN' ? 'admin' : 'user';
  const role =
    kind === 'OBS' ? 'observer' : kind === 'PART' ? 'participant' : kind === 'CHAIR' ? 'chair' : null;
  return {
    principal: {
      userId: OWN_ID,
      sessionId: 'session',
      displayName: kind,
      platformRole,
      organisationId: 'org-of-principal',
      isFocalPoint: false,
      isOrgAdmin: true,
      membership: 'member_state',
    },
    role,
  };
}

function contextFor(action: Action, kind: Kind, visibility: Visibility, status: RoundStatus): PolicyContext {
  return {
    consultation: { visibility, participation: 'all_stakeholders' },
    role: principalOf(kind).role,
    round: { status, number: 1 },
    ownerId: action === 'comment.editOwn' ? OWN_ID : OTHER_ID,
    subjectId: OTHER_ID,
    organisation: { id: 'another-organisation' },
  };
}

const outcome = (d: ReturnType<typeof decide>): Outcome => (d.allowed ? '✓' : (String(d.status) as Outcome));

describe.each([
  ['public', 'open', PUBLIC_OPEN],
  ['public', 'closed', PUBLIC_CLOSED],
  ['restricted', 'open', RESTRICTED_OPEN],
  ['restricted', 'closed', RESTRICTED_CLOSED],
] as const)('decide() on a %s consultation with the round %s', (visibility, status, text) => {
  const table = parseTable(text);

  it('has a row for every action of the product', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(EVERY_ACTION).sort());
  });

  for (const kind of KINDS) {
    it(`answers ${kind} as the table says, with a message a person understands`, () => {
      const { principal } = principalOf(kind);
      const got: Record<string, Outcome> = {};
      const want: Record<string, Outcome> = {};
      for (const [action, row] of table) {
        const d = decide(principal, action, contextFor(action, kind, visibility, status));
        got[action] = outcome(d);
        want[action] = row[kind];
        if (!d.allowed) {
          expect(d.message.length, `${kind} ${action}`).toBeGreaterThan(10);
          if (d.status === 401) expect(d.message).toMatch(/^Sign in/);
          if (d.status === 409) expect(d.code).toBe('ROUND_CLOSED');
        }
      }
      expect(got).toEqual(want);
    });
  }
});

describe('decide() beyond the matrix', () => {
  const base = principalOf('PART').principal!;
  const publicCtx: PolicyContext = {
    consultation: { visibility: 'public', participation: 'members_only' },
    role: 'participant',
    round: { status: 'open' },
  };

  it('lets only members take positions in a members-only consultation; non-members still comment', () => {
    const nonMember = { ...base, membership: 'non_member' };
    expect(decide(nonMember, 'position.take', publicCtx)).toMatchObject({
      allowed: false,
      status: 403,
      message: expect.stringMatching(/Only ITU members take positions/),
    });
    expect(decide(nonMember, 'thread.create', publicCtx).allowed).toBe(true);
    expect(decide(base, 'position.take', publicCtx).allowed).toBe(true);
  });

  it('lets chairs take positions only where the consultation allows it', () => {
    const ctx: PolicyContext = { ...publicCtx, role: 'chair' };
    expect(decide(base, 'position.take', ctx).allowed).toBe(false);
    const allowing = { ...ctx, consultation: { ...ctx.consultation!, chairsMayTakePositions: true } };
    expect(decide(base, 'position.take', allowing).allowed).toBe(true);
  });

  it('refuses to change one’s own rights: secretariat roles, admin accounts, organisation standing', () => {
    const sec = principalOf('SEC').principal!;
    expect(decide(sec, 'roles.manage', { ...publicCtx, role: null, subjectId: sec.userId })).toMatchObject({
      allowed: false,
      status: 403,
      message: expect.stringMatching(/your own role/),
    });
    const admin = principalOf('ADMIN').principal!;
    expect(decide(admin, 'accounts.manage', { subjectId: admin.userId })).toMatchObject({
      allowed: false,
      status: 403,
    });
    const orgAdmin = { ...base, organisationId: 'org-1', isOrgAdmin: true };
    expect(
      decide(orgAdmin, 'organisation.manageMembers', {
        organisation: { id: 'org-1' },
        subjectId: orgAdmin.userId,
      }).allowed,
    ).toBe(false);
  });

  it('lets an organisation’s admin set the focal points of that organisation only', () => {
    const orgAdmin = { ...base, organisationId: 'org-1', isOrgAdmin: true };
    const ctx = (id: string): PolicyContext => ({ organisation: { id }, subjectId: OTHER_ID });
    expect(decide(orgAdmin, 'organisation.manageMembers', ctx('org-1')).allowed).toBe(true);
    expect(decide(orgAdmin, 'organisation.manageMembers', ctx('org-2')).allowed).toBe(false);
    expect(
      decide({ ...orgAdmin, isOrgAdmin: false }, 'organisation.manageMembers', ctx('org-1')).allowed,
    ).toBe(false);
  });

  it('gives the admin a consultation role only through an explicit grant', () => {
    const admin = principalOf('ADMIN').principal!;
    expect(decide(admin, 'thread.create', { ...publicCtx, role: null }).allowed).toBe(false);
    expect(decide(admin, 'thread.create', { ...publicCtx, role: 'participant' }).allowed).toBe(true);
  });
});
