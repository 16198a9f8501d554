import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, Roles } from '../common/auth.guard';
import { ApiErrors } from '../common/openapi';
import { CreateSubscriptionDto, DeliveryParams, ListDeliveriesQueryDto, RotateSecretDto, UpdateSubscriptionDto, WebhookIdParams } from './dto/subscription.dto';
import { CreatedSubscriptionResponse, DeliveryListResponse, DeliveryResponse, SecretResponse, SubscriptionListResponse, SubscriptionResponse } from './dto/webhook.response';
import { WebhooksService } from './webhooks.service';

type ApiRequest = Request & { caller: Caller; id?: string };

@ApiTags('webhooks')
@Controller('v1/webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe an endpoint; the answer carries the signing secret', description: 'enabled is a JSON boolean; unknown fields are refused.' })
  @ApiCreatedResponse({ type: CreatedSubscriptionResponse })
  @ApiErrors('invalid_json', 'invalid_parameter', 'payload_too_large', 'url_not_allowed')
  create(@Body() body: CreateSubscriptionDto, @Req() req: ApiRequest) {
    return this.webhooks.create(body, req.caller, req.id);
  }

  @Get()
  @ApiOperation({ summary: 'All subscriptions' })
  @ApiOkResponse({ type: SubscriptionListResponse })
  list() {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  get(@Param() p: WebhookIdParams) {
    return this.webhooks.get(p.id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change url, events, description, or enable/disable', description: 'The same checks as create. Enabling sends the deliveries held while disabled.' })
  @ApiOkResponse({ type: SubscriptionResponse })
  @ApiErrors('invalid_json', 'invalid_parameter', 'not_found', 'payload_too_large', 'url_not_allowed')
  update(@Param() p: WebhookIdParams, @Body() body: UpdateSubscriptionDto, @Req() req: ApiRequest) {
    return this.webhooks.update(p.id, body, req.caller, req.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('invalid_parameter', 'not_found')
  async remove(@Param() p: WebhookIdParams, @Req() req: ApiRequest): Promise<void> {
    await this.webhooks.remove(p.id, req.caller, req.id);
  }

  @Get(':id/secret')
  @ApiOperation({ summary: 'The current signing secret (each read is audited as webhook.secret_read)' })
  @ApiOkResponse({ type: SecretResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  secret(@Param() p: WebhookIdParams, @Req() req: ApiRequest) {
    return this.webhooks.secret(p.id, req.caller, req.id);
  }

  @Post(':id/secret/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'New secret; the previous one keeps signing for overlap_ms (default WEBHOOK_SECRET_OVERLAP_MS)' })
  @ApiBody({ type: RotateSecretDto, required: false })
  @ApiOkResponse({ type: SecretResponse })
  @ApiErrors('invalid_json', 'invalid_parameter', 'not_found', 'payload_too_large')
  rotate(@Param() p: WebhookIdParams, @Body() body: RotateSecretDto, @Req() req: ApiRequest) {
    return this.webhooks.rotate(p.id, body.overlap_ms, req.caller, req.id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log, newest first, each with its attempts' })
  @ApiOkResponse({ type: DeliveryListResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  deliveries(@Param() p: WebhookIdParams, @Query() q: ListDeliveriesQueryDto) {
    return this.webhooks.deliveries(p.id, q);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Attempt a delivery again now' })
  @ApiAcceptedResponse({ type: DeliveryResponse })
  @ApiErrors('invalid_parameter', 'not_found')
  redeliver(@Param() p: DeliveryParams, @Req() req: ApiRequest) {
    return this.webhooks.redeliver(p.id, p.deliveryId, req.caller);
  }
}
