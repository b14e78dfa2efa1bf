import { EnumField, TextField } from '../../http/dto-fields.js';

export class CloseItemRequest {
  @EnumField(['completed', 'cancelled'] as const, { description: '`completed` once completion is accepted; `cancelled` needs a note', example: 'completed' })
  outcome!: 'completed' | 'cancelled';

  @TextField(5000, { optional: true, example: 'Kết thúc nhiệm vụ theo kết luận của Ban Thường vụ' })
  note?: string;
}
