import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ROUND_EVENTS, withoutAccountIds, type RoundClosing } from '../rounds/round-events.js';

interface FrozenRow {
  id: string;
  option_id: string;
  actor_key: string;
  capacity: string;
  cast_by_id: string;
  stance: string;
  rationale: string;
  preferred: boolean;
  stakeholder_group: string | null;
  membership: string | null;
  country: string | null;
  region: string | null;
  version: number;
  updated_at: Date;
}

/**
 * Adds the round's current positions to its closing record: a canonical list sorted by id (so the digest is
 * the same whenever it is recomputed, and verification can name the first item that changed), with counts by
 * option. Positions do not carry over to a next round: each round asks afresh on a new draft.
 */
@Injectable()
export class PositionsClosingListener {
  @OnEvent(ROUND_EVENTS.CLOSING, { promisify: true, suppressErrors: false })
  async onClosing(event: RoundClosing): Promise<void> {
    const rows: FrozenRow[] = await event.manager.query(
      `SELECT id, option_id, actor_key, capacity, cast_by_id, stance, rationale, preferred, stakeholder_group,
         membership, country, region, version, updated_at
       FROM positions WHERE round_id = $1 AND withdrawn_at IS NULL`,
      [event.round.id],
    );
    const items = rows
      .map((r) => ({
        id: r.id,
        optionId: r.option_id,
        actor: r.actor_key,
        capacity: r.capacity,
        castBy: r.cast_by_id,
        stance: r.stance,
        rationale: r.rationale,
        preferred: r.preferred,
        stakeholderGroup: r.stakeholder_group,
        membership: r.membership,
        country: r.country ? r.country.trim() : null,
        region: r.region,
        version: r.version,
        updatedAt: new Date(r.updated_at).toISOString(),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const byOption: Record<string, number> = {};
    for (const item of items) byOption[item.optionId] = (byOption[item.optionId] ?? 0) + 1;
    // Readers outside the secretariat see stances and classifications, not account ids (the item hash still
    // lets them recompute the digest).
    event.record.add<(typeof items)[number]>(
      'positions',
      items,
      { positions: items.length, positionsByOption: byOption },
      { publicView: withoutAccountIds },
    );
  }
}
