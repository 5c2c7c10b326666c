import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { checkedConfig } from './common/boot';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  await checkedConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // On SIGTERM BullMQ workers stop taking jobs and finish the one in hand before exiting.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Tremplin worker started');
}

void bootstrap();
