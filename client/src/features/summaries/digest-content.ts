import type { JSONContent } from '@tiptap/core';
import type { TFunction } from 'i18next';
import { STANCES } from '../../../../shared/domain';
import { hasPositions } from '../positions/stances';
import type { DigestOptionView, DigestView, ParticipationView } from '../../../../shared/schemas/summaries';

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

/**
 * One option's totals in a sentence: each stance's count of organisations and of people, or, where nobody
 * has taken a position on it at all, a sentence that says so rather than a row of eight zeros.
 */
export function optionTotals(d: DigestView, option: DigestOptionView, t: TFunction<'summaries'>): string {
  if (!hasPositions(option.tally))
    return t(d.roundStatus === 'closed' ? 'digest.noPositionsClosed' : 'digest.noPositions');
  const organisations = option.tally.currencies.organisations.all.total;
  const people = option.tally.currencies.people.all.total;
  const figures = (counts: typeof people) =>
    STANCES.map((s) => `${t(`stances.${s}`)} ${counts[s]}`).join(', ');
  return t('digest.totals', { organisations: figures(organisations), people: figures(people) });
}

/**
 * Who took part, in a sentence where each count has its own plural ("1 participant from 2 organisations wrote
 * 1 comment"), or one saying nobody did.
 */
export function participationSentence(p: ParticipationView, t: TFunction<'summaries'>): string {
  return t('digest.participants', {
    count: p.participants,
    organisations: t('digest.fromOrganisations', { count: p.organisations }),
    comments: t('digest.commentCount', { count: p.comments }),
  });
}

/**
 * The digest as editor content, in the chair's language: the starting point the chairs rewrite. Rationales
 * and threads come in as citations, so the published text links back to the contributions behind it.
 */
export function digestContent(d: DigestView, t: TFunction<'summaries'>): JSONContent {
  const group = (g: string) => t(`groups.${g}`, { defaultValue: g });
  const content: JSONContent[] = [heading(2, t('digest.heading', { number: d.roundNumber }))];
  for (const option of d.options) {
    content.push(heading(3, option.label));
    content.push(paragraph(text(optionTotals(d, option, t))));
    for (const div of option.divergence.filter((x) => x.diverges)) {
      const clauses = div.groups
        .filter((g) => g.leaning)
        .map((g) => t('digest.leaning', { group: group(g.group), leaning: t(`leanings.${g.leaning}`) }));
      content.push(paragraph(text(`${t(`currencies.${div.currency}`)}: ${clauses.join('; ')}.`)));
    }
    const rationales = STANCES.flatMap((s) => option.rationales[s]);
    if (rationales.length)
      content.push(
        bullets(
          rationales.map((r) => [
            text(`${t(`stances.${r.stance}`)} — ${r.organisationName ?? r.actorName}: “${r.rationale}” `),
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
  const p = d.participation;
  content.push(heading(3, t('digest.participation')));
  content.push(paragraph(text(participationSentence(p, t))));
  if (p.topFiveWordShare !== null)
    content.push(paragraph(text(t('digest.concentration', { share: Math.round(p.topFiveWordShare * 100) }))));
  return { type: 'doc', content };
}
