import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { checkedConfig } from './common/boot';
import { configureApp } from './app/configure-app';

async function bootstrap(): Promise<void> {
  const config = await checkedConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureApp(app, config);
  // On SIGTERM/SIGINT Nest stops accepting connections and lets in-flight requests finish.
  app.enableShutdownHooks();
  await app.listen(config.PORT);
  app.get(Logger).log(`Tremplin API listening on ${config.APP_BASE_URL} (port ${config.PORT})`);
}

void bootstrap();
