import 'reflect-metadata';
// Before anything loads sharp: libvips reads it once, at start-up (untrusted loaders off).
import './media/vips-env';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { installGracefulShutdown } from './common/graceful-shutdown';
import { configureHttp } from './common/http-setup';
import { APP_CONFIG, AppConfig, loadConfig } from './config/configuration';

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(`configuration error: ${(e as Error).message}`);
    process.exit(2);
  }
  const app = await NestFactory.create(AppModule.create(), {
    bodyParser: false,
    logger: ['error', 'warn', 'log', 'debug', 'verbose'].slice(0, ['error', 'warn', 'log', 'debug'].indexOf(config.logLevel) + 1) as never,
  });
  configureHttp(app, app.get<AppConfig>(APP_CONFIG).media);
  const doc = new DocumentBuilder()
    .setTitle('clipguard')
    .setDescription('Self-hosted image moderation: CLIP embeddings, plain-language policies, explainable decisions')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc));
  const server = await app.listen(config.http.port, config.http.host);
  server.requestTimeout = config.http.requestTimeoutMs;
  const log = new Logger('Main');
  installGracefulShutdown(app, server, config.http.shutdownGraceMs, log);
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : config.http.port;
  log.log(`listening on http://${config.http.host}:${port} (docs at /docs)`);
}

bootstrap().catch((e) => {
  // Start-up errors (bad model folder, invalid policy file) name the file; print them plainly.
  console.error(`start-up failed: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
