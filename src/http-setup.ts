import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'crypto';
import * as http from 'http';
import type { Duplex } from 'stream';
import { APP_CONFIG, AppConfig } from './config/configuration';
import type { HttpConfig } from './config/http';
import { AdmissionControl } from './common/admission';
import { ApiKeys } from './common/api-keys';
import { buildOpenApiDocument } from './common/openapi-document';
import { AppError, ERROR_STATUS, ErrorCode } from './common/app-error';
import { uploadPool } from './common/body-pool';
import { sendError } from './common/error.filter';
import { requestId } from './common/request-id.middleware';
import { createValidationPipe } from './common/validation';
import { mountUi } from './ui/ui-http';

/**
 * An Express adapter whose HTTP server enforces REQUEST_TIMEOUT_MS and HEADERS_TIMEOUT_MS as
 * documented. Node checks both on a timer (connectionsCheckingInterval, 30 s by default) and only
 * takes the options at creation, so setting them on the server afterwards let a stalled upload live
 * for the timeout plus up to two check periods.
 */
export class TimedExpressAdapter extends ExpressAdapter {
  constructor(private readonly timeouts: Pick<HttpConfig, 'requestTimeoutMs' | 'headersTimeoutMs'>) {
    super(express());
  }

  override initHttpServer(options: Parameters<ExpressAdapter['initHttpServer']>[0]): void {
    const { requestTimeoutMs, headersTimeoutMs } = this.timeouts;
    const server = http.createServer(
      { requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))) },
      this.getInstance(),
    );
    server.on('clientError', answerClientError);
    this.setHttpServer(server);
    if (options?.forceCloseConnections) (this as unknown as { trackOpenConnections(): void }).trackOpenConnections();
  }
}

const CLIENT_ERRORS: Record<string, [ErrorCode, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['request_timeout', 'Request Timeout', 'the request (headers and body) did not arrive within the time allowed'],
  HPE_HEADER_OVERFLOW: ['headers_too_large', 'Request Header Fields Too Large', 'the request headers are over the size limit'],
};

/**
 * What Node would answer itself, with a status line and no body, to a request it cannot take (past
 * REQUEST_TIMEOUT_MS or HEADERS_TIMEOUT_MS, headers over the limit, malformed HTTP): the same statuses
 * in the service's error shape, so every refusal carries a stable `code`. A connection whose answer
 * has begun, or that cannot be written, is closed as Node would.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const res = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (!socket.writable || res?.headersSent || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [code, reason, message] = CLIENT_ERRORS[err.code ?? ''] ?? ['bad_request', 'Bad Request', 'the request is not valid HTTP'];
  const id = (res?.req as { id?: unknown } | undefined)?.id;
  const body = JSON.stringify({ code, message, requestId: typeof id === 'string' ? id : randomUUID() });
  socket.end(
    `HTTP/1.1 ${ERROR_STATUS[code]} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** /docs, /docs-json, /docs-yaml: mounted per DOCS_ACCESS; `key` wants any valid API key. */
function mountDocs(app: INestApplication, access: HttpConfig['docs'], keys: ApiKeys): void {
  if (access === 'off') return;
  if (access === 'key') {
    app.use(['/docs', '/docs-json', '/docs-yaml'], (req: Request, res: Response, next: NextFunction) => {
      try {
        keys.authenticate((n) => req.header(n));
        next();
      } catch (e) {
        sendError(req, res, e as AppError);
      }
    });
  }
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app));
}

/**
 * HTTP plumbing shared by main.ts and the e2e tests, so tests exercise exactly what production runs:
 * (beside main.ts and app.module.ts, at the top: it composes common/ and ui/, so common/ needs no arrow up to ui/)
 * request ids, drain behaviour, security headers, the API docs. There are no global body parsers:
 * bodies are read after authentication, per route (src/common/body.interceptor.ts), and admission
 * control runs after authentication too (src/common/admission.ts). Raw uploads use reused memory
 * (body-pool.ts). Signals are main.ts's business (graceful shutdown): Nest's shutdown hooks would
 * close the app under requests still in flight.
 */
export function configureHttp(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  uploadPool.maxIdleBytes = config.media.uploadPoolBytes;
  const express_ = app.getHttpAdapter().getInstance() as express.Express;
  express_.disable('x-powered-by');
  // Express's automatic ETag is a SHA-1 of every JSON answer on the HTTP thread; our answers are
  // decisions and pages that clients do not revalidate.
  express_.set('etag', false);
  app.use(requestId);
  app.useGlobalPipes(createValidationPipe());
  app.use(app.get(AdmissionControl).middleware);
  // Helmet's defaults: nosniff, X-Frame-Options, a same-origin CSP (Swagger UI's inline styles are
  // allowed by its style-src), HSTS for when TLS terminates in front of us. Not upgrade-insecure-
  // requests: served over plain HTTP on a LAN address, it would break /docs' scripts.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  mountDocs(app, config.http.docs, app.get(ApiKeys));
  mountUi(app, config.ui);
}
