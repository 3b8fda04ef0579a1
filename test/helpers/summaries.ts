import request from 'supertest';
import * as Y from 'yjs';
import { anchorFromOffsets } from '../../shared/anchoring/anchor.js';
import { draftFragment, plainText } from '../../shared/anchoring/plain-text.js';
import { draftDocName } from '../../shared/domain.js';
import { CollabDocuments } from '../../server/modules/collaboration/collab-documents.service.js';
import { yjsStateFromProseMirror } from '../../server/modules/collaboration/draft-content.js';
import type { Round } from '../../server/modules/rounds/round.entity.js';
import {
  createConsultation,
  createOrganisation,
  createRound,
  createUser,
  grantRole,
  type SignedInUser,
} from './factories.js';
import { putPosition } from './positions.js';
import type { TestApp } from './test-app.js';
import { roundsApi } from './rounds-client.js';
import { openThread } from './threads.js';

export const DRAFT = [
  'Article 1. The group on Internet issues reports to the Council every year.',
  'Article 2. Every stakeholder group may attend its meetings and submit contributions.',
  'Article 3. Its terms of reference are reviewed at each Plenipotentiary Conference.',
];

/** Writes text paragraphs the way Tiptap stores them: <paragraph> elements holding XmlText. */
export function paragraphs(fragment: Y.XmlFragment, texts: string[], at = fragment.length) {
  fragment.insert(
    at,
    texts.map((p) => {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText(p)]);
      return el;
    }),
  );
}

export interface SummaryFixture {
  consultationId: string;
  optionIds: string[];
  round: Round;
  chair: SignedInUser;
  chair2: SignedInUser;
  sec: SignedInUser;
  govA: SignedInUser;
  govB: SignedInUser;
  civil: SignedInUser;
  academic: SignedInUser;
  /** Threads and comments by name. */
  threads: Record<string, string>;
  comments: Record<string, string>;
  hiddenBody: string;
  withdrawnBody: string;
}

/**
 * A round with a draft, passage and option threads, comments (one hidden by a chair, one withdrawn by its
 * author) and positions by governments (supporting) and civil society (opposing), all through the real API.
 */
