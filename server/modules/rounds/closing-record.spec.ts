import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/canonical-json.js';
import type { ClosingRecord } from '../../../shared/schemas/rounds.js';
import { consultationStatus } from '../consultations/consultation.views.js';
import {
  buildClosingRecord,
  closingDigest,
  firstDifference,
  fullRecord,
  itemHash,
  publicRecord,
} from './closing-record.js';
import { ClosingRecordBuilder, withoutAccountIds } from './round-events.js';
import type { Round } from './round.entity.js';

const round = {
  id: 'r1',
  consultationId: 'c1',
  number: 2,
  closedAt: new Date('2026-01-02T03:04:05.678Z'),
} as Round;

function record(sections: Record<string, unknown>): ClosingRecord {
  const b = new ClosingRecordBuilder();
  for (const [k, v] of Object.entries(sections)) b.add(k, v, { [k]: Array.isArray(v) ? v.length : 1 });
  return buildClosingRecord(round, b);
}

describe('closing record', () => {
  it('hashes each item, then the sealed fields, so an outsider gets the same digest', () => {
    const r = record({ options: [{ id: 'o1', label: 'A', at: new Date('2026-01-01T00:00:00Z') }] });
    expect(r.sections.options).toEqual([{ id: 'o1', label: 'A', at: '2026-01-01T00:00:00.000Z' }]);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const outside = sha(
      canonicalJson({
        version: r.version,
        roundId: 'r1',
        consultationId: 'c1',
        number: 2,
        closedAt: '2026-01-02T03:04:05.678Z',
        sections: { options: [sha('{"at":"2026-01-01T00:00:00.000Z","id":"o1","label":"A"}')] },
      }),
    );
    expect(closingDigest(r)).toBe(outside);
    expect(closingDigest({ ...r, counts: { options: 99 } })).toBe(outside);
  });

  it('exports withheld items as their hash, and the export hashes to the same digest', () => {
    const b = new ClosingRecordBuilder();
    const items = [
      { id: 'a', body: 'public', hidden: false },
      { id: 'b', body: 'secret', hidden: true },
      { id: 'c', body: 'public too', hidden: false, authorId: 'u1' },
    ];
    b.add(
      'comments',
      items,
      {},
      { publicView: (i: (typeof items)[number]) => (i.hidden ? null : withoutAccountIds(i)) },
    );
    const r = buildClosingRecord(round, b);
    const { record: pub, redacted, withheld } = publicRecord(r);
    // Two items carry their hash; only the hidden one withholds anything but an account id.
    expect({ redacted, withheld }).toEqual({ redacted: 2, withheld: 1 });
    expect(pub.sections.comments).toEqual([
      items[0],
      { id: 'b', redacted: true, hash: itemHash(items[1]) },
      { id: 'c', body: 'public too', hidden: false, redacted: true, hash: itemHash(items[2]) },
    ]);
    expect(JSON.stringify(pub)).not.toContain('u1');
    expect(JSON.stringify(pub)).not.toContain('secret');
    expect(closingDigest(pub)).toBe(closingDigest(r));
    expect(fullRecord(r)).not.toHaveProperty('redactions');
  });

  it('names the first item that differs, went missing, moved or was added', () => {
    const a = { id: 'a', v: 1 };
    const b = { id: 'b', v: 2 };
    const stored = record({ options: [a, b], threads: [{ id: 't', body: 'x' }] });
    expect(
      firstDifference(stored, record({ options: [a, b], threads: [{ id: 't', body: 'x' }] })),
    ).toBeNull();
    expect(firstDifference(stored, record({ options: [a, { id: 'b', v: 3 }], threads: [] }))).toEqual({
      section: 'options',
      itemId: 'b',
      reason: 'item content differs',
    });
    expect(firstDifference(stored, record({ options: [b, a], threads: [{ id: 't', body: 'x' }] }))).toEqual({
      section: 'options',
      itemId: 'a',
      reason: 'item moved',
    });
    expect(firstDifference(stored, record({ options: [a], threads: [{ id: 't', body: 'x' }] }))?.reason).toBe(
      'item is missing from the content now',
    );
    expect(
      firstDifference(stored, record({ options: [a, b, { id: 'c' }], threads: [{ id: 't', body: 'x' }] })),
    ).toEqual({ section: 'options', itemId: 'c', reason: 'item was added after the round closed' });
    expect(firstDifference(stored, record({ options: [a, b] }))).toEqual({
      section: 'threads',
      itemId: null,
      reason: 'section is missing from the content now',
    });
  });
});

describe('consultation status', () => {
  const r = (status: Round['status']) => ({ status }) as Round;
  it('reads upcoming, open, closed (between rounds) and concluded from the rounds', () => {
    expect(consultationStatus([])).toBe('upcoming');
    expect(consultationStatus([r('scheduled')])).toBe('upcoming');
    expect(consultationStatus([r('closed'), r('open')])).toBe('open');
    expect(consultationStatus([r('closed'), r('scheduled')])).toBe('closed');
    expect(consultationStatus([r('closed'), r('closed')])).toBe('concluded');
  });
});
