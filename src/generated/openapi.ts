/**
 * Generated from docs/openapi.json by `npm run openapi` (openapi-typescript). Do not edit by hand.
 */

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers (no I/O; restart the process when this fails) */
        get: operations["Health_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database writable or reachable, model loaded with a worker alive, policy set compiled, blob folder writable, not shutting down */
        get: operations["Health_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Text exposition format 0.0.4. Public by default; METRICS_ACCESS=key puts it behind any valid API key.
         */
        get: operations["Metrics_render"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description The append-only audit log: JSON pages, or the whole filtered log as NDJSON or CSV (streamed)
         */
        get: operations["Audit_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * CLIP embeddings of one image or of texts
         * @description L2-normalised embeddings of one image (multipart file part "image", raw image/* body, or JSON {"image_base64"}) or of a list of texts (JSON {"texts": [...]})
         */
        post: operations["Embeddings_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moderate one image
         * @description The image as a multipart file part "image", a raw image/* (or application/octet-stream) body, JSON {"image_base64"} or JSON {"url"}. Options (policies, blur, external_id, async) come from the query string or from the body (a body field wins). "async": true or Prefer: respond-async queues it (202 with a job id); Idempotency-Key makes retries safe.
         */
        post: operations["Moderation_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read one moderation, sync or async
         * @description Status (queued, running, succeeded, failed), the decision with every policy score, model and policy-set version once decided, and for async ones attempts, result and error. Moderators read all; an ingest key its own async moderations
         */
        get: operations["Jobs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations/{id}/appeals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Appeal a decision: (re)opens its review item with the appellant's reason; one open appeal per item (409 appeal_open), APPEAL_MAX_PER_ITEM per item (409 appeal_limit_reached), APPEALS_PER_HOUR_PER_KEY per key (429 appeal_rate_limited) */
        post: operations["Appeals_appeal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/moderations/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moderate several images
         * @description Multipart file parts "images", or JSON {"items": [{"image_base64"} | {"url"}, ...]} where an item may carry its own options. Each item is answered on its own: a bad item gets its error and the others their decisions. "async": true (or Prefer: respond-async) queues them (202).
         */
        post: operations["Jobs_batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active policy set: version, policies, thresholds, prompt counts, compile warnings */
        get: operations["Policies_active"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Score labelled samples under a draft (or the active set): multipart "samples" (.tar/.tar.gz of <policy id>/... and none/...) and optional "policy", or JSON {"source": "verdicts"}. Per policy: precision, recall, F1, confusion at its thresholds, PR curve, thresholds for target precision/recall, calibration. format=html draws the curves. */
        post: operations["Policies_evaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** multipart "policy" (draft YAML) + "image": the decision under the draft beside the active set, per policy */
        post: operations["Policies_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/shadow-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shadow policies against the enforced set on recorded traffic: would-have actions, overlap, agreement with review verdicts */
        get: operations["Policies_shadowStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policies/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Errors and warnings with file:line:column positions (schema, threshold order, truncation, duplicates, confusable prompts) */
        post: operations["Policies_validate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every policy-set document with kept versions: active version, where it came from, whether it is served */
        get: operations["PolicySets_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-sets/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A policy-set document: the active version (or ?version=n) with its text; Accept: application/yaml returns the text alone */
        get: operations["PolicySets_get"];
        /** Store a new version of the document (validated within the whole active set) and activate it */
        put: operations["PolicySets_put"];
        post?: never;
        /** Stop serving a document added through PUT (versions are kept; a later PUT serves it again); 409 for a document from the policy folder or the last one served */
        delete: operations["PolicySets_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-sets/{name}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Serve a stored version (rollback is activating an older one) */
        post: operations["PolicySets_activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-sets/{name}/calibrate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fit Platt calibration for the document's policies on labelled samples (multipart "samples" archive, or JSON {"source": "verdicts"}) and store the document with the fitted calibration blocks as a new version (activate=true to serve it at once) */
        post: operations["PolicySets_calibrate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy-sets/{name}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every stored version, newest first: author, time, comment, diff against the version active when it was stored, its activations (who, when, comment), which is active */
        get: operations["PolicySets_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The review queue with filters, cursor pagination and order (oldest first or highest score first) */
        get: operations["Reviews_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One review item with its moderation record and history (appeals and decisions) */
        get: operations["Reviews_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take (or renew) the lease on an item; 409 lease_held when someone else holds it */
        post: operations["Reviews_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide an item you hold: uphold, overturn or escalate, for policies that fired on it (422 policy_not_fired otherwise), with a note */
        post: operations["Reviews_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{id}/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The kept image: a blurred preview by default; ?reveal=true&reason=... returns the original to the holder of the live lease or an admin, audited with the reason */
        get: operations["Reviews_image"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give the lease back; only the holder may */
        post: operations["Reviews_release"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Atomically claim the next eligible item for the caller (204 when the queue is empty) */
        post: operations["Reviews_next"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reviews/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by policy, decision and status; median time to decision; overturn rate per policy; decisions per moderator */
        get: operations["Reviews_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search stored moderations by similarity
         * @description Ranks stored moderation records by similarity to a text (q) or to another record (similar_to), best first
         */
        get: operations["Search_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All subscriptions */
        get: operations["Webhooks_list"];
        put?: never;
        /** Subscribe an endpoint: {url, events?, description?, enabled?} (enabled a JSON boolean; unknown fields refused); answers with the signing secret */
        post: operations["Webhooks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_get"];
        put?: never;
        post?: never;
        delete: operations["Webhooks_remove"];
        options?: never;
        head?: never;
        /** Change url, events, description, or enable/disable (the same checks as create); enabling sends the deliveries held while disabled */
        patch: operations["Webhooks_update"];
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first, each with its attempts (?status=, ?limit=, ?before=cursor) */
        get: operations["Webhooks_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attempt a delivery again now */
        post: operations["Webhooks_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current signing secret (each read is audited as webhook.secret_read) */
        get: operations["Webhooks_secret"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** New secret; the previous one keeps signing for overlap_ms (default WEBHOOK_SECRET_OVERLAP_MS) */
        post: operations["Webhooks_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AuditEntryResponse: {
            /** @example review.decided */
            action: string;
            /** @example moderator-anna */
            actor: string;
            /** @description State after the change, when it applies */
            after: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            at: string;
            /** @description State before the change, when it applies */
            before: {
                [key: string]: unknown;
            } | null;
            entity_id: string;
            /** @example review */
            entity_type: string;
            /** @description X-Request-Id of the request that made the change */
            request_id: string | null;
            /**
             * @description Sequence number, increasing
             * @example 42
             */
            seq: number;
        };
        AuditPageResponse: {
            items: components["schemas"]["AuditEntryResponse"][];
            /** @description Pass as cursor for the next page; null on the last page */
            next_cursor: string | null;
        };
        BatchFormFieldsDto: {
            /**
             * @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). Only true or false
             * @example false
             */
            async?: boolean;
            /**
             * @description Blurred rendition in each item's result: none, inline (when the decision is blur) or always (blur=image is not available in a batch)
             * @default none
             * @enum {string}
             */
            blur: "none" | "inline" | "always";
            /**
             * @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)
             * @example post-8812
             */
            external_id?: string;
            /**
             * @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON
             * @example weapons,alcohol
             */
            policies?: string | string[];
        };
        BatchItemDto: {
            /**
             * @description Blurred rendition in each item's result: none, inline (when the decision is blur) or always (blur=image is not available in a batch)
             * @default none
             * @enum {string}
             */
            blur: "none" | "inline" | "always";
            /**
             * @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)
             * @example post-8812
             */
            external_id?: string;
            /**
             * Format: byte
             * @description The image bytes as base64 (a data: URL prefix is accepted). Give this or url
             * @example iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
             */
            image_base64?: string;
            /**
             * @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON
             * @example weapons,alcohol
             */
            policies?: string | string[];
            /**
             * @description An http(s) URL the service fetches the image from (public addresses only, unless FETCH_ALLOW_CIDRS allows others). Give this or image_base64
             * @example https://images.example.com/uploads/8812.jpg
             */
            url?: string;
        };
        BatchItemResponse: {
            error?: components["schemas"]["ItemErrorResponse"];
            /**
             * Format: uuid
             * @description The moderation id (items that were decided or queued)
             */
            id?: string;
            /**
             * @description Position of the item in the request
             * @example 0
             */
            index: number;
            /** @description The decision (sync) or the acceptance (async) */
            result?: components["schemas"]["ModerationResponse"] | components["schemas"]["ModerationAcceptedResponse"];
            /**
             * @description The HTTP status this item alone would have had (200, 202 or an error status)
             * @example 200
             */
            status: number;
        };
        BatchJsonBodyDto: {
            /**
             * @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). A JSON boolean
             * @example false
             */
            async?: boolean;
            /**
             * @description Blurred rendition in each item's result: none, inline (when the decision is blur) or always (blur=image is not available in a batch)
             * @default none
             * @enum {string}
             */
            blur: "none" | "inline" | "always";
            /**
             * @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)
             * @example post-8812
             */
            external_id?: string;
            /** @description The images, each {"image_base64"} or {"url"} with optional own options (at most BATCH_MAX_ITEMS) */
            items: components["schemas"]["BatchItemDto"][];
            /**
             * @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON
             * @example weapons,alcohol
             */
            policies?: string | string[];
        };
        BatchResponse: {
            async: boolean;
            /**
             * Format: uuid
             * @description The batch id (async items carry it as batch_id)
             */
            id: string;
            items: components["schemas"]["BatchItemResponse"][];
            /** @enum {string} */
            object: "moderation_batch";
            summary: components["schemas"]["BatchSummaryResponse"];
        };
        BatchSummaryResponse: {
            /** @example 1 */
            failed: number;
            /** @example 3 */
            items: number;
            /**
             * @description Items answered 2xx
             * @example 2
             */
            succeeded: number;
        };
        BlobStorageCheck: {
            /**
             * @description Why the check is down
             * @example the blob folder is not writable (EEXIST)
             */
            message?: string;
            /**
             * @description How long the check took (ms)
             * @example 1
             */
            responseTime?: number;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
        };
        BlurredImageResponse: {
            /** @example image/jpeg */
            content_type: string;
            /**
             * Format: byte
             * @description The blurred rendition, base64
             */
            data_base64: string;
        };
        CreateAppealDto: {
            /**
             * @description The appellant's reason, shown to the moderator who takes the review item
             * @example This is a kitchen knife in a cooking tutorial.
             */
            reason: string;
        };
        CreateSubscriptionBody: {
            description?: string | null;
            /**
             * @description a JSON boolean; a disabled endpoint has its deliveries held until it is enabled
             * @default true
             */
            enabled: boolean;
            /** @description event types to receive (default: all) */
            events?: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled")[];
            /**
             * @description http(s) URL of the receiver, at most 2048 characters; judged by the SSRF rules
             * @example https://platform.example/hooks/clipguard
             */
            url: string;
        };
        DatabaseCheck: {
            /**
             * @description SQLite: the file is still there, writable, and a rolled-back write gets the write lock. PostgreSQL: SELECT 1 answers.
             * @enum {string}
             */
            dialect?: "sqlite" | "postgres";
            /**
             * @description Why the check is down
             * @example the blob folder is not writable (EEXIST)
             */
            message?: string;
            /**
             * @description How long the check took (ms)
             * @example 1
             */
            responseTime?: number;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
        };
        EmbeddingItemResponse: {
            /** @description L2-normalised embedding (7 decimals) */
            embedding: number[];
            /** @description Images: SHA-256 of the image bytes, hex */
            sha256?: string;
            /** @description Texts: the text embedded */
            text?: string;
            /** @description Texts: whether it was cut to the tokenizer's maximum length */
            truncated?: boolean;
        };
        EmbeddingModelResponse: {
            /**
             * @description Length of every embedding
             * @example 512
             */
            dim: number;
            /** @example emoji-clip-demo */
            id: string;
        };
        EmbeddingsFormFieldsDto: Record<string, never>;
        EmbeddingsJsonBodyDto: {
            /**
             * Format: byte
             * @description One image as base64 (a data: URL prefix is accepted)
             */
            image_base64?: string;
            /**
             * @description Texts to embed (1..256, each 1..2000 characters). Give this or image_base64
             * @example [
             *       "a photo of a handgun"
             *     ]
             */
            texts?: string[];
        };
        EmbeddingsResponse: {
            /** @description One entry per text, in order, or one for the image */
            data: components["schemas"]["EmbeddingItemResponse"][];
            model: components["schemas"]["EmbeddingModelResponse"];
        };
        ErrorResponse: {
            /**
             * @description Stable machine-readable error code (docs/api-errors.md)
             * @example invalid_parameter
             */
            code: string;
            /**
             * @description Code-specific detail; for invalid_parameter: field (the first failing field) and errors [{field, constraint, message}]
             * @example {
             *       "field": "limit",
             *       "errors": [
             *         {
             *           "field": "limit",
             *           "constraint": "max",
             *           "message": "limit must not be greater than 200"
             *         }
             *       ]
             *     }
             */
            details?: {
                [key: string]: unknown;
            };
            /**
             * @description For humans; may change between versions
             * @example limit must not be greater than 200
             */
            message: string;
            /**
             * @description The X-Request-Id of the request (also in the logs)
             * @example b3f1c2d4-8e9a-4b7c-9d2e-1f0a3b4c5d6e
             */
            requestId: string;
        };
        FailureResponse: {
            /**
             * @description The model fault that left the image unscreened
             * @enum {string}
             */
            code: "model_unavailable" | "deadline_exceeded";
            /**
             * @description The API key's failure mode (FAILURE_MODES) that answered
             * @enum {string}
             */
            mode: "open" | "block" | "review";
        };
        ImageFactsResponse: {
            /**
             * @description Size of the uploaded image
             * @example 48213
             */
            bytes: number;
            /** @example png */
            format: string;
            /**
             * @description Frames in the image (1 unless animated)
             * @example 1
             */
            frames: number;
            /**
             * @description Frames the model scored (0 when the image went unscreened)
             * @example 1
             */
            frames_scored: number;
            /** @example 512 */
            height: number;
            /**
             * @description SHA-256 of the uploaded bytes, hex
             * @example 9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e
             */
            sha256: string;
            /** @example 512 */
            width: number;
        };
        ItemErrorResponse: {
            /**
             * @description Stable error code (docs/api-errors.md)
             * @example url_fetch_failed
             */
            code: string;
            /**
             * @example {
             *       "reason": "status",
             *       "status": 404
             *     }
             */
            details?: {
                [key: string]: unknown;
            };
            /** @example the URL answered HTTP 404 */
            message: string;
        };
        LivenessResponse: {
            /** @example {} */
            details: components["schemas"]["NoChecks"];
            /** @example {} */
            error: components["schemas"]["NoChecks"];
            /** @example {} */
            info: components["schemas"]["NoChecks"];
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok";
        };
        ModelCheck: {
            /** @example 0 */
            busy_workers?: number;
            /** @example emoji-clip-demo */
            id?: string;
            /**
             * @description Time the model took to load at start-up (ms)
             * @example 1934
             */
            load_ms?: number;
            /**
             * @description Why the check is down
             * @example the blob folder is not writable (EEXIST)
             */
            message?: string;
            /**
             * @description Images waiting for the model, or being prepared for it
             * @example 0
             */
            queue_depth?: number;
            /**
             * @description How long the check took (ms)
             * @example 1
             */
            responseTime?: number;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
            /**
             * @description Inference worker threads alive (at least one for up)
             * @example 1
             */
            workers?: number;
        };
        ModelRefResponse: {
            /**
             * @description The CLIP model that embedded the image
             * @example emoji-clip-demo
             */
            id: string;
        };
        ModerationAcceptedResponse: {
            /**
             * Format: uuid
             * @description Items of a batch: the batch id
             */
            batch_id?: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            object: "moderation";
            /** @enum {string} */
            status: "queued";
            /**
             * @description Where to poll: GET this path
             * @example /v1/moderations/5b0c7a55-3f0e-4c55-9d7e-0b7a3f1f2c10
             */
            status_url: string;
        };
        ModerationFormFieldsDto: {
            /**
             * @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). Only true or false
             * @example false
             */
            async?: boolean;
            /**
             * @description Blurred rendition: none; inline (base64 in the answer when the decision is blur); always (base64 in every answer); image (the blurred image itself is the answer body, synchronous single moderations only)
             * @default none
             * @enum {string}
             */
            blur: "none" | "inline" | "always" | "image";
            /**
             * @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)
             * @example post-8812
             */
            external_id?: string;
            /**
             * @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON
             * @example weapons,alcohol
             */
            policies?: string | string[];
        };
        ModerationJsonBodyDto: {
            /**
             * @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). A JSON boolean
             * @example false
             */
            async?: boolean;
            /**
             * @description Blurred rendition: none; inline (base64 in the answer when the decision is blur); always (base64 in every answer); image (the blurred image itself is the answer body, synchronous single moderations only)
             * @default none
             * @enum {string}
             */
            blur: "none" | "inline" | "always" | "image";
            /**
             * @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks)
             * @example post-8812
             */
            external_id?: string;
            /**
             * Format: byte
             * @description The image bytes as base64 (a data: URL prefix is accepted). Give this or url
             * @example iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==
             */
            image_base64?: string;
            /**
             * @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON
             * @example weapons,alcohol
             */
            policies?: string | string[];
            /**
             * @description An http(s) URL the service fetches the image from (public addresses only, unless FETCH_ALLOW_CIDRS allows others). Give this or image_base64
             * @example https://images.example.com/uploads/8812.jpg
             */
            url?: string;
        };
        ModerationResponse: {
            /** @description blur=inline (when the decision is blur) or blur=always */
            blurred?: components["schemas"]["BlurredImageResponse"];
            /**
             * @description Name of the API key that asked
             * @example uploader
             */
            client: string;
            /** Format: date-time */
            created_at: string;
            /**
             * @description The decision: the strongest action of the enforced policies
             * @example block
             * @enum {string}
             */
            decision: "allow" | "flag" | "blur" | "block";
            /** @description The external_id the request gave */
            external_id?: string;
            failure?: components["schemas"]["FailureResponse"];
            /** Format: uuid */
            id: string;
            image: components["schemas"]["ImageFactsResponse"];
            model: components["schemas"]["ModelRefResponse"];
            /** @description Every enforced policy that was scored */
            policies: components["schemas"]["PolicyResultResponse"][];
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /**
             * @description Why, in plain language, one line per acting policy
             * @example [
             *       "weapons: 0.312 >= block 0.3 (\"a photo of a handgun\")"
             *     ]
             */
            reasons: string[];
            /** @description Shadow policies: scored, never acting */
            shadow: components["schemas"]["PolicyResultResponse"][];
            timings: components["schemas"]["TimingsResponse"];
            /** @description Present only when the model could not screen the image and the key's failure mode answered */
            unscreened?: boolean;
        };
        ModerationViewResponse: {
            /** @description Async: runs started so far */
            attempts: number | null;
            /** Format: uuid */
            batch_id: string | null;
            /**
             * @description Name of the API key that submitted it
             * @example uploader
             */
            client: string;
            /** Format: date-time */
            created_at: string;
            /**
             * @description null until decided
             * @enum {string|null}
             */
            decision: "allow" | "flag" | "blur" | "block" | null;
            /** @description Recorded moderations: length of the stored image embedding */
            embedding_dim: number | null;
            /** @description Failed jobs: why */
            error: components["schemas"]["ItemErrorResponse"] | null;
            external_id: string | null;
            /** Format: date-time */
            finished_at: string | null;
            /** Format: uuid */
            id: string;
            image: components["schemas"]["StoredImageResponse"] | null;
            model: components["schemas"]["ModelRefResponse"] | null;
            /** @enum {string} */
            object: "moderation";
            policies: components["schemas"]["PolicyResultResponse"][] | null;
            policy_set: components["schemas"]["PolicySetRefResponse"] | null;
            reasons: string[] | null;
            /** @description Whether a moderation record backs the decision fields (RECORD_MODE) */
            recorded: boolean;
            /** @description Async: the answer exactly as a synchronous call returns it */
            result: components["schemas"]["ModerationResponse"] | null;
            shadow: components["schemas"]["PolicyResultResponse"][] | null;
            /** Format: date-time */
            started_at: string | null;
            /**
             * @description Synchronous moderations are succeeded
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed";
            /** @description Async URL intake: the URL */
            url: string | null;
        };
        NoChecks: Record<string, never>;
        PatchSubscriptionBody: {
            description?: string | null;
            /**
             * @description a JSON boolean; a disabled endpoint has its deliveries held until it is enabled
             * @default true
             */
            enabled: boolean;
            /** @description event types to receive (default: all) */
            events?: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled")[];
            /**
             * @description http(s) URL of the receiver, at most 2048 characters; judged by the SSRF rules
             * @example https://platform.example/hooks/clipguard
             */
            url?: string;
        };
        PoliciesCheck: {
            /**
             * @description Why the check is down
             * @example the blob folder is not writable (EEXIST)
             */
            message?: string;
            /**
             * @description The active compiled policy set
             * @example default
             */
            name?: string;
            /**
             * @description Policies in the set
             * @example 7
             */
            policies?: number;
            /**
             * @description How long the check took (ms)
             * @example 1
             */
            responseTime?: number;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
            /** @example 6d5d27e3567d */
            version?: string;
        };
        PolicyResultResponse: {
            /**
             * @description This policy's action for the image
             * @example block
             * @enum {string}
             */
            action: "allow" | "flag" | "blur" | "block";
            /**
             * @description Contrastive policies: the closest contrast (look-alike) prompt
             * @example a photo of a hair dryer
             */
            closest_contrast?: string;
            /**
             * @description Contrastive policies: cosine of the image and closest_contrast
             * @example 0.21
             */
            contrast_similarity?: number;
            /**
             * @description Policies with example images: the best image-to-image cosine
             * @example 0.91
             */
            example_score?: number;
            /** @description Policies with example images: thresholds of example_score */
            example_thresholds?: components["schemas"]["ThresholdsResponse"];
            /**
             * @description Animated images: the frame index that scored highest
             * @example 2
             */
            frame?: number;
            /** @description Policies with example images: the example that matched best */
            matched_example?: string | null;
            /**
             * @description The prompt closest to the image
             * @example a photo of a handgun
             */
            matched_prompt: string | null;
            /**
             * @description Cosine similarity of the image and matched_prompt
             * @example 0.298
             */
            matched_similarity: number;
            /**
             * @description The policy's mode (enforce, or shadow: scored, never acting)
             * @example enforce
             */
            mode: string;
            /** @example weapons */
            policy_id: string;
            /**
             * @description Calibrated policies: the score before Platt scaling
             * @example 0.29
             */
            raw_score?: number;
            /**
             * @description The score compared with the thresholds (a probability for calibrated policies)
             * @example 0.312
             */
            score: number;
            /**
             * @description The policy's severity
             * @example high
             */
            severity: string;
            thresholds: components["schemas"]["ThresholdsResponse"];
        };
        PolicySetRefResponse: {
            /** @example default */
            name: string;
            /**
             * @description Content hash of the policy set that decided
             * @example c0ffee12
             */
            version: string;
        };
        ReadinessChecks: {
            blob_storage?: components["schemas"]["BlobStorageCheck"];
            database?: components["schemas"]["DatabaseCheck"];
            model?: components["schemas"]["ModelCheck"];
            policies?: components["schemas"]["PoliciesCheck"];
            shutdown?: components["schemas"]["ShutdownCheck"];
        };
        ReadinessResponse: {
            /** @description Every check */
            details: components["schemas"]["ReadinessChecks"];
            /** @description The checks that are down (empty when ready) */
            error: components["schemas"]["ReadinessChecks"];
            /** @description The checks that are up */
            info: components["schemas"]["ReadinessChecks"];
            /**
             * @example ok
             * @enum {string}
             */
            status: "ok" | "error";
        };
        SearchHitResponse: {
            /**
             * @description Name of the API key that submitted it
             * @example uploader
             */
            client: string;
            /** Format: date-time */
            created_at: string;
            /** @enum {string} */
            decision: "allow" | "flag" | "blur" | "block";
            external_id: string | null;
            /** Format: uuid */
            moderation_id: string;
            /** @description The policy-set version that decided */
            policy_set_version: string;
            /** @description SHA-256 of the image, hex */
            sha256: string;
            /**
             * @description Cosine similarity to the query
             * @example 0.281
             */
            similarity: number;
        };
        SearchModelResponse: {
            /** @example emoji-clip-demo */
            id: string;
        };
        SearchResponse: {
            /** @description Best first */
            items: components["schemas"]["SearchHitResponse"][];
            model: components["schemas"]["SearchModelResponse"];
            /**
             * @description Time the search took
             * @example 1.4
             */
            search_ms: number;
            /**
             * @description Embeddings in the index
             * @example 1200
             */
            searched: number;
        };
        ShutdownCheck: {
            /**
             * @description true once SIGTERM/SIGINT started draining: no longer ready for new traffic
             * @example false
             */
            draining: boolean;
            /**
             * @description Why the check is down
             * @example the blob folder is not writable (EEXIST)
             */
            message?: string;
            /**
             * @description How long the check took (ms)
             * @example 1
             */
            responseTime?: number;
            /**
             * @example up
             * @enum {string}
             */
            status: "up" | "down";
        };
        StoredImageResponse: {
            /** @example 48213 */
            bytes: number;
            /**
             * Format: date-time
             * @description Recorded moderations: when retention deleted the stored image
             */
            deleted_at?: string | null;
            /** @example png */
            format: string;
            /** @example 1 */
            frames: number;
            /**
             * @description From an answer not kept as a record: frames the model scored
             * @example 1
             */
            frames_scored?: number;
            /** @example 512 */
            height: number;
            /** @description Recorded moderations: whether the image itself is stored (KEEP_IMAGES) */
            kept?: boolean;
            /** @example 9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e */
            sha256: string;
            /** @example 512 */
            width: number;
        };
        ThresholdsResponse: {
            /**
             * @description Score from which the policy blocks
             * @example 0.3
             */
            block?: number;
            /**
             * @description Score from which the policy blurs
             * @example 0.27
             */
            blur?: number;
            /**
             * @description Score from which the policy flags
             * @example 0.24
             */
            flag?: number;
        };
        TimingsResponse: {
            /** @example 0.05 */
            decide_ms: number;
            /** @example 4.1 */
            decode_ms: number;
            /** @example 18.7 */
            inference_ms: number;
            /** @example 0.3 */
            queue_ms: number;
            /** @example 25.2 */
            total_ms: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    Health_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessResponse"];
                };
            };
        };
    };
    Health_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok",
                     *       "info": {
                     *         "database": {
                     *           "status": "up",
                     *           "dialect": "sqlite",
                     *           "responseTime": 2
                     *         },
                     *         "model": {
                     *           "status": "up",
                     *           "id": "emoji-clip-demo",
                     *           "load_ms": 1934,
                     *           "workers": 1,
                     *           "busy_workers": 0,
                     *           "queue_depth": 0
                     *         },
                     *         "policies": {
                     *           "status": "up",
                     *           "name": "default",
                     *           "version": "6d5d27e3567d",
                     *           "policies": 7
                     *         },
                     *         "blob_storage": {
                     *           "status": "up",
                     *           "responseTime": 1
                     *         },
                     *         "shutdown": {
                     *           "status": "up",
                     *           "draining": false
                     *         }
                     *       },
                     *       "error": {},
                     *       "details": {
                     *         "database": {
                     *           "status": "up",
                     *           "dialect": "sqlite",
                     *           "responseTime": 2
                     *         },
                     *         "model": {
                     *           "status": "up",
                     *           "id": "emoji-clip-demo",
                     *           "load_ms": 1934,
                     *           "workers": 1,
                     *           "busy_workers": 0,
                     *           "queue_depth": 0
                     *         },
                     *         "policies": {
                     *           "status": "up",
                     *           "name": "default",
                     *           "version": "6d5d27e3567d",
                     *           "policies": 7
                     *         },
                     *         "blob_storage": {
                     *           "status": "up",
                     *           "responseTime": 1
                     *         },
                     *         "shutdown": {
                     *           "status": "up",
                     *           "draining": false
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ReadinessResponse"];
                };
            };
            /** @description At least one check is down (listed under error) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "info": {
                     *         "database": {
                     *           "status": "up",
                     *           "dialect": "sqlite",
                     *           "responseTime": 2
                     *         },
                     *         "model": {
                     *           "status": "up",
                     *           "id": "emoji-clip-demo",
                     *           "load_ms": 1934,
                     *           "workers": 1,
                     *           "busy_workers": 0,
                     *           "queue_depth": 0
                     *         },
                     *         "policies": {
                     *           "status": "up",
                     *           "name": "default",
                     *           "version": "6d5d27e3567d",
                     *           "policies": 7
                     *         },
                     *         "shutdown": {
                     *           "status": "up",
                     *           "draining": false
                     *         }
                     *       },
                     *       "error": {
                     *         "blob_storage": {
                     *           "status": "down",
                     *           "message": "the blob folder is not writable (EROFS)",
                     *           "responseTime": 1
                     *         }
                     *       },
                     *       "details": {
                     *         "database": {
                     *           "status": "up",
                     *           "dialect": "sqlite",
                     *           "responseTime": 2
                     *         },
                     *         "model": {
                     *           "status": "up",
                     *           "id": "emoji-clip-demo",
                     *           "load_ms": 1934,
                     *           "workers": 1,
                     *           "busy_workers": 0,
                     *           "queue_depth": 0
                     *         },
                     *         "policies": {
                     *           "status": "up",
                     *           "name": "default",
                     *           "version": "6d5d27e3567d",
                     *           "policies": 7
                     *         },
                     *         "blob_storage": {
                     *           "status": "down",
                     *           "message": "the blob folder is not writable (EROFS)",
                     *           "responseTime": 1
                     *         },
                     *         "shutdown": {
                     *           "status": "up",
                     *           "draining": false
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ReadinessResponse"];
                };
            };
        };
    };
    Metrics_render: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every metric with its HELP and TYPE lines */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Audit_list: {
        parameters: {
            query?: {
                /** @description e.g. moderation.created, review.claimed, review.decided, image.revealed */
                action?: string;
                /** @description Who acted: an API key name, "system" or "file:<name>" */
                actor?: string;
                /** @description next_cursor of the previous page, unchanged */
                cursor?: string;
                entity_id?: string;
                /** @description e.g. moderation, review, policy_set, webhook */
                entity_type?: string;
                /** @description json: one page; ndjson and csv: every matching entry, streamed */
                format?: "json" | "ndjson" | "csv";
                /** @description At or after (ISO-8601 or epoch milliseconds) */
                from?: string;
                /** @description Entries per JSON page */
                limit?: number;
                /** @description Before (ISO-8601 or epoch milliseconds) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description format=json: one page; format=ndjson: one AuditEntry per line; format=csv: a header line and one row per entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageResponse"];
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Error codes: invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Embeddings_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description One image, or JSON texts */
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmbeddingsJsonBodyDto"];
                "application/octet-stream": string;
                "image/avif": string;
                "image/gif": string;
                "image/jpeg": string;
                "image/png": string;
                "image/tiff": string;
                "image/webp": string;
                "multipart/form-data": components["schemas"]["EmbeddingsFormFieldsDto"] & {
                    /** Format: binary */
                    image: string;
                };
            };
        };
        responses: {
            /** @description One embedding per text, or one for the image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbeddingsResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, missing_image, invalid_base64, invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large, image_too_many_pixels, image_too_many_frames, image_too_complex */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unsupported_media_type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: image_undecodable */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: overloaded, model_unavailable, deadline_exceeded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Moderation_create: {
        parameters: {
            query?: {
                /** @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). Only true or false */
                async?: boolean;
                /** @description Blurred rendition: none; inline (base64 in the answer when the decision is blur); always (base64 in every answer); image (the blurred image itself is the answer body, synchronous single moderations only) */
                blur?: "none" | "inline" | "always" | "image";
                /** @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks) */
                external_id?: string;
                /** @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON */
                policies?: string[];
            };
            header?: {
                /** @description Makes a retry safe: the same key and request answer the first answer again (per API key, 1..255 visible ASCII characters) */
                "Idempotency-Key"?: string;
                /** @description respond-async queues the moderation (202), as "async": true does (RFC 7240) */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description One image, in one of four forms */
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModerationJsonBodyDto"];
                "application/octet-stream": string;
                "image/avif": string;
                "image/gif": string;
                "image/jpeg": string;
                "image/png": string;
                "image/tiff": string;
                "image/webp": string;
                "multipart/form-data": components["schemas"]["ModerationFormFieldsDto"] & {
                    /** Format: binary */
                    image: string;
                };
            };
        };
        responses: {
            /** @description The decision with per-policy evidence, model id, policy-set version, image facts and timings; with blur=image the blurred image itself */
            200: {
                headers: {
                    /** @description true when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description blur=image only: the decision */
                    "X-Moderation-Decision"?: "allow" | "flag" | "blur" | "block";
                    /** @description blur=image only: the moderation id */
                    "X-Moderation-Id"?: string;
                    /** @description blur=image only: the policy-set version */
                    "X-Policy-Set-Version"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModerationResponse"];
                    "image/avif": string;
                    "image/gif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/tiff": string;
                    "image/webp": string;
                };
            };
            /** @description Queued (async): poll status_url */
            202: {
                headers: {
                    /** @description true when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description The moderation resource to poll */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModerationAcceptedResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, missing_image, invalid_base64, invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: idempotency_key_in_use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large, image_too_many_pixels, image_too_many_frames, image_too_complex */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unsupported_media_type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: image_undecodable, idempotency_key_reused, url_not_allowed, url_fetch_failed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: overloaded, model_unavailable, deadline_exceeded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Jobs_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The moderation id (from the answer or the 202 of an async submission) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The moderation resource */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModerationViewResponse"];
                };
            };
            /** @description Error codes: invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Appeals_appeal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAppealDto"];
            };
        };
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Jobs_batch: {
        parameters: {
            query?: {
                /** @description true: queue the moderation and answer 202 with a job id (as Prefer: respond-async). Only true or false */
                async?: boolean;
                /** @description Blurred rendition in each item's result: none, inline (when the decision is blur) or always (blur=image is not available in a batch) */
                blur?: "none" | "inline" | "always";
                /** @description The caller's own id for the image (kept with the record, echoed in the answer and in webhooks) */
                external_id?: string;
                /** @description Only these policies decide (all active ones when absent): a comma-separated list in a query string or form field, or an array in JSON */
                policies?: string[];
            };
            header?: {
                /** @description Makes a retry safe: the same key and request answer the first answer again (per API key, 1..255 visible ASCII characters) */
                "Idempotency-Key"?: string;
                /** @description respond-async queues the moderation (202), as "async": true does (RFC 7240) */
                Prefer?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description Up to BATCH_MAX_ITEMS images */
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchJsonBodyDto"];
                "multipart/form-data": components["schemas"]["BatchFormFieldsDto"] & {
                    images: string[];
                };
            };
        };
        responses: {
            /** @description Every item decided or failed */
            200: {
                headers: {
                    /** @description true when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description Async: the good items queued (status 202 each), the bad ones with their errors */
            202: {
                headers: {
                    /** @description true when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, missing_image, invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: idempotency_key_in_use */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large, too_many_items */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unsupported_media_type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: idempotency_key_reused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: internal_error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: overloaded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Policies_active: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Policies_evaluate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Policies_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Policies_shadowStats: {
        parameters: {
            query?: {
                /** @description ISO time; default 7 days ago */
                from?: string;
                /** @description only moderations decided by this set version */
                policy_set_version?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Policies_validate: {
        parameters: {
            query?: {
                /** @description validate the document alone instead of in place of its namesake in the active set */
                standalone?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_get: {
        parameters: {
            query?: {
                version?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_put: {
        parameters: {
            query?: {
                /** @description default true; false stores the version without serving it */
                activate?: string;
                comment?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_remove: {
        parameters: {
            query?: {
                comment?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_activate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    version: number;
                };
            };
        };
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_calibrate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PolicySets_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                decision?: "allow" | "flag" | "blur" | "block";
                /** @description ISO time or epoch ms (opened at or after) */
                from?: unknown;
                limit?: unknown;
                min_score?: unknown;
                order?: "oldest" | "score";
                policy?: unknown;
                status?: "open" | "claimed" | "escalated" | "closed";
                to?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { items: [...], next_cursor } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note?: string;
                    policies?: string[];
                    /** @enum {unknown} */
                    verdict: "uphold" | "overturn" | "escalate";
                };
            };
        };
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_image: {
        parameters: {
            query?: {
                /** @description required with reveal=true (400 reveal_reason_required) unless REVIEW_REVEAL_REASON_REQUIRED=false */
                reason?: unknown;
                reveal?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_release: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_next: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    decision?: "allow" | "flag" | "blur" | "block";
                    min_score?: number;
                    /** @enum {unknown} */
                    order?: "oldest" | "score";
                    policy?: string;
                    /** @enum {unknown} */
                    status?: "open" | "escalated";
                };
            };
        };
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Reviews_stats: {
        parameters: {
            query?: {
                /** @description default: 7 days before `to` */
                from?: unknown;
                /** @description default: now */
                to?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Search_find: {
        parameters: {
            query?: {
                /** @description Only these decisions, comma-separated */
                decision?: string;
                /** @description Created at or after (ISO-8601 or epoch milliseconds) */
                from?: string;
                /** @description How many results */
                limit?: number;
                /** @description Only moderations in which this policy acted */
                policy?: string;
                /** @description A text to search by (CLIP text embedding). Give this or similar_to */
                q?: string;
                /** @description A moderation id: its near duplicates (by image embedding). Give this or q */
                similar_to?: string;
                /** @description Created before (ISO-8601 or epoch milliseconds) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best matches, best first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponse"];
                };
            };
            /** @description Error codes: invalid_parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: not_ready, overloaded, model_unavailable, deadline_exceeded */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSubscriptionBody"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchSubscriptionBody"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_deliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_secret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Webhooks_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
