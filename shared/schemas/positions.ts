import { z } from 'zod';
import { MEMBERSHIPS, REGIONS, STAKEHOLDER_GROUPS, STANCES, type Stance } from '../domain.js';

/**
 * Who speaks: the person in their own name, or the organisation through one of its focal points. One
 * organisation has one position per option, whichever focal point cast it last.
 */
export const CAPACITIES = ['personal', 'organisation'] as const;
export type Capacity = (typeof CAPACITIES)[number];

/** The two counting currencies of a tally: organisation positions and personal-capacity positions. */
export const CURRENCIES = ['organisations', 'people'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The ways a tally is broken down. */
export const BREAKDOWNS = ['group', 'membership', 'region'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** "all": every position; "members": only positions of ITU members (Member States, Sector Members…). */
export const TALLY_VIEWS = ['all', 'members'] as const;
export type TallyViewName = (typeof TALLY_VIEWS)[number];

/** The key under which a position without a group, membership or region is counted. */
export const UNSPECIFIED = 'unspecified';

/** Hard ceiling of the wire format; each consultation sets its own, lower, limit (rationaleMaxLength). */
export const RATIONALE_HARD_MAX = 20_000;

export const takePositionSchema = z.strictObject({
  stance: z.enum(STANCES),
  rationale: z.string().max(RATIONALE_HARD_MAX).default(''),
  preferred: z.boolean().default(false),
  capacity: z.enum(CAPACITIES).default('personal'),
});
export type TakePositionInput = z.input<typeof takePositionSchema>;

export const withdrawPositionSchema = z.strictObject({
  capacity: z.enum(CAPACITIES).default('personal'),
});

export const listPositionsSchema = z.strictObject({
  optionId: z.uuid().optional(),
  stance: z.enum(STANCES).optional(),
  group: z.enum([...STAKEHOLDER_GROUPS, UNSPECIFIED]).optional(),
  membership: z.enum([...MEMBERSHIPS, UNSPECIFIED]).optional(),
  region: z.enum([...REGIONS, UNSPECIFIED]).optional(),
  capacity: z.enum(CAPACITIES).optional(),
});
export type ListPositionsQuery = z.output<typeof listPositionsSchema>;

/** One current position, as listed, exported and frozen. */
export interface PositionView {
  id: string;
  roundId: string;
  optionId: string;
  /** `user:<id>` or `org:<id>`. */
  actorKey: string;
  capacity: Capacity;
  /** The person's display name, or the organisation's name. */
  actorName: string;
  organisationId: string | null;
  organisationName: string | null;
  stakeholderGroup: string | null;
  membership: string | null;
  country: string | null;
  region: string | null;
  stance: Stance;
  preferred: boolean;
  rationale: string;
  /** Who cast the current version (for an organisation: which focal point). */
  castById: string;
  castByName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A position in the rationales list, with how many discussion threads it has (open and resolved). */
export interface PositionListItem extends PositionView {
  threadCount: number;
}

export interface PositionListView {
  roundId: string;
  /** True when the consultation hides positions and tallies from this reader until the round closes. */
  hidden: boolean;
  items: PositionListItem[];
}

/** The caller's own positions in a round: personal ones, and their organisation's. */
export interface MyPositionsView {
  roundId: string;
  personal: PositionView[];
  organisation: PositionView[];
  /** Whether the caller may speak for an organisation here (is its focal point). */
  canSpeakForOrganisation: boolean;
  organisationName: string | null;
}

/** One version of a position, oldest first in a history. */
export interface PositionRevisionView {
  version: number;
  stance: Stance;
  rationale: string;
  preferred: boolean;
  withdrawn: boolean;
  castById: string;
  castByName: string;
  createdAt: string;
}

export interface PositionHistoryView {
  positionId: string;
  actorKey: string;
  revisions: PositionRevisionView[];
}

export type StanceCounts = Record<Stance, number>;

export interface TallyBreakdowns {
  total: StanceCounts;
  /** Breakdown name → category (e.g. "government", "europe", "unspecified") → counts. */
  by: Record<Breakdown, Record<string, StanceCounts>>;
}

export interface OptionTally {
  optionId: string;
  /** Currency → view ("all" stakeholders or ITU "members" only) → counts. */
  currencies: Record<Currency, Record<TallyViewName, TallyBreakdowns>>;
}

export type TalliesView =
  | {
      roundId: string;
      hidden: false;
      /** Grows with every committed change in the round: of two tallies, the higher version is the newer. */
      version: number;
      options: OptionTally[];
      computedAt: string;
    }
  | { roundId: string; hidden: true; reason: string };

/** Payload of `position.updated`: a hint to refetch lists; stances are never in it (tallies may be hidden). */
export interface PositionUpdatedEvent {
  consultationId: string;
  roundId: string;
  optionIds: string[];
  /** Set on the copy sent to the actor's own sockets (the person, or every member of the organisation). */
  yours?: true;
}

/** Payload of `tally.updated`: the new tallies, or only a hint when they are hidden from the public room. */
export type TallyUpdatedEvent =
  | { consultationId: string; roundId: string; hidden: false; tallies: TalliesView }
  | { consultationId: string; roundId: string; hidden: true };

export const emptyStanceCounts = (): StanceCounts => ({
  support: 0,
  support_with_changes: 0,
  neutral: 0,
  oppose: 0,
});
