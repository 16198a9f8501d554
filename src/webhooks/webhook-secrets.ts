import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import * as path from 'path';
import { SecretBox, SecretBoxError } from '../common/secret-box';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';

/**
 * Webhook signing secrets as stored: sealed by the SecretBox, the webhook id as context. At start
 * every row that is still plain text (written before encryption existed) or sealed with a previous
 * key (SECRETS_KEY_PREVIOUS) is re-sealed with the current key; a row no known key opens stops the
 * start, since the endpoint could never be signed for again (instances must share one key).
 */
@Injectable()
export class WebhookSecrets implements OnModuleInit {
  private readonly log = new Logger('Webhooks');
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly subscriptions: SubscriptionsRepository,
  ) {
    const { box, source } = SecretBox.load({ ...config.secrets, keyFile: path.join(config.storage.dataDir, 'secrets.key') });
    this.box = box;
    if (source === 'new file') this.log.log(`created ${path.join(config.storage.dataDir, 'secrets.key')} (mode 0600): the key that encrypts webhook secrets; back it up with the database, or set SECRETS_KEY`);
  }

  async onModuleInit(): Promise<void> {
    let resealed = 0;
    for (const s of await this.subscriptions.list()) {
      const set: Partial<SubscriptionRow> = {};
      if (this.box.needsReseal(s.secret)) set.secret = this.seal(s.id, this.open(s, s.secret));
      if (s.previous_secret && this.box.needsReseal(s.previous_secret)) set.previous_secret = this.seal(s.id, this.open(s, s.previous_secret));
      if (!Object.keys(set).length) continue;
      // Conditional on the values read, so a rotation by another instance meanwhile is never overwritten.
      if (await this.subscriptions.replaceSecrets(this.storage.db, s.id, { secret: s.secret, previous_secret: s.previous_secret }, set)) resealed++;
    }
    if (resealed) this.log.log(`encrypted the signing secrets of ${resealed} webhook(s) with the current key`);
  }

  seal(webhookId: string, plain: string): string {
    return this.box.seal(plain, `webhook:${webhookId}`);
  }

  /** The plain secret of a stored value (plain-text rows are read as they are until start-up re-seals them). */
  open(s: Pick<SubscriptionRow, 'id'>, stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    try {
      return this.box.open(stored, `webhook:${s.id}`);
    } catch (e) {
      if (!(e instanceof SecretBoxError)) throw e;
      throw new Error(`the signing secret of webhook ${s.id} cannot be decrypted: ${e.message}. Every instance needs the same SECRETS_KEY (or DATA_DIR/secrets.key); after a key change, list the old key in SECRETS_KEY_PREVIOUS`);
    }
  }

  /** Secrets that sign now: the current one, and the previous one while its rotation overlap lasts. */
  live(s: SubscriptionRow, now: number): string[] {
    const current = this.open(s, s.secret);
    return s.previous_secret && (s.previous_secret_expires_at ?? 0) > now ? [current, this.open(s, s.previous_secret)] : [current];
  }
}
