import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { AppConfig } from '../config/env';
import { registerViewHelpers } from '../web/view-helpers';
import { configureForms } from '../web/kit/form-body.pipe';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../common/paths';
import { mountQueueBoard, QUEUE_BOARD_PATH } from '../jobs/queue-board';
import { createValidationPipe, RejectNulCharacterPipe } from '../common/validation';

/** Everything main.ts sets on the app, shared with the end-to-end tests so they test the same app. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  // Our pages load only their own scripts and styles; Swagger UI and bull-board need inline ones.
  // Over plain http (development, a LAN demo) HSTS and request upgrades would break the page.
  // No page of ours frames another, so nothing may frame any of them, not even our own origin.
  const https = config.APP_BASE_URL.startsWith('https://');
  const strictHeaders = helmet({
    strictTransportSecurity: https,
    xFrameOptions: { action: 'deny' },
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
  });
  const docsHeaders = helmet({ strictTransportSecurity: https, xFrameOptions: { action: 'deny' }, contentSecurityPolicy: false });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (request.path.startsWith('/api/docs') || request.path.startsWith(QUEUE_BOARD_PATH) ? docsHeaders : strictHeaders)(
      request,
      response,
      next,
    ),
  );
  app.use(cookieParser(config.SESSION_SECRET));
  mountQueueBoard(app);
  app.useGlobalPipes(new RejectNulCharacterPipe(), createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useStaticAssets(join(PROJECT_ROOT, 'public'), { prefix: '/static/', maxAge: '1h' });
  // Browser libraries are served from their npm package, so `npm install` is the only way they change.
  app.useStaticAssets(join(PROJECT_ROOT, 'node_modules', 'sortablejs'), { prefix: '/static/vendor/sortablejs/', maxAge: '1h' });
  app.useStaticAssets(join(PROJECT_ROOT, 'node_modules', 'htmx.org', 'dist'), { prefix: '/static/vendor/htmx/', maxAge: '1h' });
  app.useStaticAssets(join(PROJECT_ROOT, 'node_modules', 'chart.js', 'dist'), { prefix: '/static/vendor/chart.js/', maxAge: '1h' });
  app.setBaseViewsDir(join(TEMPLATES_DIR, 'views'));
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/layout' });
  registerViewHelpers(config.BUSINESS_TIME_ZONE);
  configureForms({ timeZone: config.BUSINESS_TIME_ZONE });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tremplin API')
      .setDescription(
        'Employer-relations CRM for inclusion employers. Log in with POST /api/auth/login; ' +
          'send the returned csrfToken in the x-csrf-token header on every write.',
      )
      .setVersion('0.1')
      .addCookieAuth('tremplin_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
}
