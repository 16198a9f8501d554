import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { CreateSubscriptionBody, PatchSubscriptionBody } from './subscription-input';
import { WebhooksService } from './webhooks.service';

type ApiRequest = Request & { caller: Caller; id?: string };

@ApiTags('webhooks')
@Controller('v1/webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe an endpoint: {url, events?, description?, enabled?} (enabled a JSON boolean; unknown fields refused); answers with the signing secret' })
  @ApiBody({ type: CreateSubscriptionBody })
  create(@Body() body: unknown, @Req() req: ApiRequest) {
    return this.webhooks.create(body, req.caller, req.id);
  }

  @Get()
  @ApiOperation({ summary: 'All subscriptions' })
  list() {
    return this.webhooks.list();
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change url, events, description, or enable/disable (the same checks as create); enabling sends the deliveries held while disabled' })
  @ApiBody({ type: PatchSubscriptionBody })
  update(@Param('id') id: string, @Body() body: unknown, @Req() req: ApiRequest) {
    return this.webhooks.update(id, body, req.caller, req.id);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() req: ApiRequest): Promise<void> {
    await this.webhooks.remove(id, req.caller, req.id);
  }

  @Get(':id/secret')
  @ApiOperation({ summary: 'The current signing secret (each read is audited as webhook.secret_read)' })
  secret(@Param('id') id: string, @Req() req: ApiRequest) {
    return this.webhooks.secret(id, req.caller, req.id);
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'New secret; the previous one keeps signing for overlap_ms (default WEBHOOK_SECRET_OVERLAP_MS)' })
  rotate(@Param('id') id: string, @Body() body: { overlap_ms?: unknown } | undefined, @Req() req: ApiRequest) {
    return this.webhooks.rotate(id, body?.overlap_ms, req.caller, req.id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log, newest first, each with its attempts (?status=, ?limit=, ?before=cursor)' })
  deliveries(@Param('id') id: string, @Query() q: { status?: string; limit?: string; before?: string }) {
    return this.webhooks.deliveries(id, q);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Attempt a delivery again now' })
  redeliver(@Param('id') id: string, @Param('deliveryId') deliveryId: string, @Req() req: ApiRequest) {
    return this.webhooks.redeliver(id, deliveryId, req.caller);
  }
}
