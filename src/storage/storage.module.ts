import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from './clock';
import { Storage } from './storage';

@Module({
  providers: [{ provide: Storage, inject: [APP_CONFIG], useFactory: (c: AppConfig) => Storage.open(c.storage) }, Clock],
  exports: [Storage, Clock],
})
export class StorageModule {}
