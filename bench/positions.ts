import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { CLIENT_EVENTS, SERVER_EVENTS } from '../shared/events.js';
import { hashPassword } from '../server/modules/auth/passwords.js';
import { TalliesService } from '../server/modules/positions/tallies.service.js';
import { startBenchApp, type BenchApp, type BenchResult } from './support/bench-app.js';
import { percentile, round } from './support/figures.js';
import { withTimeout } from './support/wait.js';

const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? 1000);
const OPTIONS = 5;
const TALLY_REQUESTS = Number(process.env.BENCH_TALLY_REQUESTS ?? 200);
const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);

/**
 * Seeds one round with ORGANISATIONS organisations, each speaking through its focal point on all OPTIONS
 * options (5,000 positions by default), straight in SQL: the seeding is not what is measured.
 */
async function seed(b: BenchApp) {
  const [consultation] = await b.db.query(
    `INSERT INTO consultations (title, question, visibility, participation)
     VALUES ('Benchmark consultation', 'Which option?', 'public', 'all_stakeholders') RETURNING id`,
  );
  const options: { id: string }[] = await b.db.query(
    `INSERT INTO options (consultation_id, sort_order, label)
     SELECT $1, g, 'Option ' || g FROM generate_series(1, ${OPTIONS}) g RETURNING id`,
    [consultation.id],
  );
  const [round] = await b.db.query(
    `INSERT INTO rounds (consultation_id, number, status, opened_at) VALUES ($1, 1, 'open', now()) RETURNING id`,
    [consultation.id],
  );
  const tag = `${round.id}`.slice(0, 8);
  await b.db.query(
    `INSERT INTO organisations (name, stakeholder_group, membership, country, region, verified)
     SELECT 'Bench organisation ' || g || ' ' || $1,
       (ARRAY['government','private_sector','civil_society','intergovernmental','academic_technical'])[1 + g % 5],
       (ARRAY['member_state','sector_member','associate','academia','non_member'])[1 + (g / 5) % 5],
       'FR', (ARRAY['africa','americas','arab_states','asia_pacific','cis','europe'])[1 + g % 6], true
     FROM generate_series(1, ${ORGANISATIONS}) g`,
    [tag],
  );
  await b.db.query(
    `INSERT INTO users (email, display_name, password_hash, organisation_id, is_focal_point)
     SELECT 'focal-' || o.id || '@bench.example', 'Focal point of ' || o.name, 'unusable', o.id, true
     FROM organisations o WHERE o.name LIKE 'Bench organisation % ' || $1`,
    [tag],
  );
  await b.db.query(
    `INSERT INTO positions (consultation_id, round_id, option_id, actor_key, capacity, organisation_id, cast_by_id,
       stance, rationale, stakeholder_group, membership, country, region)
     SELECT $1, $2, opt.id, 'org:' || o.id, 'organisation', o.id, u.id,
       (ARRAY['support','support_with_changes','neutral','oppose'])[1 + abs(hashtext(o.id::text || opt.id::text)) % 4],
       'Benchmark rationale', o.stakeholder_group, o.membership, o.country, o.region
     FROM organisations o JOIN users u ON u.organisation_id = o.id
     CROSS JOIN (SELECT id FROM options WHERE consultation_id = $1) opt
     WHERE o.name LIKE 'Bench organisation % ' || $3`,
    [consultation.id, round.id, tag],
  );
  const [{ count }] = await b.db.query(`SELECT count(*)::int AS count FROM positions WHERE round_id = $1`, [
    round.id,
  ]);
  return {
    consultationId: consultation.id as string,
    roundId: round.id as string,
    options,
    positions: count,
  };
}

async function signIn(b: BenchApp): Promise<string> {
  const email = `bench-speaker-${Date.now()}@bench.example`;
  await b.db.query(
    `INSERT INTO users (email, display_name, password_hash, membership) VALUES ($1, 'Bench speaker', $2, 'non_member')`,
    [email, await hashPassword('bench password 123')],
  );
  const res = await fetch(`${b.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench password 123' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** The tally computation alone (two queries and the shaping), without HTTP, access checks or JSON. */
async function measureTallySql(b: BenchApp, roundId: string) {
  const tallies = b.app.get(TalliesService);
  const samples: number[] = [];
  for (let i = 0; i < TALLY_REQUESTS; i++) {
    const t0 = performance.now();
    await tallies.compute(roundId);
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function measureTallies(b: BenchApp, roundId: string) {
  const get = async () => {
    const res = await fetch(`${b.url}/api/rounds/${roundId}/tallies`);
    if (!res.ok) throw new Error(`tallies answered ${res.status}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 20; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < TALLY_REQUESTS; i++) {
    const t0 = performance.now();
    await get();
    samples.push(performance.now() - t0);
  }
  return samples;
}

