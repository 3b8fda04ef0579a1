import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import type { Stance } from '../../../shared/domain.js';
import type { Capacity } from '../../../shared/schemas/positions.js';
import type { DemoRoundSeeded } from '../seed/seed.service.js';
import { organisationActor, personalActor } from './actor.js';
import { PositionsService } from './positions.service.js';

type Said = { stance: Stance; rationale: string; preferred?: boolean };

/**
 * Positions for the demo round, so a first visitor sees the charts by group and region: governments and the
 * regional union want the Council subgroup that the private sector and civil society oppose, and the Arab
 * States' union has not yet spoken on the study group. By option, in the consultation's order.
 */
const DEMO_POSITIONS: { by: string; capacity: Capacity; on: [Said?, Said?, Said?] }[] = [
  {
    by: 'france@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'support',
        rationale:
          'Public policy questions belong close to the Council, where Member States are accountable for them.',
        preferred: true,
      },
      {
        stance: 'support_with_changes',
        rationale: 'Useful for hearing everyone, provided its reports go to the Council and not around it.',
      },
      {
        stance: 'oppose',
        rationale:
          'A new study group would take years to set up and duplicate work already under way elsewhere.',
      },
    ],
  },
  {
    by: 'kenya@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'support_with_changes',
        rationale:
          'Acceptable if remote participation lets smaller delegations take a full part in its meetings.',
      },
      {
        stance: 'support',
        rationale:
          'Being open to non-members brings in the African Internet community, which a closed group would not.',
        preferred: true,
      },
      {
        stance: 'neutral',
        rationale: 'Worth considering later, once we know which questions actually need Recommendations.',
      },
    ],
  },
  {
    by: 'brazil@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'support',
        rationale: 'The Council is where governments can address Internet public policy on an equal footing.',
        preferred: true,
      },
      {
        stance: 'neutral',
        rationale: 'A focus group can gather views, but it cannot settle policy questions on its own.',
      },
      {
        stance: 'support_with_changes',
        rationale:
          'A permanent home is right in the long run, if other stakeholders may attend as observers.',
      },
    ],
  },
  {
    by: 'operator@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'oppose',
        rationale:
          'Sector Members would have no voice in a Council subgroup, though we run the networks concerned.',
      },
      {
        stance: 'support',
        rationale: 'Quick to set up and open to industry, and its fixed lifetime keeps the work focused.',
        preferred: true,
      },
      {
        stance: 'support_with_changes',
        rationale: 'Acceptable if its mandate stays on technical and economic questions rather than content.',
      },
    ],
  },
  {
    by: 'civil@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'oppose',
        rationale:
          'A subgroup limited to the Council’s membership would shut civil society out of the discussion.',
      },
      {
        stance: 'support',
        rationale: 'The only option open to non-members, on condition that all of its documents are public.',
        preferred: true,
      },
      {
        stance: 'oppose',
        rationale: 'Sector Member fees would price most civil society organisations out of a study group.',
      },
    ],
  },
  {
    by: 'arab@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'support',
        rationale: 'Our members want these questions decided where governments meet, at the Council.',
        preferred: true,
      },
      {
        stance: 'support_with_changes',
        rationale: 'Acceptable as a first step, if its lifetime is short and it reports to the Council.',
      },
    ],
  },
  {
    by: 'academia@demo.consulta.local',
    capacity: 'organisation',
    on: [
      {
        stance: 'neutral',
        rationale: 'Where the group sits matters less than whether it publishes its evidence and its drafts.',
      },
      {
        stance: 'support_with_changes',
        rationale:
          'A good start for research input, but a fixed lifetime risks losing what the group learns.',
      },
      {
        stance: 'support',
        rationale:
          'Only a study group can adopt Recommendations and keep its expertise from one period to the next.',
        preferred: true,
      },
    ],
  },
  {
    by: 'citizen@demo.consulta.local',
    capacity: 'personal',
    on: [
      {
        stance: 'oppose',
        rationale: 'People affected by Internet policy could neither follow nor join a Council subgroup.',
      },
      {
        stance: 'support',
        rationale: 'A focus group is the one place where someone like me could take part directly.',
        preferred: true,
      },
    ],
  },
];

@Injectable()
export class DemoPositionsListener {
  constructor(private readonly positions: PositionsService) {}

  // A failed query aborts the seed's transaction, whose COMMIT would then roll everything back in silence.
  @OnEvent('demo.roundSeeded', { promisify: true, suppressErrors: false })
  async onDemoRoundSeeded(event: DemoRoundSeeded) {
    const m = event.manager;
    const { round, options, users } = event;
    // After the conversation (an hour after opening) and well before now (a day after): one actor every half
    // hour, so the history reads in order.
    let at = round.openedAt!.getTime() + 2 * 3600_000;
    const said: { id: string; at: Date }[] = [];
    for (const demo of DEMO_POSITIONS) {
      const user = users.get(demo.by)!;
      const actor =
        demo.capacity === 'organisation' ? organisationActor(user.organisation!) : personalActor(user);
      at += 30 * 60_000;
      for (const [i, position] of demo.on.entries()) {
        if (!position) continue;
        const { saved } = await this.positions.record(m, {
          consultationId: round.consultationId,
          roundId: round.id,
          optionId: options[i].id,
          actor,
          castById: user.id,
          stance: position.stance,
          rationale: position.rationale,
          preferred: !!position.preferred,
        });
        said.push({ id: saved.id, at: new Date(at + i * 60_000) });
      }
    }
    await backDate(m, said);
  }
}

/**
 * One transaction has one now(): the demo's positions and their first revisions are dated afterwards, in the
 * seed's transaction, each when its actor spoke. Only the demo does this; a real position is dated by its write.
 */
async function backDate(m: EntityManager, said: { id: string; at: Date }[]) {
  await m.query(
    `WITH said AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at)),
       positions_dated AS (
         UPDATE positions p SET created_at = said.at, updated_at = said.at FROM said WHERE p.id = said.id
       )
     UPDATE position_revisions v SET created_at = said.at FROM said WHERE v.position_id = said.id`,
    [said.map((s) => s.id), said.map((s) => s.at)],
  );
}