export async function seedDiscussedRound(
  t: TestApp,
  opts: { close?: boolean } = {},
): Promise<SummaryFixture> {
  const sec = await createUser(t, { platformRole: 'secretariat', displayName: 'Sam Secretariat' });
  const chair = await createUser(t, { displayName: 'Chair One' });
  const chair2 = await createUser(t, { displayName: 'Chair Two' });
  const gov1 = await createOrganisation(t, {
    name: 'Ministry of Digital Affairs',
    stakeholderGroup: 'government',
    region: 'europe',
  });
  const gov2 = await createOrganisation(t, {
    name: 'Telecom Regulator',
    stakeholderGroup: 'government',
    region: 'africa',
    country: 'KE',
  });
  const cs = await createOrganisation(t, {
    name: 'Open Net Coalition',
    stakeholderGroup: 'civil_society',
    membership: 'non_member',
    region: 'americas',
    country: 'BR',
  });
  const ac = await createOrganisation(t, {
    name: 'Institute of Networks',
    stakeholderGroup: 'academic_technical',
    membership: 'academia',
    region: 'asia_pacific',
    country: 'JP',
  });
  const govA = await createUser(t, {
    displayName: 'Grace Gov',
    organisationId: gov1.id,
    isFocalPoint: true,
    stakeholderGroup: 'government',
    region: 'europe',
  });
  const govB = await createUser(t, {
    displayName: 'Gabriel Gov',
    organisationId: gov2.id,
    isFocalPoint: true,
    stakeholderGroup: 'government',
    region: 'africa',
  });
  const civil = await createUser(t, {
    displayName: 'Carla Civil',
    organisationId: cs.id,
    isFocalPoint: true,
    stakeholderGroup: 'civil_society',
    region: 'americas',
  });
  const academic = await createUser(t, {
    displayName: 'Ada Academic',
    organisationId: ac.id,
    stakeholderGroup: 'academic_technical',
    region: 'asia_pacific',
  });
  const { consultation, options } = await createConsultation(t, { title: 'Where should the group sit?' }, [
    'A subgroup of the Council Working Group',
    'An ITU-T focus group',
  ]);
  await grantRole(t, consultation.id, chair.user.id, 'chair');
  await grantRole(t, consultation.id, chair2.user.id, 'chair');
  const round = await createRound(t, consultation.id);
  const state = yjsStateFromProseMirror({
    type: 'doc',
    content: DRAFT.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
  await t.db.transaction((tx) =>
    t.app.get(CollabDocuments).replaceInitialState(draftDocName(round.id), state, tx),
  );

  const local = new Y.Doc();
  Y.applyUpdate(local, state);
  const text = plainText(draftFragment(local)).text;
  const anchorOn = (words: string) => {
    const from = text.indexOf(words);
    return anchorFromOffsets(local, from, from + words.length)!;
  };
  const api = (who: SignedInUser) => ({
    thread: async (body: Record<string, unknown>) =>
      (await openThread(t, who.auth, round.id, body).expect(201)).body as {
        id: string;
        comments: { id: string }[];
      },
    reply: async (threadId: string, body: string) =>
      (
        await request(t.url)
          .post(`/api/threads/${threadId}/comments`)
          .set('Authorization', who.auth)
          .send({ body })
          .expect(201)
      ).body.comments.at(-1) as { id: string },
  });

  const threads: Record<string, string> = {};
  const comments: Record<string, string> = {};
  const reports = await api(civil).thread({
    target: 'passage',
    anchor: anchorOn('reports to the Council'),
    body: 'Reporting to the Council alone leaves out the other sectors and their members.',
  });
  threads.reports = reports.id;
  comments.civilOnReports = reports.comments[0].id;
  comments.govOnReports = (
    await api(govA).reply(reports.id, 'Yearly reporting to the Council is the right level of oversight.')
  ).id;
  const reports2 = await api(academic).thread({
    target: 'passage',
    anchor: anchorOn('reports to the Council'),
    body: 'Which reports, and who reads them?',
  });
  threads.reports2 = reports2.id;
  const attend = await api(govB).thread({
    target: 'passage',
    anchor: anchorOn('Every stakeholder group may attend'),
    body: 'Attendance should be open but contributions need a member sponsor.',
  });
  threads.attend = attend.id;
  const hiddenBody = 'SPAM-HIDDEN-BODY buy cheap tickets at example dot com';
  comments.hidden = (await api(academic).reply(attend.id, hiddenBody)).id;
  const withdrawnBody = 'WITHDRAWN-BODY I take this back';
  comments.withdrawn = (await api(civil).reply(attend.id, withdrawnBody)).id;
  await request(t.url)
    .post(`/api/comments/${comments.hidden}/hide`)
    .set('Authorization', chair.auth)
    .send({ reason: 'Advertising' })
    .expect((r) => {
      if (r.status >= 300) throw new Error(`hide: ${r.status} ${JSON.stringify(r.body)}`);
    });
  await request(t.url)
    .post(`/api/comments/${comments.withdrawn}/withdraw`)
    .set('Authorization', civil.auth)
    .send({})
    .expect((r) => {
      if (r.status >= 300) throw new Error(`withdraw: ${r.status} ${JSON.stringify(r.body)}`);
    });
  const option = await api(academic).thread({
    target: 'option',
    optionId: options[1].id,
    body: '=HYPERLINK("http://evil.example","click") a focus group is lighter.',
  });
  threads.option = option.id;
  comments.formula = option.comments[0].id;

  const take = async (
    who: SignedInUser,
    optionId: string,
    stance: string,
    rationale: string,
    capacity = 'organisation',
  ) => {
    const res = await putPosition(t, who.auth, round.id, optionId, {
      stance: stance as never,
      rationale,
      capacity: capacity as never,
    });
    if (res.status !== 200) throw new Error(`position: ${res.status} ${JSON.stringify(res.body)}`);
  };
  await take(
    govA,
    options[0].id,
    'support',
    'The Council already oversees the WSIS follow-up; one place is clearer.',
  );
  await take(govB, options[0].id, 'support_with_changes', 'Support, if the sectors report too.');
  await take(
    civil,
    options[0].id,
    'oppose',
    'A Council subgroup excludes non-members from the discussion entirely.',
  );
  await take(academic, options[0].id, 'neutral', '', 'personal');
  await take(govA, options[1].id, 'oppose', '+1 for the status quo; a focus group has no mandate.');
  await take(civil, options[1].id, 'support', '@everyone a focus group is open to all.');

  if (opts.close) {
    await roundsApi(t, sec.auth).closeRound(round.id).expect(200);
  }
  local.destroy();
  return {
    consultationId: consultation.id,
    optionIds: options.map((o) => o.id),
    round,
    chair,
    chair2,
    sec,
    govA,
    govB,
    civil,
    academic,
    threads,
    comments,
    hiddenBody,
    withdrawnBody,
  };
}
