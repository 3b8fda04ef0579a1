import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DemoRoundSeeded } from '../seed/seed.service.js';
import { Comment } from './comment.entity.js';
import { Thread } from './thread.entity.js';

/** A short conversation for the demo round, so a first visitor sees threads, replies and an official answer. */
const DEMO_THREADS: {
  option?: number;
  author: string;
  comments: { by: string; body: string; official?: boolean }[];
}[] = [
  {
    option: 1,
    author: 'kenya@demo.consulta.local',
    comments: [
      {
        by: 'kenya@demo.consulta.local',
        body: 'A focus group is open to non-members, which matters for the African Internet community. Could its lifetime be extended if needed?',
      },
      {
        by: 'chair@demo.consulta.local',
        body: 'Yes: a focus group’s lifetime can be extended by its parent study group. We will note this in the summary.',
        official: true,
      },
    ],
  },
  {
    author: 'civil@demo.consulta.local',
    comments: [
      {
        by: 'civil@demo.consulta.local',
        body: 'Whatever the option, please publish the meeting documents openly, as the CWG-Internet consultations do.\nSee https://www.itu.int/en/council/cwg-internet/',
      },
      {
        by: 'secretariat@demo.consulta.local',
        body: 'Noted. All documents of this consultation, including the closing record, are public.',
        official: true,
      },
    ],
  },
];

@Injectable()
export class DemoThreadsListener {
  @OnEvent('demo.roundSeeded', { promisify: true, suppressErrors: false })
  async onDemoRoundSeeded(event: DemoRoundSeeded) {
    const m = event.manager;
    const { round, options, users } = event;
    const id = (email: string) => users.get(email)?.id ?? null;
    // One transaction has one now(): explicit times keep the conversation in order, from an hour after the
    // round opened (which the seed puts a day back).
    let at = round.openedAt!.getTime() + 3600_000;
    const next = () => new Date((at += 60_000));
    for (const demo of DEMO_THREADS) {
      const option = demo.option !== undefined ? options[demo.option] : undefined;
      const thread = await m.getRepository(Thread).save(
        m.getRepository(Thread).create({
          consultationId: round.consultationId,
          roundId: round.id,
          target: option ? 'option' : 'round',
          optionId: option?.id ?? null,
          authorId: id(demo.author),
          createdAt: next(),
        }),
      );
      await m.getRepository(Comment).save(
        demo.comments.map((c) =>
          m.getRepository(Comment).create({
            threadId: thread.id,
            roundId: round.id,
            consultationId: round.consultationId,
            authorId: id(c.by),
            body: c.body,
            official: !!c.official,
            createdAt: next(),
          }),
        ),
      );
    }
  }
}