async function connectViewers(b: BenchApp, consultationId: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < VIEWERS; i += 50) {
    const batch = Array.from({ length: Math.min(50, VIEWERS - i) }, () => {
      const s = io(b.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      return new Promise<void>((resolve, reject) => {
        s.once('connect_error', reject);
        s.once('connect', () => s.emit(CLIENT_EVENTS.SUBSCRIBE, { consultationId }, () => resolve()));
      });
    });
    await Promise.all(batch);
  }
  return sockets;
}

/** Each change is a real PUT; the clock starts before the request and stops when a viewer has the new tally. */
async function measureFanOut(
  b: BenchApp,
  sockets: Socket[],
  roundId: string,
  optionId: string,
  token: string,
) {
  const samples: number[] = [];
  const lastViewer: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const t0 = performance.now();
    const arrivals = sockets.map((s) =>
      withTimeout(
        new Promise<number>((resolve) =>
          s.once(SERVER_EVENTS.TALLY_UPDATED, () => resolve(performance.now() - t0)),
        ),
        15_000,
        'a viewer receiving the tally',
      ),
    );
    const res = await fetch(`${b.url}/api/rounds/${roundId}/options/${optionId}/position`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ stance: i % 2 ? 'oppose' : 'support', rationale: `change ${i}` }),
    });
    if (!res.ok) throw new Error(`position change answered ${res.status}`);
    const times = await Promise.all(arrivals);
    samples.push(...times);
    lastViewer.push(Math.max(...times));
  }
  return { samples, lastViewer };
}

/** One full CSV export of the round, read as a stream: time to last byte and size. */
async function measureExport(b: BenchApp, roundId: string) {
  const t0 = performance.now();
  const res = await fetch(`${b.url}/api/rounds/${roundId}/positions.csv`);
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let firstByteMs = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = performance.now() - t0;
    bytes += chunk.byteLength;
  }
  return { firstByteMs, totalMs: performance.now() - t0, bytes };
}

export async function run(): Promise<BenchResult[]> {
  const b = await startBenchApp();
  const sockets: Socket[] = [];
  try {
    const seeded = await seed(b);
    const tallies = await measureTallies(b, seeded.roundId);
    const tallySql = await measureTallySql(b, seeded.roundId);
    const exported = await measureExport(b, seeded.roundId);
    const token = await signIn(b);
    sockets.push(...(await connectViewers(b, seeded.consultationId)));
    const fan = await measureFanOut(b, sockets, seeded.roundId, seeded.options[0].id, token);
    return [
      {
        name: 'positions: GET /api/rounds/:id/tallies',
        metrics: {
          database: b.database,
          positions: seeded.positions,
          organisations: ORGANISATIONS,
          requests: TALLY_REQUESTS,
          p50_ms: round(percentile(tallies, 50)),
          p95_ms: round(percentile(tallies, 95)),
          p99_ms: round(percentile(tallies, 99)),
          max_ms: round(Math.max(...tallies)),
          compute_only_p50_ms: round(percentile(tallySql, 50)),
          compute_only_p99_ms: round(percentile(tallySql, 99)),
        },
        notes: 'sequential requests from one client, after 20 warm-up requests',
      },
      {
        name: 'positions: GET /api/rounds/:id/positions.csv (streamed)',
        metrics: {
          rows: seeded.positions,
          first_byte_ms: round(exported.firstByteMs),
          total_ms: round(exported.totalMs),
          kilobytes: Math.round(exported.bytes / 1024),
        },
      },
      {
        name: `positions: change → tally.updated at ${VIEWERS} viewers`,
        metrics: {
          viewers: sockets.length,
          changes: CHANGES,
          p50_ms: round(percentile(fan.samples, 50)),
          p95_ms: round(percentile(fan.samples, 95)),
          p99_ms: round(percentile(fan.samples, 99)),
          last_viewer_p99_ms: round(percentile(fan.lastViewer, 99)),
        },
        notes: 'from sending the PUT to each viewer holding the new tallies (commit, GROUP BY, broadcast)',
      },
    ];
  } finally {
    for (const s of sockets) s.disconnect();
    await b.close();
  }
}
