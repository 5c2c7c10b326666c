import request from 'supertest';
import { createTestApp } from './helpers/app';
import { TcpProxy } from './helpers/tcp-proxy';

describe('GET /health (e2e)', () => {
  it('reports database, Redis and SMTP up', async () => {
    const t = await createTestApp();
    try {
      const response = await request(t.app.getHttpServer()).get('/health').expect(200);
      expect(response.body.status).toBe('ok');
      expect(response.body.info).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'up' },
        smtp: { status: 'up' },
      });
    } finally {
      await t.close();
    }
  });

  it('names Redis as down when Redis stops, keeps the others up, and recovers', async () => {
    const redis = new URL(process.env.REDIS_URL!);
    const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
    const port = await proxy.start();
    redis.hostname = '127.0.0.1';
    redis.port = String(port);
    const t = await createTestApp({ REDIS_URL: redis.toString() });
    try {
      await request(t.app.getHttpServer()).get('/health').expect(200);

      await proxy.stop();
      const down = await request(t.app.getHttpServer()).get('/health').expect(503);
      expect(down.body.status).toBe('error');
      expect(Object.keys(down.body.error)).toEqual(['redis']);
      expect(down.body.error.redis.status).toBe('down');
      expect(down.body.info).toMatchObject({ database: { status: 'up' }, smtp: { status: 'up' } });

      await proxy.start(port);
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await request(t.app.getHttpServer()).get('/health')).status;
      }
      expect(status).toBe(200);
    } finally {
      await proxy.stop();
      await t.close();
    }
  });
});
