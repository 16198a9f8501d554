import { ApiPropertyOptional } from '@nestjs/swagger';
import { SearchFilterFields } from './search.dto';

/**
 * POST /v1/search/image: how many hits and which records, in the query string or, with a multipart
 * upload, as text fields beside the "image" part (a field wins over the same query parameter).
 * The same checks as GET /v1/search's filters.
 */
export class SearchByImageQuery extends SearchFilterFields {}

/** The multipart form of POST /v1/search/image, for the OpenAPI document. */
export class SearchByImageForm extends SearchByImageQuery {
  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'The image (or send it as a raw image/* body)' })
  image?: unknown;
}
