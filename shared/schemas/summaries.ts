import { z } from 'zod';
import type { Stance } from '../domain.js';
import type { OptionTally, Currency } from './positions.js';

/**
 * Stances collapse into three leanings for the divergence rule: "support with changes" still supports.
 * A group leans one way when MORE THAN HALF of its positions on an option share that leaning; otherwise it is
 * divided. Two groups diverge when both lean and their leanings differ.
 */
export const LEANINGS = ['support', 'neutral', 'oppose'] as const;
export type Leaning = (typeof LEANINGS)[number];
export const leaningOf = (stance: Stance): Leaning =>
  stance === 'support' || stance === 'support_with_changes' ? 'support' : stance;

/** How many representative rationales per stance: at most one per stakeholder group. */
export const MOST_DISCUSSED_PASSAGES = 10;
/** Concentration: the share of all comment words written by this many top contributors. */
export const TOP_CONTRIBUTORS = 5;

export interface GroupLeaning {
  group: string;
  positions: number;
  /** null: no leaning has more than half of the group's positions ("divided"). */
  leaning: Leaning | null;
}

/** The stakeholder groups that lean one way, where groups disagree. */
export interface DivergenceClause {
  leaning: Leaning;
  groups: string[];
}

export interface DivergenceView {
  currency: Currency;
  groups: GroupLeaning[];
  /** True when at least two groups lean in different directions. */
  diverges: boolean;
  /** Where groups diverge, one clause per leaning (support, oppose, neutral); empty otherwise. */
  clauses: DivergenceClause[];
}

export interface RepresentativeRationale {
  positionId: string;
  stance: Stance;
  capacity: 'personal' | 'organisation';
  actorName: string;
  organisationName: string | null;
  stakeholderGroup: string | null;
  region: string | null;
  rationale: string;
  updatedAt: string;
}

export interface DigestOptionView {
  optionId: string;
  label: string;
  /** Exactly what `GET /api/rounds/:id/tallies` answers for this option (same query code). */
  tally: OptionTally;
  divergence: DivergenceView[];
  /**
   * Per stance, one rationale per stakeholder group: the longest one (ties: the most recently updated, then
   * the lowest id), so the choice is deterministic and favours the most developed argument.
   */
  rationales: Record<Stance, RepresentativeRationale[]>;
}

export interface DiscussedPassageView {
  /** The passage as it was quoted when its first thread was opened. */
  quote: string;
  threads: number;
  comments: number;
  threadIds: string[];
}

export interface DigestThreadView {
  id: string;
  target: string;
  status: 'open' | 'resolved';
  quote: string | null;
  anchorStatus: 'exact' | 'moved' | 'orphaned' | null;
  comments: number;
  /** The opening visible comment, shortened. */
  excerpt: string | null;
}

export interface ParticipationView {
  /** Distinct people who commented (visible comments) or took a position. */
  participants: number;
  commenters: number;
  positionHolders: number;
  organisations: number;
  byGroup: Record<string, number>;
  byRegion: Record<string, number>;
  comments: number;
  commentWords: number;
  /**
   * Share (0–1) of all comment words written by the top five contributors; null while no more than five
   * people have commented, when the five would trivially have written everything.
   */
  topFiveWordShare: number | null;
  topContributors: { name: string; words: number }[];
}

export interface DigestView {
  roundId: string;
  consultationId: string;
  roundNumber: number;
  roundStatus: string;
  generatedAt: string;
  /** True when the consultation hides positions from this reader until the round closes: no options then. */
  talliesHidden: boolean;
  options: DigestOptionView[];
  mostDiscussedPassages: DiscussedPassageView[];
  openThreads: DigestThreadView[];
  orphanedThreads: DigestThreadView[];
  participation: ParticipationView;
}

/** What a citation in the summary points at. */
export const CITATION_KINDS = ['position', 'comment', 'thread'] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

export interface CitationView {
  kind: CitationKind;
  id: string;
  roundId: string;
  consultationId: string;
  /** visible, or hidden by moderation / withdrawn by its author (then no quote nor author is given). */
  state: 'visible' | 'hidden' | 'withdrawn' | 'missing';
  quote: string | null;
  author: string | null;
  organisation: string | null;
  stakeholderGroup: string | null;
  /** For a position: its stance and option. */
  stance?: Stance;
  optionLabel?: string;
}

export const citationSearchSchema = z.strictObject({
  q: z.string().trim().max(200).default(''),
});

/** A contribution the chairs may cite, as data: the client words it in the reader's language. */
export interface CitationCandidate {
  kind: CitationKind;
  id: string;
  /** The first characters of the rationale or comment. */
  excerpt: string;
  author: string | null;
  organisation: string | null;
  /** For a position: its stance and option. */
  stance?: Stance;
  optionLabel?: string;
}

export const publishSummarySchema = z.strictObject({
  /** Why this version: required from the second version on ("corrected the tally of option B"). */
  changeNote: z.string().trim().max(2000).default(''),
  /** The language of the few words the server writes into the frozen text (references, moderation notes). */
  language: z.enum(['ar', 'zh', 'en', 'fr', 'ru', 'es']).default('en'),
});
export type PublishSummaryInput = z.input<typeof publishSummarySchema>;

export interface SummaryVersionMeta {
  roundId: string;
  consultationId: string;
  number: number;
  changeNote: string;
  publishedAt: string;
  publishedBy: string | null;
  /** SHA-256 (hex) of canonicalJson({ roundId, number, changeNote, publishedAt, document, markdown, html }). */
  sha256: string;
}

export interface SummaryVersionView extends SummaryVersionMeta {
  html: string;
  markdown: string;
  /** The frozen ProseMirror JSON, citations resolved into their attributes. */
  document: unknown;
}

/** Payload of `summary.published` on the consultation room. */
export interface SummaryPublishedEvent {
  consultationId: string;
  roundId: string;
  number: number;
}

/** The archive's list: public consultations with at least one closed round. */
export interface ArchiveRoundView {
  roundId: string;
  number: number;
  closedAt: string | null;
  closingDigest: string | null;
  summaryVersions: number;
}

export interface ArchiveEntryView {
  consultationId: string;
  title: string;
  question: string;
  rounds: ArchiveRoundView[];
}

export interface ClosingDraftView {
  roundId: string;
  number: number;
  closedAt: string;
  /** The draft's plain text as sealed in the closing record, one line per block. */
  text: string;
  /** The same draft with its structure, rendered on the server by an allowlist (escaped text, safe links). */
  html: string;
}

export const EXPORT_FORMAT_VERSION = 1;
export const exportScopeSchema = z.strictObject({
  /** `full` (secretariat only) includes hidden comments, marked hidden, with the moderation reason. */
  scope: z.enum(['public', 'full']).default('public'),
});
/** Response header giving the number of items (lines) the export will stream, for progress bars. */
export const EXPORT_ITEMS_HEADER = 'x-export-items';
