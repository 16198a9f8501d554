import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';

/** HTTP surface of the policies feature; the registry itself comes from the global CoreModule. */
@Module({ controllers: [PoliciesController] })
export class PolicyApiModule {}
