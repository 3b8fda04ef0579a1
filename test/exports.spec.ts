import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../shared/canonical-json.js';
import { parseCsv } from '../server/modules/positions/csv.js';
import { seedDiscussedRound, type SummaryFixture } from './helpers/summaries.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

interface ExportDoc {
  formatVersion: number;
  kind: string;
  closing: {
    digest: string;
    digestOf: string[];
    record: Record<string, unknown>;
    redactedItems: string[];
    withheldItems: string[];
    verifiable: boolean;
  } | null;
  comments: { id: string; body: string | null; state: string; hiddenReason: string | null }[];
  positions: { id: string }[];
  threads: { id: string; anchor: unknown }[];
  moderationLog: { commentId: string; action: string; reason: string }[];
  draft: { source: string; text: string };
  digest: { roundId: string };
  summaryVersions: unknown[];
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * What anyone can do with an export, following its recipe: hash each sealed item (a withheld item brings its
 * own hash), then hash the record's identity with those lists.
 */
const recompute = (closing: NonNullable<ExportDoc['closing']>) => {
  const hashOf = (item: unknown) =>
    typeof item === 'object' && item !== null && (item as { redacted?: boolean }).redacted === true
      ? (item as { hash: string }).hash
      : sha256(canonicalJson(item));
  const record = closing.record as Record<string, unknown> & { sections: Record<string, unknown> };
  const sections = Object.fromEntries(
    Object.entries(record.sections).map(([name, items]) => [
      name,
      Array.isArray(items) ? items.map(hashOf) : hashOf(items),
    ]),
  );
  return sha256(
    canonicalJson({ ...Object.fromEntries(closing.digestOf.map((k) => [k, record[k]])), sections }),
  );
};

describe('Exports of a closed round', () => {
  let t: TestApp;
  let f: SummaryFixture;

  beforeAll(async () => {
    t = await createTestApp();
    f = await seedDiscussedRound(t, { close: true });
  });
  afterAll(async () => t?.close());

  it('gives the secretariat the full record as JSON, which verifies against the closing digest', async () => {
    const res = await request(t.url)
      .get(`/api/rounds/${f.round.id}/export.json?scope=full`)
      .set('Authorization', f.sec.auth)
      .expect(200);
    const doc = JSON.parse(res.text) as ExportDoc;
    expect(doc).toMatchObject({ formatVersion: 1, kind: 'full' });
    const sealed = (await request(t.url).get(`/api/rounds/${f.round.id}/record`).expect(200)).body;
    expect(doc.closing!.digest).toBe(sealed.digest);
    expect(recompute(doc.closing!)).toBe(sealed.digest);
    expect(doc.closing!.verifiable).toBe(true);
    // The full export marks the hidden comment hidden, with its reason; the withdrawn text stays withdrawn.
    expect(doc.comments.find((c) => c.id === f.comments.hidden)).toMatchObject({
      state: 'hidden',
      hiddenReason: 'Advertising',
      body: f.hiddenBody,
    });
    expect(doc.comments.find((c) => c.id === f.comments.withdrawn)).toMatchObject({
      state: 'withdrawn',
      body: null,
    });
    expect(doc.moderationLog).toEqual([
      expect.objectContaining({ commentId: f.comments.hidden, action: 'hide', reason: 'Advertising' }),
    ]);
    expect(doc.positions).toHaveLength(6);
    expect(doc.threads.filter((th) => th.anchor)).toHaveLength(3);
    expect(doc.draft).toMatchObject({ source: 'closingRecord', text: expect.stringContaining('Article 2.') });
    expect(Number(res.headers['x-export-items'])).toBeGreaterThan(doc.comments.length);
  });

  it('never shows hidden or withdrawn comments in the public export, which still verifies through the items’ hashes', async () => {
    const res = await request(t.url).get(`/api/rounds/${f.round.id}/export.json`).expect(200);
    expect(res.text).not.toContain('SPAM-HIDDEN-BODY');
    expect(res.text).not.toContain('WITHDRAWN-BODY');
    const doc = JSON.parse(res.text) as ExportDoc;
    expect(doc.kind).toBe('public');
    expect(doc.comments.map((c) => c.id)).not.toContain(f.comments.hidden);
    expect(doc.comments.every((c) => c.state === 'visible')).toBe(true);
    expect(doc.closing!.redactedItems).toEqual(
      expect.arrayContaining([`comments:${f.comments.hidden}`, `comments:${f.comments.withdrawn}`]),
    );
    // Of the items marked redacted, only those two keep their words back; the others leave out account ids.
    expect(doc.closing!.withheldItems.sort()).toEqual(
      [`comments:${f.comments.hidden}`, `comments:${f.comments.withdrawn}`].sort(),
    );
    expect(doc.closing!.redactedItems).toContain(`comments:${f.comments.formula}`);
    expect(doc.closing!.verifiable).toBe(true);
    expect(recompute(doc.closing!)).toBe(doc.closing!.digest);
    // Only the secretariat exports in full.
    await request(t.url)
      .get(`/api/rounds/${f.round.id}/export.json?scope=full`)
      .set('Authorization', f.chair.auth)
      .expect(403);
    await request(t.url).get(`/api/rounds/${f.round.id}/export.json?scope=everything`).expect(400);
  });

  it('writes comments as CSV with formula cells neutralised and no hidden text', async () => {
    const res = await request(t.url).get(`/api/rounds/${f.round.id}/comments.csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text).not.toContain('SPAM-HIDDEN-BODY');
    const [header, ...rows] = parseCsv(res.text);
    const body = header.indexOf('body');
    const formula = rows.find((r) => r[0] === f.comments.formula)!;
    expect(formula[body]).toBe(`'=HYPERLINK("http://evil.example","click") a focus group is lighter.`);
    expect(rows.every((r) => !/^[=+\-@\t\r]/.test(r[body]))).toBe(true);
    expect(rows).toHaveLength(5);
    // Positions keep their own CSV (same writer): rationales beginning with + and @ are neutralised there too.
    const positions = parseCsv(
      (await request(t.url).get(`/api/rounds/${f.round.id}/positions.csv`).expect(200)).text,
    );
    const rationale = positions[0].indexOf('rationale');
    expect(positions.map((r) => r[rationale])).toEqual(
      expect.arrayContaining([
        "'+1 for the status quo; a focus group has no mandate.",
        "'@everyone a focus group is open to all.",
      ]),
    );
  });
});
