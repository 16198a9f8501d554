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
    "/ui/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session the cookie names (401 when none is live): who, roles, CSRF token, expiry */
        get: operations["UiSession_current"];
        put?: never;
        /** Sign in with an API key (header X-Requested-With required): sets an HttpOnly SameSite=Strict session cookie; 403 for an ingest-only key */
        post: operations["UiSession_signIn"];
        /** Sign out (X-CSRF-Token required): ends the session and clears the cookie */
        delete: operations["UiSession_signOut"];
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
    "/v1/banks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The banks (not deleted), by name, with their live entry counts */
        get: operations["Banks_list"];
        put?: never;
        /** Create a hash bank (action, PDQ distance threshold, minimum quality, enforce or shadow, dihedral, embedding threshold) */
        post: operations["Banks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One bank */
        get: operations["Banks_get"];
        put?: never;
        post?: never;
        /** Delete a bank and its entries (soft: kept, marked deleted, audited; the name is free again) */
        delete: operations["Banks_remove"];
        options?: never;
        head?: never;
        /** Change a bank's settings (audited with before and after) */
        patch: operations["Banks_update"];
        trace?: never;
    };
    "/v1/banks/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bank's live entries in id order, a page at a time (?after= the previous page's next_after) */
        get: operations["Banks_entries"];
        put?: never;
        /** Add one hash (pdq, sha256 or md5) with labels */
        post: operations["Banks_addEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}/entries/{entryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove one entry (soft: marked deleted, audited) */
        delete: operations["Banks_deleteEntry"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}/entries/from-moderation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bank a recorded moderation's image (its PDQ, SHA-256 and embedding): the review loop; an appeal that overturns the moderation removes these entries */
        post: operations["Banks_fromModeration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}/entries/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an image (raw image/* body): its PDQ (when its quality reaches the bank's minimum) and SHA-256, stored with its CLIP embedding */
        post: operations["Banks_addImage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A bank's live entries as a bank file (CSV by default, or ?format=jsonl), importable here or into HMA */
        get: operations["Banks_exportFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/banks/{id}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk import a bank file (CSV or JSON lines, HMA field names: signal_type, signal_value, bank, labels); values the bank holds are skipped; any bad line refuses the file unless ?partial=true */
        post: operations["Banks_importFile"];
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
    "/v1/moderations/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The blurred preview of a kept moderation image (search results), or of one frame of an animation (?frame=N); originals are revealed only through a review item */
        get: operations["Preview_preview"];
        put?: never;
        post?: never;
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
    "/v1/records-by-hash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Moderation records near a PDQ hash (Hamming distance <= distance, default 31) or with this SHA-256, nearest first */
        get: operations["RecordsByHash_find"];
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
        /**
         * Atomically claim the next eligible item for the caller (204 when the queue is empty)
         * @description The filters come as the query string or as a JSON body, not both (400 invalid_parameter, constraint oneSource, naming each body field). Without filters: the oldest open item.
         */
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
    "/v1/search/image": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Near duplicates of an uploaded image (multipart "image" or a raw image/* body) among stored records; the image itself is not stored */
        post: operations["Search_byImage"];
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
        /**
         * Subscribe an endpoint; the answer carries the signing secret
         * @description enabled is a JSON boolean; unknown fields are refused.
         */
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
        /** One subscription */
        get: operations["Webhooks_get"];
        put?: never;
        post?: never;
        /** Delete a subscription and its delivery log */
        delete: operations["Webhooks_remove"];
        options?: never;
        head?: never;
        /**
         * Change url, events, description, or enable/disable
         * @description The same checks as create. Enabling sends the deliveries held while disabled.
         */
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
        /** Delivery log, newest first, each with its attempts */
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
        ActivatePolicySetDto: {
            /**
             * @description Why; kept with the version or activation and in the audit log (the X-Change-Comment header works too)
             * @example tighten weapons after the November review
             */
            comment?: string;
            /**
             * @description The stored version to serve (rollback: an older one)
             * @example 2
             */
            version: number;
        };
        AddedEntriesView: {
            /** @description Entries added (a value the bank already holds is not added again) */
            added: components["schemas"]["EntryView"][];
            /** @description Entries the bank already held */
            existing: components["schemas"]["EntryView"][];
            /** @description The image's PDQ (hex) and quality, when hashed here */
            pdq?: string;
            pdq_quality?: number;
            /** @description Why no PDQ entry was added (quality below the bank minimum) */
            pdq_skipped?: string;
        };
        AddEntryDto: {
            /**
             * @description Labels (at most 32, each at most 100 characters, no commas or semicolons)
             * @example [
             *       "spam"
             *     ]
             */
            labels?: string[];
            /** @enum {string} */
            signal_type: "pdq" | "sha256" | "md5";
            /**
             * @description The hash in hex: 64 digits for pdq and sha256, 32 for md5
             * @example f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22
             */
            signal_value: string;
            /** @description Where the hash came from (free text) */
            source?: string;
        };
        AtThresholdsResponse: {
            block?: components["schemas"]["ScoredConfusionResponse"];
            blur?: components["schemas"]["ScoredConfusionResponse"];
            flag?: components["schemas"]["ScoredConfusionResponse"];
        };
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
        BankDeletedView: {
            /** @description Entries soft-deleted with the bank */
            entries_deleted: number;
            id: string;
            name: string;
        };
        BankListView: {
            items: components["schemas"]["BankView"][];
        };
        BankMatchResponse: {
            /**
             * @description The bank's action
             * @enum {string}
             */
            action: "flag" | "blur" | "block";
            /**
             * @description The bank's name
             * @example known-weapons
             */
            bank: string;
            /**
             * @description The bank
             * @example 2b7c1a9e-5d4f-4e8a-9c3b-6f1d2e0a8b7c
             */
            bank_id: string;
            /**
             * @description PDQ signals: Hamming distance to the entry
             * @example 6
             */
            distance?: number;
            /**
             * @description The matched entry
             * @example 42
             */
            entry_id: number;
            /** @description The entry's labels */
            labels: string[];
            /** @enum {string} */
            mode: "enforce" | "shadow";
            /**
             * @description PDQ signals: the upload's PDQ quality
             * @example 100
             */
            quality?: number;
            /**
             * @description Which signal matched
             * @enum {string}
             */
            signal: "pdq" | "pdq-dihedral" | "sha256" | "md5" | "embedding";
            /**
             * @description embedding: cosine similarity to the entry
             * @example 0.97
             */
            similarity?: number;
            /**
             * @description The bank's threshold for this signal (PDQ distance or embedding cosine)
             * @example 31
             */
            threshold?: number;
            /**
             * @description pdq-dihedral: the rotation or mirror that matched
             * @example flipY
             */
            transform?: string;
        };
        BankView: {
            /** @enum {string} */
            action: "block" | "flag" | "blur";
            /** Format: date-time */
            created_at: string;
            dihedral: boolean;
            distance_threshold: number;
            embedding_threshold: number | null;
            enabled: boolean;
            /** @description Live entries */
            entries: number;
            id: string;
            min_quality: number;
            /** @enum {string} */
            mode: "enforce" | "shadow";
            name: string;
            /** Format: date-time */
            updated_at: string;
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
        CalibratePolicySetDto: {
            /**
             * @description Serve the calibrated version at once (check its thresholds first: they are now probabilities)
             * @default false
             */
            activate: boolean;
            /**
             * @description Why; kept with the version or activation and in the audit log (the X-Change-Comment header works too)
             * @example tighten weapons after the November review
             */
            comment?: string;
            /**
             * @description source=verdicts: decided at or after (ISO-8601 or epoch ms)
             * @example 2026-11-01T00:00:00Z
             */
            from?: string;
            /**
             * @description source=verdicts: at most this many samples (capped at POLICY_EVAL_MAX_SAMPLES)
             * @example 500
             */
            limit?: number;
            /**
             * @description Only these policies of the document (default: all with prompts); multipart: comma-separated
             * @example [
             *       "weapons",
             *       "tobacco"
             *     ]
             */
            policies?: string[];
            /**
             * Format: binary
             * @description multipart: a .tar or .tar.gz of <policy id>/<image> and none/<image> (a file part)
             */
            samples?: string;
            /**
             * @description verdicts: use final moderator verdicts (uphold/overturn) with stored embeddings instead of an archive
             * @enum {string}
             */
            source?: "verdicts";
            /**
             * @description source=verdicts: decided before (ISO-8601 or epoch ms)
             * @example 2026-12-01T00:00:00Z
             */
            to?: string;
        };
        CreateAppealDto: {
            /**
             * @description The appellant's reason, shown to the moderator who takes the review item
             * @example This is a kitchen knife in a cooking tutorial.
             */
            reason: string;
        };
        CreateBankDto: {
            /**
             * @description What a match does to the decision (the most severe action wins, with the CLIP policies)
             * @enum {string}
             */
            action: "block" | "flag" | "blur";
            /**
             * @description Also match the 8 rotations and mirrors of the upload's PDQ
             * @default false
             */
            dihedral: boolean;
            /**
             * @description PDQ matches at Hamming distance <= this (of 256 bits)
             * @default 31
             */
            distance_threshold: number;
            /** @description Match entries stored with an image embedding at cosine >= this; null: no embedding matching. Default for a new bank: BANKS_EMBEDDING_THRESHOLD (0.93, measured with the demo model: docs/hashing.md) */
            embedding_threshold?: number | null;
            /**
             * @description A disabled bank matches nothing
             * @default true
             */
            enabled: boolean;
            /**
             * @description Uploads whose PDQ quality is below this are not matched by PDQ (flat images collide)
             * @default 50
             */
            min_quality: number;
            /**
             * @description shadow: matches are recorded as evidence and never change the decision
             * @default enforce
             * @enum {string}
             */
            mode: "enforce" | "shadow";
            /**
             * @description Unique name (used in bank files and the CLI)
             * @example known-bad
             */
            name: string;
        };
        CreatedSubscriptionResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /**
             * @description Name of the API key that created it
             * @example admin
             */
            created_by: string;
            /** @example uploads platform, production */
            description: string | null;
            /**
             * Format: date-time
             * @description When it was disabled (by an admin or after failing for WEBHOOK_DISABLE_AFTER_MS)
             * @example 2026-12-05T07:30:00.000Z
             */
            disabled_at: string | null;
            /** @example failing since 2026-12-04T07:30:00.000Z */
            disabled_reason: string | null;
            /** @description false: deliveries are held until it is enabled again */
            enabled: boolean;
            events: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled" | "bank.match" | "bank.changed")[];
            /**
             * Format: date-time
             * @description Start of the current run of failed deliveries
             * @example 2026-12-05T07:30:00.000Z
             */
            failing_since: string | null;
            /** @example 6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b */
            id: string;
            /**
             * @description The signing secret (Standard Webhooks); GET /v1/webhooks/{id}/secret reads it again
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /** @description Present while a rotated-out secret still signs */
            secret_rotation: components["schemas"]["SecretRotationResponse"] | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            updated_at: string;
            /** @example https://platform.example/hooks/clipguard */
            url: string;
        };
        CreateSubscriptionDto: {
            /**
             * @description Free text for people; null clears it
             * @example uploads platform, production
             */
            description?: string | null;
            /**
             * @description A JSON boolean (true/false only; "yes", 1 and "false" are refused). A disabled endpoint has its deliveries held until it is enabled again. Default on create: true.
             * @example true
             */
            enabled?: boolean;
            /**
             * @description Event types to receive (default on create: all); duplicates are ignored
             * @example [
             *       "moderation.completed",
             *       "review.decided"
             *     ]
             */
            events?: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled" | "bank.match" | "bank.changed")[];
            /**
             * @description http(s) URL of the receiver; its address is judged by the SSRF rules (WEBHOOK_ALLOW_PRIVATE)
             * @example https://platform.example/hooks/clipguard
             */
            url: string;
        };
        CurvePointResponse: {
            precision: number;
            recall: number;
            threshold: number;
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
        DecideReviewDto: {
            /**
             * @description Why; kept with the decision and in the audit log
             * @example kitchen knife, cooking context
             */
            note?: string;
            /**
             * @description The policies the verdict concerns (default: every policy that sent the item to review); each must have fired on the item (422 policy_not_fired), except that an admin may name one that was only scored
             * @example [
             *       "weapons"
             *     ]
             */
            policies?: string[];
            /**
             * @description uphold: the automatic decision stands; overturn: it was wrong; escalate: for a senior moderator (the item stays open as escalated)
             * @enum {string}
             */
            verdict: "uphold" | "overturn" | "escalate";
        };
        DeliveryAttemptResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            at: string;
            /** @example 1 */
            attempt: number;
            /** @example 42 */
            duration_ms: number;
            /** @example null */
            error: string | null;
            /**
             * @description The instance that made the attempt
             * @example host-1:4242
             */
            instance: string;
            /** @description The start of the answer body */
            response: string | null;
            /**
             * @description HTTP status of the answer; null when none came
             * @example 204
             */
            status_code: number | null;
        };
        DeliveryListResponse: {
            items: components["schemas"]["DeliveryResponse"][];
            /** @description Pass as ?before= for the next page; null on the last page */
            next_cursor: string | null;
        };
        DeliveryResponse: {
            /** @example 1 */
            attempts: number;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            delivered_at: string | null;
            /** @description The outbox event (webhook-id is msg_<event id>) */
            event_id: string;
            /** @enum {string} */
            event_type: "moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled" | "bank.match" | "bank.changed";
            /** @description Pending while the endpoint is disabled; it goes out when the endpoint is enabled again */
            held: boolean;
            id: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            last_attempt_at: string | null;
            /** @example null */
            last_error: string | null;
            /** @example 204 */
            last_status: number | null;
            /** @description Attempts, in order (empty on the redeliver answer) */
            log: components["schemas"]["DeliveryAttemptResponse"][];
            /**
             * Format: date-time
             * @description Set while pending
             * @example 2026-12-05T07:30:00.000Z
             */
            next_attempt_at: string | null;
            /**
             * @description X-Request-Id of the request that caused the event (for an async moderation, the submitting request), also sent as the X-Request-Id header of each attempt; null when no request caused it
             * @example req-7f3a
             */
            request_id: string | null;
            /** @enum {string} */
            status: "pending" | "delivering" | "delivered" | "failed";
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
        EntryListView: {
            items: components["schemas"]["EntryView"][];
            /** @description Pass as ?after= for the next page; null at the end */
            next_after: number | null;
        };
        EntryView: {
            added_by: string;
            bank_id: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            deleted_at: string | null;
            /** @description A CLIP image embedding is stored with it (the embedding signal) */
            has_embedding: boolean;
            id: number;
            labels: string[];
            moderation_id: string | null;
            /** @enum {string} */
            signal_type: "pdq" | "sha256" | "md5";
            signal_value: string;
            source: string | null;
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
        EvaluateDraftDto: {
            /**
             * @description source=verdicts: decided at or after (ISO-8601 or epoch ms)
             * @example 2026-11-01T00:00:00Z
             */
            from?: string;
            /**
             * @description source=verdicts: at most this many samples (capped at POLICY_EVAL_MAX_SAMPLES)
             * @example 500
             */
            limit?: number;
            /** @description The draft policy-set document: YAML text (a text field or file part), or in JSON the document object; absent: the active set */
            policy?: string | {
                [key: string]: unknown;
            };
            /**
             * Format: binary
             * @description multipart: a .tar or .tar.gz of <policy id>/<image> and none/<image> (a file part)
             */
            samples?: string;
            /**
             * @description verdicts: use final moderator verdicts (uphold/overturn) with stored embeddings instead of an archive
             * @enum {string}
             */
            source?: "verdicts";
            /**
             * @description Judge the draft alone instead of in place of its namesake in the active set (true/false)
             * @default false
             */
            standalone: boolean;
            /**
             * @description Report the lowest threshold reaching this precision, in (0, 1]
             * @default 0.9
             */
            target_precision: number;
            /**
             * @description Report the highest threshold reaching this recall, in (0, 1]
             * @default 0.9
             */
            target_recall: number;
            /**
             * @description source=verdicts: decided before (ISO-8601 or epoch ms)
             * @example 2026-12-01T00:00:00Z
             */
            to?: string;
        };
        EvaluationReportResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Samples that could not be decoded */
            failed: components["schemas"]["FailedSampleResponse"][];
            model_id: string | null;
            outcomes: components["schemas"]["SampleOutcomeResponse"][];
            /** @description Image level: decision != allow against "label is not none" */
            overall: components["schemas"]["ScoredConfusionResponse"];
            policies: components["schemas"]["PolicyEvaluationResponse"][];
            policy_set: components["schemas"]["PolicySetRefResponse"];
            samples: components["schemas"]["SampleCountsResponse"];
            /** @description Archive entries that were not images in <label>/ folders */
            skipped: string[];
            /** @enum {string} */
            source: "archive" | "verdicts";
            targets: components["schemas"]["TargetsResponse"];
            /** @description Labels that name no policy of the set (negatives everywhere) */
            unknown_labels: string[];
        };
        FailedSampleResponse: {
            error: string;
            name: string;
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
        FramePolicyScoreResponse: {
            /**
             * @description The action this frame alone would get from the policy
             * @example blur
             * @enum {string}
             */
            action: "allow" | "flag" | "blur" | "block";
            /** @example weapons */
            policy_id: string;
            /**
             * @description The policy's score on this frame alone (compare with the policy's thresholds in `policies`)
             * @example 0.287
             */
            score: number;
        };
        FrameScoresResponse: {
            /**
             * @description The frame number in the animation (0-based; sampling may skip frames)
             * @example 3
             */
            frame: number;
            /** @description Every enforced policy that was scored, in the order of `policies` */
            policies: components["schemas"]["FramePolicyScoreResponse"][];
        };
        FromModerationDto: {
            /**
             * @description Labels (at most 32, each at most 100 characters, no commas or semicolons)
             * @example [
             *       "spam"
             *     ]
             */
            labels?: string[];
            /** @description The recorded moderation whose image is banked (its PDQ, SHA-256 and embedding) */
            moderation_id: string;
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
             * @description PDQ hash of the first frame, 64 hex digits (absent when it could not be hashed)
             * @example f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22
             */
            pdq?: string;
            /**
             * @description The PDQ hash's quality (below a bank's min_quality it is not matched)
             * @example 100
             */
            pdq_quality?: number;
            /**
             * @description SHA-256 of the uploaded bytes, hex
             * @example 9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e
             */
            sha256: string;
            /** @example 512 */
            width: number;
        };
        ImportLineError: {
            field: string;
            line: number;
            message: string;
        };
        ImportResultView: {
            errors: components["schemas"]["ImportLineError"][];
            errors_truncated: boolean;
            /** @description Entries added */
            inserted: number;
            /** @description Good records in the file */
            records: number;
            /** @description Records the bank already held */
            skipped: number;
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
            /** @description Enforced bank matches (present only when one matched); they take part in the decision */
            banks?: components["schemas"]["BankMatchResponse"][];
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
            /** @description Animations only (more than one sampled frame): every sampled frame, in order, with each enforced policy's score and action on it; `policies` keeps the worst frame per policy. Absent for a still image */
            frames?: components["schemas"]["FrameScoresResponse"][];
            /** Format: uuid */
            id: string;
            image: components["schemas"]["ImageFactsResponse"];
            model: components["schemas"]["ModelRefResponse"];
            /** @description true when a block bank matched and the model did not run (BANKS_SKIP_CLIP_ON_BLOCK, or a model fault): no policy evidence */
            model_skipped?: boolean;
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
            /** @description Shadow banks' matches: evidence only (present only when one matched) */
            shadow_banks?: components["schemas"]["BankMatchResponse"][];
            timings: components["schemas"]["TimingsResponse"];
            /** @description Present only when the model could not screen the image and the key's failure mode answered */
            unscreened?: boolean;
        };
        ModerationViewResponse: {
            /** @description Async: runs started so far */
            attempts: number | null;
            /** @description Enforced bank matches (present only when one matched) */
            banks?: components["schemas"]["BankMatchResponse"][];
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
            /** @description Animations only: every sampled frame's per-policy scores (absent for a still image) */
            frames?: components["schemas"]["FrameScoresResponse"][];
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
            /** @description Shadow banks' matches (present only when one matched) */
            shadow_banks?: components["schemas"]["BankMatchResponse"][];
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
        NextReviewDto: {
            /**
             * @description Only items whose automatic decision was this
             * @enum {string}
             */
            decision?: "allow" | "flag" | "blur" | "block";
            /**
             * @description Only items whose highest policy score is at least this
             * @example 0.3
             */
            min_score?: number;
            /**
             * @description oldest: longest waiting first; score: highest score first
             * @default oldest
             * @enum {string}
             */
            order: "oldest" | "score";
            /**
             * @description Only items that this policy sent to review
             * @example weapons
             */
            policy?: string;
            /**
             * @description Take from open items (default) or escalated ones
             * @enum {string}
             */
            status?: "open" | "escalated";
        };
        NoChecks: Record<string, never>;
        PlattParamsResponse: {
            /** @example 31.2 */
            a: number;
            /** @example -8.4 */
            b: number;
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
        PolicyActivationResponse: {
            /** @example policy-admin */
            actor: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            at: string;
            comment: string | null;
        };
        PolicyCalibrationReportResponse: {
            /** @description Reliability of out-of-fold Platt probabilities */
            after: components["schemas"]["ReliabilityResponse"] | null;
            /** @description Reliability of the score as the engine produces it now */
            before: components["schemas"]["ReliabilityResponse"];
            /** @description Platt parameters fitted on all samples; null when too few of a class */
            fitted: components["schemas"]["PlattParamsResponse"] | null;
            /** @description Why nothing was fitted */
            note?: string;
        };
        PolicyCalibrationResultResponse: {
            brier_after?: number;
            brier_before?: number;
            /** @description Expected calibration error after (out of fold) */
            ece_after?: number;
            /** @description Expected calibration error before */
            ece_before?: number;
            /** @description null: not calibrated (see note) */
            fitted: components["schemas"]["PlattParamsResponse"] | null;
            negatives: number;
            /** @description Why it was not calibrated */
            note?: string;
            /** @example weapons */
            policy_id: string;
            positives: number;
        };
        PolicyEvaluationResponse: {
            /** @description "The policy acted" (any action) against the label */
            acted: components["schemas"]["ScoredConfusionResponse"];
            /** @description Confusion at each threshold the policy sets */
            at_thresholds: components["schemas"]["AtThresholdsResponse"];
            average_precision: number;
            calibrated: boolean;
            calibration: components["schemas"]["PolicyCalibrationReportResponse"];
            /** @description Precision-recall curve, threshold descending */
            curve: components["schemas"]["CurvePointResponse"][];
            for_precision: components["schemas"]["TargetPointResponse"] | null;
            for_recall: components["schemas"]["TargetPointResponse"] | null;
            /** @enum {string} */
            mode: "enforce" | "shadow";
            negatives: number;
            /** @example weapons */
            policy_id: string;
            positives: number;
            /** @enum {string} */
            scoring: "similarity" | "softmax" | "contrastive";
            thresholds: components["schemas"]["ThresholdsResponse"];
        };
        PolicyIssueResponse: {
            /** @example 7 */
            column: number;
            /** @example default.yaml */
            file: string;
            /** @enum {string} */
            level: "error" | "warning";
            /** @example 12 */
            line: number;
            /** @example flag must be below blur */
            message: string;
            /**
             * @description Path in the document ("" for the root)
             * @example policies[2].thresholds.flag
             */
            path: string;
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
        PolicyScoreResponse: {
            /** @enum {string} */
            action: "allow" | "flag" | "blur" | "block";
            /** @description Contrastive scoring: the closest contrast prompt */
            closest_contrast?: string;
            contrast_similarity?: number;
            /** @description Policies with example images: the highest image-to-image cosine */
            example_score?: number;
            matched_example?: string | null;
            /** @example a photo of a pistol */
            matched_prompt: string | null;
            /** @enum {string} */
            mode: "enforce" | "shadow";
            /** @description Calibrated policies: the score before calibration */
            raw_score?: number;
            /** @example 0.31 */
            score: number;
            thresholds: components["schemas"]["ThresholdsResponse"];
        };
        PolicySetActivatedResponse: {
            /** @description false when the version was already active */
            activated: boolean;
            /** @description When it was activated, newest first */
            activations: components["schemas"]["PolicyActivationResponse"][];
            /** @description Whether this is the active version */
            active: boolean;
            /** @example policy-admin */
            author: string;
            comment: string | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Unified diff against diff_base */
            diff: string;
            /** @description The version active when this one was stored */
            diff_base: number | null;
            /** @example default.yaml */
            file: string;
            /** @example default */
            name: string;
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /** @description SHA-256 of the text */
            sha: string;
            /** @enum {string} */
            source: "api" | "file";
            /** @example 3 */
            version: number;
        };
        PolicySetCalibratedResponse: {
            /** @description false when the version was already active */
            activated: boolean;
            /** @description When it was activated, newest first */
            activations: components["schemas"]["PolicyActivationResponse"][];
            /** @description Whether this is the active version */
            active: boolean;
            /** @example policy-admin */
            author: string;
            calibration: components["schemas"]["PolicyCalibrationResultResponse"][];
            comment: string | null;
            /** @description false when the text equals a stored version (that one is activated again) */
            created: boolean;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Unified diff against diff_base */
            diff: string;
            /** @description The version active when this one was stored */
            diff_base: number | null;
            /** @example default.yaml */
            file: string;
            /** @example default */
            name: string;
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /** @description SHA-256 of the text */
            sha: string;
            /** @enum {string} */
            source: "api" | "file";
            /** @example 3 */
            version: number;
            /** @description The document's validation warnings */
            warnings: components["schemas"]["PolicyIssueResponse"][];
        };
        PolicySetDocumentResponse: {
            /** @description When it was activated, newest first */
            activations: components["schemas"]["PolicyActivationResponse"][];
            /** @description Whether this is the active version */
            active: boolean;
            /** @example policy-admin */
            author: string;
            comment: string | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Unified diff against diff_base */
            diff: string;
            /** @description The version active when this one was stored */
            diff_base: number | null;
            /** @example default.yaml */
            file: string;
            /** @example default */
            name: string;
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /** @description SHA-256 of the text */
            sha: string;
            /** @enum {string} */
            source: "api" | "file";
            /** @description The document text (YAML) */
            text: string;
            /** @example 3 */
            version: number;
        };
        PolicySetListItemResponse: {
            /** @description null: not served (removed) */
            active_version: number | null;
            /** @example default.yaml */
            file: string | null;
            /** @example default */
            name: string;
            /** @description Whether the active set serves it now */
            served: boolean;
            /**
             * @description Where the active version came from
             * @enum {string|null}
             */
            source: "api" | "file" | null;
            /** @description Stored versions */
            versions: number;
        };
        PolicySetListResponse: {
            items: components["schemas"]["PolicySetListItemResponse"][];
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
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
        PolicySetRemovedResponse: {
            /** @enum {integer|null} */
            active_version: null;
            /** @example extra */
            name: string;
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /** @enum {boolean} */
            removed: true;
            /** @description The version that was served */
            version: number;
        };
        PolicySetStoredResponse: {
            /** @description false when the version was already active */
            activated: boolean;
            /** @description When it was activated, newest first */
            activations: components["schemas"]["PolicyActivationResponse"][];
            /** @description Whether this is the active version */
            active: boolean;
            /** @example policy-admin */
            author: string;
            comment: string | null;
            /** @description false when the text equals a stored version (that one is activated again) */
            created: boolean;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Unified diff against diff_base */
            diff: string;
            /** @description The version active when this one was stored */
            diff_base: number | null;
            /** @example default.yaml */
            file: string;
            /** @example default */
            name: string;
            /** @description The set being served now */
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /** @description SHA-256 of the text */
            sha: string;
            /** @enum {string} */
            source: "api" | "file";
            /** @example 3 */
            version: number;
            /** @description The document's validation warnings */
            warnings: components["schemas"]["PolicyIssueResponse"][];
        };
        PolicySetSummaryResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            compiled_at: string;
            /** @example clipguard-demo-clip */
            model_id: string | null;
            /** @example default */
            name: string;
            policies: components["schemas"]["PolicySummaryResponse"][];
            prompt_count: number;
            /** @example default@3:1a2b3c4d */
            version: string;
            warnings: components["schemas"]["PolicyIssueResponse"][];
        };
        PolicySetVersionsResponse: {
            /** @description The activation that made the active version active */
            activation: components["schemas"]["PolicyActivationResponse"] | null;
            active_version: number | null;
            /** @example default */
            name: string;
            /** @description Newest first */
            versions: components["schemas"]["PolicyVersionResponse"][];
        };
        PolicySummaryResponse: {
            /** @description Present for calibrated policies (thresholds are then probabilities) */
            calibration?: components["schemas"]["PlattParamsResponse"];
            contrast_count: number;
            /** @example Firearms and knives */
            description: string;
            example_count: number;
            /** @description Present when the policy has example images (cosine units) */
            example_thresholds?: components["schemas"]["ThresholdsResponse"];
            /** @example weapons */
            id: string;
            /** @enum {string} */
            mode: "enforce" | "shadow";
            prompt_count: number;
            /** @enum {string} */
            scoring: "similarity" | "softmax" | "contrastive";
            /** @enum {string} */
            severity: "low" | "medium" | "high" | "critical";
            thresholds: components["schemas"]["ThresholdsResponse"];
        };
        PolicyVerdictsResponse: {
            escalate: number;
            overturn: number;
            /**
             * @description overturn / (uphold + overturn); null without final verdicts
             * @example 0.25
             */
            overturn_rate: number | null;
            uphold: number;
        };
        PolicyVersionResponse: {
            /** @description When it was activated, newest first */
            activations: components["schemas"]["PolicyActivationResponse"][];
            /** @description Whether this is the active version */
            active: boolean;
            /** @example policy-admin */
            author: string;
            comment: string | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /** @description Unified diff against diff_base */
            diff: string;
            /** @description The version active when this one was stored */
            diff_base: number | null;
            /** @example default.yaml */
            file: string;
            /** @example default */
            name: string;
            /** @description SHA-256 of the text */
            sha: string;
            /** @enum {string} */
            source: "api" | "file";
            /** @example 3 */
            version: number;
        };
        PreviewDraftFormDto: {
            /**
             * Format: binary
             * @description The image to score (a file part)
             */
            image: string;
            /**
             * Format: binary
             * @description The draft policy-set document (YAML), as a file part or a text field
             */
            policy: string;
            /**
             * @description Judge the draft alone instead of in place of its namesake in the active set (true/false)
             * @default false
             */
            standalone: boolean;
        };
        PreviewDraftResponse: {
            active: components["schemas"]["PreviewSideResponse"];
            decision_changed: boolean;
            draft: components["schemas"]["PreviewSideResponse"];
            /** @description Frames scored (animations: several) */
            frames_scored: number;
            model: components["schemas"]["ModelRefResponse"];
            policies: components["schemas"]["PreviewPolicyResponse"][];
        };
        PreviewPolicyResponse: {
            /** @description null: not in the active set */
            active: components["schemas"]["PolicyScoreResponse"] | null;
            /** @description The action differs between the two */
            changed: boolean;
            /** @description null: not in the draft */
            draft: components["schemas"]["PolicyScoreResponse"] | null;
            /** @example weapons */
            policy_id: string;
        };
        PreviewSideResponse: {
            /** @enum {string} */
            decision: "allow" | "flag" | "blur" | "block";
            policy_set: components["schemas"]["PolicySetRefResponse"];
            /**
             * @example [
             *       "weapons: score 0.31 >= block 0.28 (matched \"a pistol\")"
             *     ]
             */
            reasons: string[];
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
        RecordByHashView: {
            /** Format: date-time */
            created_at: string;
            decision: string;
            /** @description Hamming distance to the query (0 for a SHA-256 query) */
            distance: number;
            moderation_id: string;
            pdq: string | null;
            pdq_quality: number | null;
            sha256: string;
        };
        RecordsByHashView: {
            /** @description Nearest first */
            items: components["schemas"]["RecordByHashView"][];
            /** @description Records scanned */
            scanned: number;
        };
        ReliabilityBinResponse: {
            count: number;
            hi: number;
            lo: number;
            /** @description null when the bin is empty */
            mean_predicted: number | null;
            /** @description null when the bin is empty */
            observed: number | null;
        };
        ReliabilityResponse: {
            bins: components["schemas"]["ReliabilityBinResponse"][];
            /** @description Brier score */
            brier: number;
            /** @description Expected calibration error */
            ece: number;
        };
        ReviewDetailResponse: {
            /** @example 0 */
            appeal_count: number;
            /** @description Whether a live lease is held on it */
            claimed: boolean;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            closed_at: string | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /**
             * @description The automatic decision
             * @enum {string}
             */
            decision: "allow" | "flag" | "blur" | "block";
            /** @description Appeals and decisions, oldest first */
            history: components["schemas"]["ReviewHistoryEntryResponse"][];
            /** @example 1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d */
            id: string;
            /**
             * @description The last verdict given; null before any
             * @enum {string|null}
             */
            last_verdict: "uphold" | "overturn" | "escalate" | null;
            /** @description The live lease; null when none */
            lease: components["schemas"]["ReviewLeaseResponse"] | null;
            /**
             * @description The highest policy score
             * @example 0.31
             */
            max_score: number;
            /** @example c0ffee00-1234-4abc-8def-0123456789ab */
            moderation_id: string;
            /**
             * Format: date-time
             * @description When it last entered the queue
             * @example 2026-12-05T07:30:00.000Z
             */
            opened_at: string;
            /**
             * @description auto: a policy sent it; appeal: (re)opened by an appeal
             * @enum {string}
             */
            origin: "auto" | "appeal";
            /**
             * @description The policies that sent it to review
             * @example [
             *       "weapons"
             *     ]
             */
            policies: string[];
            /** @description The moderation record as GET /v1/moderations/{id} shows it (decision, reasons, per-policy evidence, `frames` with per-frame scores for an animation, image facts); null when it is gone */
            record: {
                [key: string]: unknown;
            } | null;
            /** @enum {string} */
            status: "open" | "escalated" | "closed";
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            updated_at: string;
        };
        ReviewHistoryEntryResponse: {
            /**
             * @description Appellant or moderator (API key name)
             * @example alice
             */
            actor: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            at: string;
            /** @description decision: the moderator's note */
            note?: string | null;
            /** @description decision: the policies it concerns */
            policies?: string[];
            /** @description appeal: the reason */
            reason?: string;
            /** @enum {string} */
            type: "appeal" | "decision";
            /**
             * @description decision: the verdict
             * @enum {string}
             */
            verdict?: "uphold" | "overturn" | "escalate";
        };
        ReviewItemResponse: {
            /** @example 0 */
            appeal_count: number;
            /** @description Whether a live lease is held on it */
            claimed: boolean;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            closed_at: string | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /**
             * @description The automatic decision
             * @enum {string}
             */
            decision: "allow" | "flag" | "blur" | "block";
            /** @example 1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d */
            id: string;
            /**
             * @description The last verdict given; null before any
             * @enum {string|null}
             */
            last_verdict: "uphold" | "overturn" | "escalate" | null;
            /** @description The live lease; null when none */
            lease: components["schemas"]["ReviewLeaseResponse"] | null;
            /**
             * @description The highest policy score
             * @example 0.31
             */
            max_score: number;
            /** @example c0ffee00-1234-4abc-8def-0123456789ab */
            moderation_id: string;
            /**
             * Format: date-time
             * @description When it last entered the queue
             * @example 2026-12-05T07:30:00.000Z
             */
            opened_at: string;
            /**
             * @description auto: a policy sent it; appeal: (re)opened by an appeal
             * @enum {string}
             */
            origin: "auto" | "appeal";
            /**
             * @description The policies that sent it to review
             * @example [
             *       "weapons"
             *     ]
             */
            policies: string[];
            /** @enum {string} */
            status: "open" | "escalated" | "closed";
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            updated_at: string;
        };
        ReviewLeaseResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            expires_at: string;
            /**
             * @description API key name of the moderator holding the lease
             * @example alice
             */
            holder: string;
        };
        ReviewListResponse: {
            items: components["schemas"]["ReviewItemResponse"][];
            /** @description Pass as ?cursor= (with the same order) for the next page; null on the last page */
            next_cursor: string | null;
        };
        ReviewStatsResponse: {
            /**
             * @description Per moderator: total and per verdict
             * @example {
             *       "alice": {
             *         "total": 3,
             *         "uphold": 2,
             *         "overturn": 1
             *       }
             *     }
             */
            decisions_per_moderator: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /** @description Median time from opening to a final verdict, in seconds */
            median_time_to_decision_s: number | null;
            /**
             * @description Recorded moderations per decision
             * @example {
             *       "allow": 120,
             *       "flag": 7,
             *       "block": 2
             *     }
             */
            moderations_by_decision: {
                [key: string]: number;
            };
            /**
             * @description Per policy: recorded moderations per action it took
             * @example {
             *       "weapons": {
             *         "flag": 5,
             *         "block": 2
             *       }
             *     }
             */
            moderations_by_policy: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /** @description Verdicts given in the window */
            review_decisions: number;
            /**
             * @description Review items opened in the window, per status
             * @example {
             *       "open": 3,
             *       "closed": 6
             *     }
             */
            reviews_by_status: {
                [key: string]: number;
            };
            /** @description Items under a live lease */
            reviews_claimed: number;
            /** @description Per policy: verdicts and overturn rate */
            verdicts_per_policy: {
                [key: string]: components["schemas"]["PolicyVerdictsResponse"];
            };
            window: components["schemas"]["StatsWindowResponse"];
        };
        RotateSecretDto: {
            /**
             * @description How long the previous secret keeps signing beside the new one, in ms (default WEBHOOK_SECRET_OVERLAP_MS; 0 ends it now)
             * @example 86400000
             */
            overlap_ms?: number;
        };
        SampleCountsResponse: {
            /**
             * @example {
             *       "weapons": 12,
             *       "none": 30
             *     }
             */
            by_label: {
                [key: string]: number;
            };
            total: number;
        };
        SampleOutcomeResponse: {
            /** @enum {string} */
            decision: "allow" | "flag" | "blur" | "block";
            /** @example weapons */
            label: string;
            /** @example weapons/dagger.png */
            name: string;
            /** @description Per policy id */
            scores: {
                [key: string]: components["schemas"]["SampleScoreResponse"];
            };
        };
        SampleScoreResponse: {
            /** @enum {string} */
            action: "allow" | "flag" | "blur" | "block";
            raw_score: number;
            score: number;
        };
        ScoredConfusionResponse: {
            f1: number;
            fn: number;
            fp: number;
            /** @description False positive rate */
            fpr: number;
            precision: number;
            recall: number;
            /** @description null where no single threshold applies (acted, overall) */
            threshold: number | null;
            tn: number;
            tp: number;
        };
        SearchByImageForm: {
            /**
             * @description Only these decisions, comma-separated
             * @example flag,block
             */
            decision?: string;
            /**
             * Format: binary
             * @description The image (or send it as a raw image/* body)
             */
            image?: string;
            /**
             * @description How many results
             * @default 20
             */
            limit: number;
            /**
             * @description Only moderations in which this policy acted
             * @example weapons
             */
            policy?: string;
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
        SecretResponse: {
            /**
             * Format: date-time
             * @description Until when the previous secret also signs; null when it no longer does
             * @example 2026-12-05T07:30:00.000Z
             */
            previous_secret_expires_at: string | null;
            /** @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw */
            secret: string;
        };
        SecretRotationResponse: {
            /**
             * Format: date-time
             * @description Until when the previous secret also signs
             * @example 2026-12-05T07:30:00.000Z
             */
            previous_secret_expires_at: string | null;
        };
        SessionView: {
            /** @description Send it back in X-CSRF-Token on every state-changing call made with the session cookie */
            csrf_token: string;
            /** Format: date-time */
            expires_at: string;
            /**
             * @description The API key name the session acts as
             * @example mod-a
             */
            name: string;
            /**
             * @example [
             *       "moderator"
             *     ]
             */
            roles: string[];
        };
        ShadowPolicyStatsResponse: {
            /** @description The enforced set acted and it would have allowed */
            enforced_only: number;
            /** @description It would have acted where the enforced set allowed */
            new_actions: number;
            /** @description Both it and the enforced set acted */
            overlap: number;
            /** @example weapons-strict */
            policy_id: string;
            /** @description Recorded moderations it was scored on */
            scored: number;
            verdicts: components["schemas"]["ShadowVerdictsResponse"];
            would_have: components["schemas"]["ShadowWouldHaveResponse"];
            would_have_acted: number;
        };
        ShadowStatsResponse: {
            /** @description Present without a database: nothing is recorded */
            note?: string;
            policies: components["schemas"]["ShadowPolicyStatsResponse"][];
            policy_set_version: string | null;
            /** @description Recorded moderations read */
            records: number;
            /** @description More than 100 000 moderations in the window: the newest were read */
            truncated: boolean;
            window: components["schemas"]["TimeWindowResponse"];
        };
        ShadowVerdictsResponse: {
            /** @description Acted and upheld, or allowed and overturned */
            agree: number;
            /** @description agree / reviewed; null without reviews */
            agreement: number | null;
            /** @description Acted but overturned */
            false_positive: number;
            /** @description Allowed but upheld */
            missed: number;
            reviewed: number;
        };
        ShadowWouldHaveResponse: {
            block: number;
            blur: number;
            flag: number;
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
        SignInDto: {
            /** @description An API key from API_KEYS with the moderator, policy-admin or admin role (ingest keys cannot sign in) */
            apiKey: string;
        };
        StatsWindowResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            from: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            to: string;
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
            /** @description PDQ hash of the first frame, 64 hex digits (absent when it could not be hashed) */
            pdq?: string;
            /** @description The PDQ hash's quality */
            pdq_quality?: number | null;
            /** @example 9f2c6b1e4d0a8f7c3b5e2d1a6c4f8e0b7d9a2c5e1f3b6d8a0c4e7f1b2d5a8c3e */
            sha256: string;
            /** @example 512 */
            width: number;
        };
        SubscriptionListResponse: {
            items: components["schemas"]["SubscriptionResponse"][];
        };
        SubscriptionResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            created_at: string;
            /**
             * @description Name of the API key that created it
             * @example admin
             */
            created_by: string;
            /** @example uploads platform, production */
            description: string | null;
            /**
             * Format: date-time
             * @description When it was disabled (by an admin or after failing for WEBHOOK_DISABLE_AFTER_MS)
             * @example 2026-12-05T07:30:00.000Z
             */
            disabled_at: string | null;
            /** @example failing since 2026-12-04T07:30:00.000Z */
            disabled_reason: string | null;
            /** @description false: deliveries are held until it is enabled again */
            enabled: boolean;
            events: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled" | "bank.match" | "bank.changed")[];
            /**
             * Format: date-time
             * @description Start of the current run of failed deliveries
             * @example 2026-12-05T07:30:00.000Z
             */
            failing_since: string | null;
            /** @example 6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b */
            id: string;
            /** @description Present while a rotated-out secret still signs */
            secret_rotation: components["schemas"]["SecretRotationResponse"] | null;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            updated_at: string;
            /** @example https://platform.example/hooks/clipguard */
            url: string;
        };
        TargetPointResponse: {
            f1: number;
            precision: number;
            recall: number;
            /** @description The target asked for */
            target: number;
            threshold: number;
        };
        TargetsResponse: {
            /** @example 0.9 */
            precision: number;
            /** @example 0.9 */
            recall: number;
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
        TimeWindowResponse: {
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            from: string;
            /**
             * Format: date-time
             * @example 2026-12-05T07:30:00.000Z
             */
            to: string;
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
        UpdateBankDto: {
            /** @enum {string} */
            action?: "block" | "flag" | "blur";
            /**
             * @description Also match the 8 rotations and mirrors of the upload's PDQ
             * @default false
             */
            dihedral: boolean;
            /**
             * @description PDQ matches at Hamming distance <= this (of 256 bits)
             * @default 31
             */
            distance_threshold: number;
            /** @description Match entries stored with an image embedding at cosine >= this; null: no embedding matching. Default for a new bank: BANKS_EMBEDDING_THRESHOLD (0.93, measured with the demo model: docs/hashing.md) */
            embedding_threshold?: number | null;
            /**
             * @description A disabled bank matches nothing
             * @default true
             */
            enabled: boolean;
            /**
             * @description Uploads whose PDQ quality is below this are not matched by PDQ (flat images collide)
             * @default 50
             */
            min_quality: number;
            /**
             * @description shadow: matches are recorded as evidence and never change the decision
             * @default enforce
             * @enum {string}
             */
            mode: "enforce" | "shadow";
            name?: string;
        };
        UpdateSubscriptionDto: {
            /**
             * @description Free text for people; null clears it
             * @example uploads platform, production
             */
            description?: string | null;
            /**
             * @description A JSON boolean (true/false only; "yes", 1 and "false" are refused). A disabled endpoint has its deliveries held until it is enabled again. Default on create: true.
             * @example true
             */
            enabled?: boolean;
            /**
             * @description Event types to receive (default on create: all); duplicates are ignored
             * @example [
             *       "moderation.completed",
             *       "review.decided"
             *     ]
             */
            events?: ("moderation.completed" | "moderation.failed" | "review.decided" | "appeal.opened" | "appeal.decided" | "webhook.disabled" | "bank.match" | "bank.changed")[];
            /**
             * @description http(s) URL of the receiver; its address is judged by the SSRF rules (WEBHOOK_ALLOW_PRIVATE)
             * @example https://platform.example/hooks/clipguard
             */
            url?: string;
        };
        ValidateDraftResponse: {
            errors: components["schemas"]["PolicyIssueResponse"][];
            /**
             * @description The file name the draft was judged as (its namesake in the active set, or draft.yaml)
             * @example default.yaml
             */
            file: string;
            /** @description Policy ids of the compiled set (empty when invalid) */
            policies: string[];
            valid: boolean;
            warnings: components["schemas"]["PolicyIssueResponse"][];
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
    UiSession_current: {
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
                content: {
                    "application/json": components["schemas"]["SessionView"];
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
    UiSession_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: forbidden, csrf_token_invalid */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
        };
    };
    UiSession_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
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
            /** @description Error codes: csrf_token_invalid */
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
    Banks_list: {
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
                content: {
                    "application/json": components["schemas"]["BankListView"];
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
    Banks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBankDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
    Banks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The bank id (UUID) */
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
                content: {
                    "application/json": components["schemas"]["BankView"];
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
    Banks_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The bank id (UUID) */
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
                content: {
                    "application/json": components["schemas"]["BankDeletedView"];
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
    Banks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBankDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BankView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
    Banks_entries: {
        parameters: {
            query?: {
                /** @description Entries with a larger id than this (next_after of the previous page) */
                after?: number;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The bank id (UUID) */
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
                content: {
                    "application/json": components["schemas"]["EntryListView"];
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
    Banks_addEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddEntryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddedEntriesView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large */
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
    Banks_deleteEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The entry id */
                entryId: number;
                /** @description The bank id (UUID) */
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
                content: {
                    "application/json": components["schemas"]["EntryView"];
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
    Banks_fromModeration: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FromModerationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddedEntriesView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large */
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
    Banks_addImage: {
        parameters: {
            query?: {
                /** @description Labels (at most 32, each at most 100 characters, no commas or semicolons) */
                labels?: string[];
                /** @description Where the image came from (free text) */
                source?: string;
            };
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/gif": string;
                "image/jpeg": string;
                "image/png": string;
                "image/webp": string;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddedEntriesView"];
                };
            };
            /** @description Error codes: invalid_parameter, missing_image, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large, image_too_many_pixels, image_too_many_frames */
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
    Banks_exportFile: {
        parameters: {
            query?: {
                format?: "csv" | "jsonl";
            };
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bank file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
                    "application/x-ndjson": components["schemas"]["ErrorResponse"];
                    "text/csv": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: unauthorized */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorResponse"];
                    "text/csv": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: forbidden */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorResponse"];
                    "text/csv": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: not_found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorResponse"];
                    "text/csv": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: rate_limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorResponse"];
                    "text/csv": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    Banks_importFile: {
        parameters: {
            query?: {
                /** @description Default: from Content-Type (text/csv; application/x-ndjson or application/jsonl) */
                format?: "csv" | "jsonl";
                /** @description true: import the good lines and report the bad ones; default: any bad line refuses the whole file */
                partial?: boolean;
            };
            header?: never;
            path: {
                /** @description The bank id (UUID) */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/jsonl": string;
                "application/x-jsonlines": string;
                "application/x-ndjson": string;
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultView"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large */
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
                /** @description The moderation id (from the answer or the 202 of an async submission) */
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
            /** @description The review item, open with origin appeal */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItemResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: appeal_open, appeal_limit_reached */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
            /**
             * @description Error codes: appeal_rate_limited
             *
             *     Error codes: rate_limited
             */
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
    Preview_preview: {
        parameters: {
            query?: {
                /** @description Animations: the frame to preview (0-based, below image.frames; the `frames[].frame` numbers of the record). Absent: the first frame. 400 not_animated for a still image, 404 frame_not_found past the last frame */
                frame?: number;
            };
            header?: never;
            path: {
                /** @description The moderation id (from the answer or the 202 of an async submission) */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blurred image, one still frame (in the original format where it can be written, else PNG; an APNG frame is PNG) */
            200: {
                headers: {
                    /** @description private, no-store */
                    "Cache-Control"?: string;
                    /** @description inline */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/avif": string;
                    "image/gif": string;
                    "image/heif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/tiff": string;
                    "image/webp": string;
                };
            };
            /** @description Error codes: invalid_parameter, not_animated */
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
            /** @description Error codes: not_found, frame_not_found, image_not_kept */
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetSummaryResponse"];
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
    Policies_evaluate: {
        parameters: {
            query?: {
                /** @description html: a page with the PR and reliability curves */
                format?: "json" | "html";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluateDraftDto"];
                "multipart/form-data": components["schemas"]["EvaluateDraftDto"];
            };
        };
        responses: {
            /** @description The report: JSON (format=json) or an HTML page (format=html) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationReportResponse"];
                    "text/html": string;
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_invalid */
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
            /** @description Error codes: model_unavailable, overloaded */
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
    Policies_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["PreviewDraftFormDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDraftResponse"];
                };
            };
            /** @description Error codes: bad_request, missing_image, invalid_parameter, invalid_json */
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
            /** @description Error codes: policy_invalid, image_undecodable */
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
            /** @description Error codes: model_unavailable, overloaded */
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
    Policies_shadowStats: {
        parameters: {
            query?: {
                /** @description Window start (ISO-8601 or epoch ms); default 7 days before `to` */
                from?: string;
                /** @description Only moderations decided by this policy-set version */
                policy_set_version?: string;
                /** @description Window end (ISO-8601 or epoch ms); default now */
                to?: string;
            };
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
                content: {
                    "application/json": components["schemas"]["ShadowStatsResponse"];
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
    Policies_validate: {
        parameters: {
            query?: {
                /** @description Judge the draft alone instead of in place of its namesake in the active set (true/false) */
                standalone?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The policy-set document: YAML text, or JSON (the document, or {"policy": <YAML text or document>}); schema: policies/schema.json */
        requestBody: {
            content: {
                "application/json": string | {
                    [key: string]: unknown;
                };
                "application/x-yaml": string | {
                    [key: string]: unknown;
                };
                "application/yaml": string | {
                    [key: string]: unknown;
                };
                "text/plain": string | {
                    [key: string]: unknown;
                };
                "text/x-yaml": string | {
                    [key: string]: unknown;
                };
                "text/yaml": string | {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description valid is false when the draft has errors (they are listed with positions) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidateDraftResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_invalid */
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetListResponse"];
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
    PolicySets_get: {
        parameters: {
            query?: {
                /** @description A stored version number (default: the active one) */
                version?: number;
            };
            header?: never;
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON: the version with its text; with Accept: application/yaml, the YAML text alone and its version number in X-Policy-Version */
            200: {
                headers: {
                    /** @description The version number (YAML answers only) */
                    "X-Policy-Version"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetDocumentResponse"];
                    "application/yaml": string;
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
    PolicySets_put: {
        parameters: {
            query?: {
                /** @description false stores the version without serving it (true/false) */
                activate?: boolean;
                /** @description Why; kept with the version or activation and in the audit log (the X-Change-Comment header works too) */
                comment?: string;
            };
            header?: {
                /** @description The change comment, when not given as ?comment= (at most 2000 characters are kept) */
                "X-Change-Comment"?: string;
            };
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        /** @description The policy-set document: YAML text, or JSON (the document, or {"policy": <YAML text or document>}); schema: policies/schema.json */
        requestBody: {
            content: {
                "application/json": string | {
                    [key: string]: unknown;
                };
                "application/x-yaml": string | {
                    [key: string]: unknown;
                };
                "application/yaml": string | {
                    [key: string]: unknown;
                };
                "text/plain": string | {
                    [key: string]: unknown;
                };
                "text/x-yaml": string | {
                    [key: string]: unknown;
                };
                "text/yaml": string | {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetStoredResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_invalid */
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
        };
    };
    PolicySets_remove: {
        parameters: {
            query?: {
                /** @description Why; kept with the version or activation and in the audit log (the X-Change-Comment header works too) */
                comment?: string;
            };
            header?: {
                /** @description The change comment, when not given as ?comment= (at most 2000 characters are kept) */
                "X-Change-Comment"?: string;
            };
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetRemovedResponse"];
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
            /** @description Error codes: conflict */
            409: {
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
    PolicySets_activate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivatePolicySetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetActivatedResponse"];
                };
            };
            /** @description Error codes: invalid_json, invalid_parameter, bad_request */
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
            /** @description Error codes: conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_invalid */
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
        };
    };
    PolicySets_calibrate: {
        parameters: {
            query?: never;
            header?: {
                /** @description The change comment, when not given as ?comment= (at most 2000 characters are kept) */
                "X-Change-Comment"?: string;
            };
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalibratePolicySetDto"];
                "multipart/form-data": components["schemas"]["CalibratePolicySetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetCalibratedResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_invalid */
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
            /** @description Error codes: model_unavailable, overloaded */
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
    PolicySets_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The document name (its `name:` field) */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicySetVersionsResponse"];
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
    RecordsByHash_find: {
        parameters: {
            query?: {
                /** @description Hamming distance (bits of 256) */
                distance?: number;
                limit?: number;
                /** @description PDQ hash (64 hex digits): records within `distance` bits */
                pdq?: string;
                /** @description SHA-256 of the bytes (64 hex digits): byte-identical records */
                sha256?: string;
            };
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
                content: {
                    "application/json": components["schemas"]["RecordsByHashView"];
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
    Reviews_list: {
        parameters: {
            query?: {
                /** @description next_cursor of the previous page, unchanged (with the same order) */
                cursor?: string;
                /** @description Only items whose automatic decision was this */
                decision?: "allow" | "flag" | "blur" | "block";
                /** @description Opened at or after (ISO-8601 time or epoch ms) */
                from?: string;
                /** @description Page size */
                limit?: number;
                /** @description Only items whose highest policy score is at least this */
                min_score?: number;
                /** @description oldest: longest waiting first; score: highest score first */
                order?: "oldest" | "score";
                /** @description Only items that this policy sent to review */
                policy?: string;
                /** @description open: waiting and not leased; claimed: under a live lease; escalated; closed */
                status?: "open" | "claimed" | "escalated" | "closed";
                /** @description Opened before (ISO-8601 time or epoch ms) */
                to?: string;
            };
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
                content: {
                    "application/json": components["schemas"]["ReviewListResponse"];
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
    Reviews_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Review item id */
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
                content: {
                    "application/json": components["schemas"]["ReviewDetailResponse"];
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
    Reviews_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Review item id */
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
                content: {
                    "application/json": components["schemas"]["ReviewItemResponse"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: lease_held, review_closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
    Reviews_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Review item id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideReviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItemResponse"];
                };
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: lease_not_held, review_closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: policy_not_fired */
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
        };
    };
    Reviews_image: {
        parameters: {
            query?: {
                /** @description Why the original is needed; required with reveal=true (400 reveal_reason_required) unless REVIEW_REVEAL_REASON_REQUIRED=false; audited */
                reason?: string;
                /** @description true: the original (holder of the live lease or an admin; audited); false: a blurred preview. Only true or false. */
                reveal?: boolean;
            };
            header?: never;
            path: {
                /** @description Review item id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image bytes: a blurred preview (in the original format where it can be written, else PNG) or the original */
            200: {
                headers: {
                    /** @description private, no-store */
                    "Cache-Control"?: string;
                    /** @description inline */
                    "Content-Disposition"?: string;
                    /** @description true when the original is sent, false for the blurred preview */
                    "X-Image-Revealed"?: "true" | "false";
                    [name: string]: unknown;
                };
                content: {
                    "image/avif": string;
                    "image/gif": string;
                    "image/heif": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/tiff": string;
                    "image/webp": string;
                };
            };
            /** @description Error codes: invalid_parameter, reveal_reason_required */
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
            /** @description Error codes: not_found, image_not_kept */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: lease_not_held */
            409: {
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
    Reviews_release: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Review item id */
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
                content: {
                    "application/json": components["schemas"]["ReviewItemResponse"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: lease_not_held, review_closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Error codes: payload_too_large */
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
    Reviews_next: {
        parameters: {
            query?: {
                /** @description Only items whose automatic decision was this */
                decision?: "allow" | "flag" | "blur" | "block";
                /** @description Only items whose highest policy score is at least this */
                min_score?: number;
                /** @description oldest: longest waiting first; score: highest score first */
                order?: "oldest" | "score";
                /** @description Only items that this policy sent to review */
                policy?: string;
                /** @description Take from open items (default) or escalated ones */
                status?: "open" | "escalated";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NextReviewDto"];
            };
        };
        responses: {
            /** @description The item, now leased to the caller */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewItemResponse"];
                };
            };
            /** @description No eligible item */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: bad_request, invalid_json, invalid_parameter */
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
            /** @description Error codes: payload_too_large */
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
    Reviews_stats: {
        parameters: {
            query?: {
                /** @description Window start (ISO-8601 or epoch ms); default 7 days before `to`; must be before `to` */
                from?: string;
                /** @description Window end (ISO-8601 or epoch ms); default now */
                to?: string;
            };
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
                content: {
                    "application/json": components["schemas"]["ReviewStatsResponse"];
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
            /**
             * @description Error codes: rate_limited
             *
             *     Error codes: rate_limited
             */
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
    Search_byImage: {
        parameters: {
            query?: {
                /** @description Only these decisions, comma-separated */
                decision?: string;
                /** @description How many results */
                limit?: number;
                /** @description Only moderations in which this policy acted */
                policy?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Multipart: the "image" part and, optionally, limit, decision and policy as text fields. Or the raw image bytes as an image/* body. */
        requestBody: {
            content: {
                "image/gif": components["schemas"]["SearchByImageForm"] | string;
                "image/jpeg": components["schemas"]["SearchByImageForm"] | string;
                "image/png": components["schemas"]["SearchByImageForm"] | string;
                "image/webp": components["schemas"]["SearchByImageForm"] | string;
                "multipart/form-data": components["schemas"]["SearchByImageForm"] | string;
            };
        };
        responses: {
            /** @description The nearest stored records, best first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponse"];
                };
            };
            /** @description Error codes: invalid_parameter, missing_image, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large */
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
                content: {
                    "application/json": components["schemas"]["SubscriptionListResponse"];
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
    Webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSubscriptionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedSubscriptionResponse"];
                };
            };
            /** @description Error codes: invalid_json, invalid_parameter, bad_request */
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
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: url_not_allowed */
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
        };
    };
    Webhooks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id */
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
                content: {
                    "application/json": components["schemas"]["SubscriptionResponse"];
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
    Webhooks_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    Webhooks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSubscriptionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionResponse"];
                };
            };
            /** @description Error codes: invalid_json, invalid_parameter, bad_request */
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
            /** @description Error codes: payload_too_large */
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
            /** @description Error codes: url_not_allowed */
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
        };
    };
    Webhooks_deliveries: {
        parameters: {
            query?: {
                /** @description next_cursor of the previous page, unchanged */
                before?: string;
                /** @description Page size */
                limit?: number;
                /** @description Only deliveries in this state */
                status?: "pending" | "delivering" | "delivered" | "failed";
            };
            header?: never;
            path: {
                /** @description Subscription id */
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
                content: {
                    "application/json": components["schemas"]["DeliveryListResponse"];
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
    Webhooks_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Delivery id */
                deliveryId: string;
                /** @description Subscription id */
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
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description Error codes: invalid_parameter, bad_request, invalid_json */
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
            /** @description Error codes: payload_too_large */
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
    Webhooks_secret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id */
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
                content: {
                    "application/json": components["schemas"]["SecretResponse"];
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
    Webhooks_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Subscription id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateSecretDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecretResponse"];
                };
            };
            /** @description Error codes: invalid_json, invalid_parameter, bad_request */
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
            /** @description Error codes: payload_too_large */
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
}
