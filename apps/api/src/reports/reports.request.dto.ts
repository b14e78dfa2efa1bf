import { InstantField } from '../items/item-as-of/as-of.fields.js';

export class ReportAsOfQuery {
  @InstantField({ optional: true, description: 'The instant the report speaks for (omitted: now); what was known then' })
  asOf?: string;
}

export class HistoryCsvQuery {
  @InstantField({ optional: true, description: 'Only events recorded at or before this instant (omitted: all)' })
  upTo?: string;
}
