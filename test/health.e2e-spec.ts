import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { AdmissionControl } from '../src/common/admission';
import { bootApp } from './helpers/app';
import { createTestDatabase, databaseKinds, TestDatabase } from './support/databases';
import { waitFor } from './support/wait';

/**
 * Issue 16, health: /health/live and /health/ready in @nestjs/terminus's shape, against the real
 * app on each database. Readiness fails, naming the check, when the blob folder cannot be written,
 * when the database cannot take writes (SQLite file removed) or cannot be reached (PostgreSQL
 * refusing connections), and while the process drains; it recovers when the cause goes away.
 */
const CHECKS = ['database', 'model', 'policies', 'blob_storage', 'shutdown'];

describe.each(databaseKinds())('health on %s', (kind) => {
  let db: TestDatabase;
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  const blobDir = () => path.join(db.dataDir, 'blobs');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await bootApp(db.storage());
    http = app.getHttpServer();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('liveness answers in the terminus shape without checking anything', async () => {
    const res = await request(http).get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('readiness lists every check as up, with what it found', async () => {
    const res = await request(http).get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.keys(res.body.details).sort()).toEqual([...CHECKS].sort());
    expect(res.body.error).toEqual({});
    for (const c of CHECKS) expect(res.body.info[c].status).toBe('up');
    expect(res.body.info.database).toMatchObject({ dialect: kind });
    expect(res.body.info.model).toMatchObject({ id: 'emoji-clip-demo', workers: 1 });
    expect(res.body.info.policies).toMatchObject({ name: 'default', version: expect.any(String), policies: expect.any(Number) });
    expect(res.body.info.shutdown).toEqual({ status: 'up', draining: false });
  });

  it('is not ready while the blob folder cannot be written, and ready again once it can', async () => {
    fs.rmSync(blobDir(), { recursive: true, force: true });
    fs.writeFileSync(blobDir(), 'not a folder'); // fails even for root, unlike a chmod
    const res = await request(http).get('/health/ready').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.blob_storage).toMatchObject({ status: 'down', message: expect.stringMatching(/blob folder is not writable/) });
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.details.model.status).toBe('up');
    expect(res.body.error.blob_storage.message).not.toContain(db.dataDir);
    fs.rmSync(blobDir());
    await request(http).get('/health/ready').expect(200);
    expect(fs.statSync(blobDir()).isDirectory()).toBe(true);
  });

  if (kind === 'sqlite') {
    it('is not ready once the SQLite file is removed under it (writes would go to a deleted file)', async () => {
      fs.rmSync(db.dataDir, { recursive: true, force: true });
      const res = await request(http).get('/health/ready').expect(503);
      expect(res.body.error.database).toMatchObject({ status: 'down', message: 'the SQLite database file was removed while in use' });
      expect(res.body.info.model.status).toBe('up');
    });
  } else {
    it('is not ready while PostgreSQL refuses connections, and ready again when it accepts them', async () => {
      const name = new URL(db.databaseUrl!).pathname.slice(1);
      const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user', [name]);
        // The pool finds out at the next query on each terminated connection.
        const res = await waitFor('readiness to fail', async () => {
          const r = await request(http).get('/health/ready');
          return r.status === 503 && r.body.error.database ? r : null;
        });
        expect(res.body.status).toBe('error');
        expect(res.body.error.database.status).toBe('down');
        expect(res.body.info.blob_storage.status).toBe('up');
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await waitFor('readiness to recover', async () => (await request(http).get('/health/ready')).status === 200);
      } finally {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        await admin.end();
      }
    });
  }

  it('is not ready once draining for shutdown began; liveness still answers', async () => {
    app.get(AdmissionControl).drain();
    const res = await request(http).get('/health/ready').expect(503);
    expect(res.body.error.shutdown).toMatchObject({ status: 'down', draining: true });
    await request(http).get('/health/live').expect(200);
  });
});
