import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_URL_MAX_LENGTH, webhookUrlProblem } from '#directives';
import { rule } from '../../http/validators.js';

export class RegisterWebhookRequest {
  @rule('isWebhookUrl', (v) => (v === undefined || v === null ? 'is required' : webhookUrlProblem(v)))
  @ApiProperty({
    type: String,
    format: 'uri',
    maxLength: WEBHOOK_URL_MAX_LENGTH,
    description: 'Where reminders and escalations for the unit are posted: an absolute http or https URL, without user name or password',
    example: 'https://hooks.rach-gia.example.vn/directives',
  })
  url!: string;
}
