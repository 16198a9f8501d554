import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import request from 'supertest';
import { image } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { KEYS, REVIEW_POLICIES } from './support/review-app';

const ROOT = path.join(__dirname, '..');
const DOG = image('twemoji-dog-face.png');
const ACKS_BEFORE_KILL = 25;
const CONCURRENCY = 6;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the real service (src/main.ts) as a child process and resolves once it listens. */
function startServer(db: TestDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.databaseUrl ?? '',
      POLICIES_DIR: REVIEW_POLICIES,
      POLICIES_WATCH: 'false',
      API_KEYS: Object.values(KEYS).map((k) => `${k.name}:${k.key}:${k.roles.join('|')}`).join(','),
      CLIP_WORKERS: '1',
      LOG_LEVEL: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('listening on')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out.slice(-3000)}`)));
  });
}

describe.each(databaseKinds())('a 2xx decision survives SIGKILL under load (%s)', (kind) => {
  let db: TestDatabase;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
  });

  it('every acknowledged moderation is stored after a kill -9 and restart', async () => {
    const port = await freePort();
    child = await startServer(db, port);
    const base = `http://127.0.0.1:${port}`;
    const acked: string[] = [];
    let failed = 0;
    let firstFailure = '';
    let killed = false;
    let inFlight = 0;
    let inFlightAtKill = 0;
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    const worker = async () => {
      // Overload answers (503) are allowed, but a server that never acknowledges anything fails the test.
      while (!killed) {
        if (failed > 200) throw new Error(`the server keeps refusing: ${firstFailure}`);
        inFlight++;
        try {
          const res = await request(base).post('/v1/moderations?policies=flagger').set('Authorization', `Bearer ${KEYS.ingest.key}`).set('Content-Type', 'image/png').send(DOG);
          if (res.status === 200) acked.push(res.body.id);
          else {
            failed++;
            firstFailure ||= `${res.status} ${JSON.stringify(res.body)}`;
          }
        } catch {
          failed++; // connection reset by the kill: not acknowledged, so no promise was made
        } finally {
          inFlight--;
        }
        if (acked.length >= ACKS_BEFORE_KILL && !killed) {
          killed = true;
          inFlightAtKill = inFlight;
          child!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(inFlightAtKill).toBeGreaterThan(0); // killed under load, not between requests

    child = await startServer(db, port);
    const missing: string[] = [];
    for (const id of acked) {
      const res = await request(base).get(`/v1/moderations/${id}`).set('Authorization', `Bearer ${KEYS.modA.key}`);
      if (res.status !== 200 || res.body.decision !== 'flag') missing.push(`${id}: ${res.status}`);
    }
    expect(missing).toEqual([]);
    // The review item and the audit entry committed in the same transaction as the record.
    const queue = await request(base).get('/v1/reviews?limit=500').set('Authorization', `Bearer ${KEYS.modA.key}`).expect(200);
    const queued = new Set(queue.body.items.map((i: { moderation_id: string }) => i.moderation_id));
    expect(acked.filter((id) => !queued.has(id))).toEqual([]);
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 240_000);
});
