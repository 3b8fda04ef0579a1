import type { JSONContent } from '@tiptap/core';
import type { TFunction } from 'i18next';
import { REGIONS, STAKEHOLDER_GROUPS, STANCES } from '../../../../shared/domain';
import { hasPositions } from '../positions/stances';
import type {
  DigestOptionView,
  DigestView,
  DivergenceView,
  ParticipationView,
} from '../../../../shared/schemas/summaries';

const text = (s: string): JSONContent => ({ type: 'text', text: s });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const heading = (level: number, s: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(s)],
});
const bullets = (items: JSONContent[][]): JSONContent => ({
  type: 'bulletList',
  content: items.map((content) => ({ type: 'listItem', content: [paragraph(...content)] })),
});
const cite = (kind: 'position' | 'comment' | 'thread', id: string, label: string): JSONContent => ({
  type: 'citation',
  attrs: { kind, id, label },
});

/** Nobody has taken a position on an option: "yet" while the round is open. */
export const noPositions = (d: DigestView, t: TFunction<'summaries'>) =>
  t(d.roundStatus === 'closed' ? 'digest.noPositionsClosed' : 'digest.noPositions');

/**
 * One option's totals in a sentence: each stance's count of organisations and of people, or, where nobody
 * has taken a position on it at all, a sentence that says so rather than a row of eight zeros.
 */
function optionTotals(d: DigestView, option: DigestOptionView, t: TFunction<'summaries'>): string {
  if (!hasPositions(option.tally)) return noPositions(d, t);
  const organisations = option.tally.currencies.organisations.all.total;
  const people = option.tally.currencies.people.all.total;
  const figures = (counts: typeof people) =>
    STANCES.map((s) => `${t(`positions:stance.${s}`)} ${counts[s]}`).join(', ');
  return t('digest.totals', { organisations: figures(organisations), people: figures(people) });
}

/** A stakeholder group's name: the one label the charts, citations and digest all use. */
const groupLabel = (group: string, t: TFunction<'summaries'>) => t(`positions:group.${group}`);

/**
 * Where stakeholder groups disagree on an option, in the reader's language: "Among organisations,
 * stakeholder groups disagree: Government mostly in support; Civil society mostly opposed."
 */
export function disagreementSentence(d: DivergenceView, t: TFunction<'summaries'>): string {
  const clauses = d.clauses.map((c) =>
    t('digest.clause', {
      groups: c.groups.map((g) => groupLabel(g, t)),
      leaning: t(`leanings.${c.leaning}`),
    }),
  );
  return t(`digest.disagree.${d.currency}`, { clauses: clauses.join(t('digest.clauseSeparator')) });
}

/**
 * Who took part, saying what was counted: the people who commented or took a position, then each of the two
 * apart (most who take positions never comment); and how concentrated the written input is, where the server
 * found that worth saying. One sentence only when nobody took part.
 */
export function participationSentences(p: ParticipationView, t: TFunction<'summaries'>): string[] {
  const took = t('digest.participants', {
    count: p.participants,
    organisations: t('digest.fromOrganisations', { count: p.organisations }),
  });
  if (p.participants === 0) return [took];
  return [
    took,
    t('digest.commenters', {
      count: p.commenters,
      comments: t('digest.commentCount', { count: p.comments }),
    }),
    t('digest.positionHolders', { count: p.positionHolders }),
    ...(p.topFiveWordShare === null
      ? []
      : [t('digest.concentration', { share: Math.round(p.topFiveWordShare * 100) })]),
  ];
}

/**
 * The stakeholder groups and regions nobody from took part, one sentence per breakdown with anyone missing:
 * who the summary cannot speak for. None when nobody took part at all (one sentence already says so).
 */
export function notHeardFromSentences(p: ParticipationView, t: TFunction<'summaries'>): string[] {
  if (p.participants === 0) return [];
  const groups = STAKEHOLDER_GROUPS.filter((g) => !p.byGroup[g]);
  const regions = REGIONS.filter((r) => !p.byRegion[r]);
  return [
    ...(groups.length
      ? [t('digest.notHeardFrom.group', { names: groups.map((g) => groupLabel(g, t)) })]
      : []),
    ...(regions.length
      ? [t('digest.notHeardFrom.region', { names: regions.map((r) => t(`positions:region.${r}`)) })]
      : []),
  ];
}

/**
 * The digest as editor content, in the chair's language: the starting point the chairs rewrite. Rationales
 * and threads come in as citations, so the published text links back to the contributions behind it.
 */
export function digestContent(d: DigestView, t: TFunction<'summaries'>): JSONContent {
  const content: JSONContent[] = [heading(2, t('digest.heading', { number: d.roundNumber }))];
  for (const option of d.options) {
    content.push(heading(3, option.label));
    content.push(paragraph(text(optionTotals(d, option, t))));
    for (const div of option.divergence.filter((x) => x.diverges))
      content.push(paragraph(text(disagreementSentence(div, t))));
    const rationales = STANCES.flatMap((s) => option.rationales[s]);
    if (rationales.length)
      content.push(
        bullets(
          rationales.map((r) => [
            text(
              `${t(`positions:stance.${r.stance}`)} — ${r.organisationName ?? r.actorName}: “${r.rationale}” `,
            ),
            cite('position', r.positionId, r.organisationName ?? r.actorName),
          ]),
        ),
      );
  }
  if (d.mostDiscussedPassages.length) {
    content.push(heading(3, t('digest.passages')));
    content.push(
      bullets(
        d.mostDiscussedPassages.map((p) => [
          text(`“${p.quote}” — ${t('digest.threadCount', { count: p.threads })} `),
          cite('thread', p.threadIds[0], t('digest.thread')),
        ]),
      ),
    );
  }
  if (d.openThreads.length || d.orphanedThreads.length) {
    content.push(heading(3, t('digest.openThreads')));
    content.push(
      paragraph(
        text(t('digest.openAndOrphaned', { open: d.openThreads.length, orphaned: d.orphanedThreads.length })),
      ),
    );
  }
  content.push(heading(3, t('digest.participation')));
  for (const sentence of [
    ...participationSentences(d.participation, t),
    ...notHeardFromSentences(d.participation, t),
  ])
    content.push(paragraph(text(sentence)));
  return { type: 'doc', content };
}
