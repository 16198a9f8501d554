import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { validateDto } from '../common/validate-dto';
import { UrlImageFetcher } from '../fetch/url-image-fetcher';
import type { MediaService } from '../media/media.service';

/**
 * How the routes that take images (POST /v1/moderations, /v1/moderations/batch, /v1/embeddings) read a
 * request, written once: which of the three body forms it used, its JSON object or form fields through
 * their DTO, and an image named inside JSON (base64 bytes or a URL). The bodies themselves were read
 * by the per-route body interceptor (after authentication) and Multer; nothing here reads a stream.
 */
export type BodyForm = 'multipart' | 'raw' | 'json';

/** An image of the request: its bytes, or a URL to fetch (validated, not yet fetched). */
export type ImageSource = { data: Buffer; url?: undefined } | { url: string; data?: undefined };

type Dto<T> = new () => T;

export function bodyForm(req: Request): BodyForm | undefined {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return 'multipart';
  if (type.startsWith('application/json')) return 'json';
  if (type.startsWith('image/') || type.startsWith('application/octet-stream')) return 'raw';
  return undefined;
}

/** The form of the body, among those the route takes; else 415 with `hint` saying what to send. */
export function requireBodyForm(req: Request, accepted: BodyForm[], hint: string): BodyForm {
  const form = bodyForm(req);
  if (form && accepted.includes(form)) return form;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  throw new AppError('unsupported_media_type', `unsupported Content-Type "${type || '(none)'}"; ${hint}`);
}

/** A JSON body validated by its DTO; a JSON value that is not an object is refused with `shape`. */
export function jsonBody<T extends object>(req: Request, dto: Dto<T>, shape: string): Promise<T> {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw new AppError('bad_request', shape);
  return validateDto(dto, req.body);
}

/** The text fields of a multipart body, validated by their DTO. */
export function formFields<T extends object>(req: Request, dto: Dto<T>): Promise<T> {
  return validateDto(dto, req.body);
}

/** The raw image body (image/* or application/octet-stream). */
export function rawImage(req: Request): Buffer {
  if (!Buffer.isBuffer(req.body)) throw new AppError('missing_image', 'request body is empty');
  return req.body;
}

/**
 * The image that JSON fields name: `image_base64` (decoded within MEDIA_MAX_BYTES) or, where the route
 * fetches URLs, `url` (checked against the SSRF rules now, fetched later). `missing` when neither.
 */
export function imageFromJson(fields: { image_base64?: string; url?: string }, media: MediaService, missing: string): ImageSource {
  if (fields.url !== undefined) return { url: UrlImageFetcher.validate(fields.url) };
  if (fields.image_base64 !== undefined) return { data: media.decodeBase64(fields.image_base64) };
  throw new AppError('missing_image', missing);
}
