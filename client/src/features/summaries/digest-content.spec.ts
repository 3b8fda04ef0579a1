import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import type { DivergenceView, DigestView, ParticipationView } from '../../../../shared/schemas/summaries';
import { translator } from '../../i18n/testing';
import { digestContent, disagreementSentence } from './digest-content';

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

/** The paragraphs under the digest's "Participation" heading. */
function participation(lng: string, counts: Partial<ParticipationView>): string[] {
  const t = translator(lng, 'summaries');
  const blocks = digestContent(digest(counts), t).content!;
  const heading = blocks.findIndex((b) => b.type === 'heading' && textOf(b) === t('digest.participation'));
  return blocks.slice(heading + 1).map(textOf);
}

/** Every group and region heard from, so that only the counts' sentences are said. */
const everyone = {
  byGroup: {
    government: 1,
    private_sector: 1,
    civil_society: 1,
    intergovernmental: 1,
    academic_technical: 1,
  },
  byRegion: { africa: 1, americas: 1, arab_states: 1, asia_pacific: 1, cis: 1, europe: 1 },
};

describe('digestContent participation', () => {
  it('says how many people took part, how many of them commented and how many took positions', () => {
    expect(
      participation('en', {
        ...everyone,
        participants: 10,
        organisations: 7,
        commenters: 5,
        comments: 7,
        positionHolders: 8,
      }),
    ).toEqual([
      '10 people from 7 organisations took part.',
      '5 people commented (7 comments).',
      '8 people took positions.',
    ]);
  });

  it('gives each count its own plural', () => {
    const one = { ...everyone, participants: 1, organisations: 1, commenters: 1, comments: 1 };
    expect(participation('en', { ...one, positionHolders: 1 })).toEqual([
      '1 person from 1 organisation took part.',
      '1 person commented (1 comment).',
      '1 person took a position.',
    ]);
    expect(
      participation('ru', { ...everyone, participants: 2, organisations: 21, commenters: 2, comments: 5 }),
    ).toEqual([
      '2 человека из 21 организации приняли участие.',
      '2 человека оставили комментарии (5 комментариев).',
      'Никто не занял позицию.',
    ]);
    expect(
      participation('fr', { ...everyone, participants: 2, organisations: 1, positionHolders: 2 }),
    ).toEqual([
      '2 personnes de 1 organisation ont participé.',
      'Personne n’a commenté.',
      '2 personnes ont pris position.',
    ]);
  });

  it('says when participants spoke for no organisation', () => {
    expect(participation('en', { ...everyone, participants: 2, positionHolders: 2 })[0]).toBe(
      '2 people with no organisation took part.',
    );
  });

  it('says so when no one took part, and nothing more', () => {
    expect(participation('en', {})).toEqual(['No one has commented or taken a position.']);
  });

  it('names the stakeholder groups and regions nobody from took part', () => {
    const said = participation('en', {
      participants: 3,
      commenters: 3,
      comments: 3,
      byGroup: { government: 2, civil_society: 1 },
      byRegion: { europe: 1, africa: 1, unspecified: 1 },
    });
    expect(said).toContain(
      'Stakeholder groups not heard from: Private sector, Intergovernmental and international organisations, and Academic and technical community.',
    );
    expect(said).toContain('Regions not heard from: Americas, Arab States, Asia-Pacific, and CIS.');
  });

  it('gives the five most active commenters’ share only when the server counts it', () => {
    const many = { ...everyone, participants: 8, commenters: 8, comments: 9 };
    expect(participation('en', { ...many, topFiveWordShare: 0.8929 })).toContain(
      'The five most active contributors wrote 89% of all comment words.',
    );
    expect(participation('en', many).join(' ')).not.toContain('most active');
  });
});

describe('disagreementSentence', () => {
  const diverging: DivergenceView = {
    currency: 'organisations',
    groups: [],
    diverges: true,
    clauses: [
      { leaning: 'support', groups: ['government', 'intergovernmental'] },
      { leaning: 'oppose', groups: ['civil_society'] },
    ],
  };

  it('says that stakeholder groups disagree, and which lean which way, in the reader’s language', () => {
    expect(disagreementSentence(diverging, translator('en', 'summaries'))).toBe(
      'Among organisations, stakeholder groups disagree: Government and Intergovernmental and international organisations mostly in support; Civil society mostly opposed.',
    );
    expect(disagreementSentence({ ...diverging, currency: 'people' }, translator('fr', 'summaries'))).toBe(
      'Parmi les personnes s’exprimant en leur nom propre, les groupes de parties prenantes divergent : Gouvernement et Organisations intergouvernementales et internationales plutôt favorables ; Société civile plutôt opposés.',
    );
  });
});
