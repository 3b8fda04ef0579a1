import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { DigestView, ParticipationView } from '../../../../shared/schemas/summaries';
import { translator } from '../../i18n/testing';
import { digestContent } from './digest-content';

function digest(participation: Partial<ParticipationView>): DigestView {
  return {
    roundId: 'r',
    consultationId: 'c',
    roundNumber: 1,
    roundStatus: 'closed',
    generatedAt: '2026-01-01T00:00:00Z',
    talliesHidden: false,
    options: [],
    mostDiscussedPassages: [],
    openThreads: [],
    orphanedThreads: [],
    participation: {
      participants: 0,
      commenters: 0,
      positionHolders: 0,
      organisations: 0,
      byGroup: {},
      byRegion: {},
      comments: 0,
      commentWords: 0,
      topFiveWordShare: null,
      topContributors: [],
      ...participation,
    },
  };
}

const textOf = (node: JSONContent): string => node.text ?? (node.content ?? []).map(textOf).join('');

/** The sentence under the digest's "Participation" heading. */
function participation(lng: string, counts: Partial<ParticipationView>): string {
  const t = translator(lng, 'summaries');
  const blocks = digestContent(digest(counts), t).content!;
  const heading = blocks.findIndex((b) => b.type === 'heading' && textOf(b) === t('digest.participation'));
  return textOf(blocks[heading + 1]);
}

describe('digestContent participation', () => {
  it('counts organisations and comments in the singular when there is one of each', () => {
    expect(participation('en', { participants: 1, organisations: 1, comments: 1 })).toBe(
      '1 participant from 1 organisation wrote 1 comment.',
    );
  });

  it('gives each count its own plural, whatever the number of participants', () => {
    expect(participation('en', { participants: 3, organisations: 1, comments: 1 })).toBe(
      '3 participants from 1 organisation wrote 1 comment.',
    );
    expect(participation('en', { participants: 1, organisations: 2, comments: 5 })).toBe(
      '1 participant from 2 organisations wrote 5 comments.',
    );
    expect(participation('ru', { participants: 2, organisations: 21, comments: 5 })).toBe(
      '2 участника из 21 организации написали 5 комментариев.',
    );
    expect(participation('fr', { participants: 2, organisations: 1, comments: 0 })).toBe(
      '2 participants de 1 organisation ont écrit 0 commentaire.',
    );
  });

  it('says when participants spoke for no organisation, or wrote no comment', () => {
    expect(participation('en', { participants: 2, organisations: 0, comments: 0 })).toBe(
      '2 participants with no organisation wrote no comments.',
    );
  });

  it('says so when no one took part', () => {
    expect(participation('en', {})).toBe('No one has commented or taken a position.');
  });
});
