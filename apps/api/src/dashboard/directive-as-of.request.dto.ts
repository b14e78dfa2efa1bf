import type { Knowledge } from '#audit';
import { InstantField, KnowledgeField, OnlyWith } from '../items/item-as-of/as-of.fields.js';

/** `GET /dashboard/directives/:directiveId`: without `asOf` the live overview; `knowledge` only with `asOf`. */
export class DirectiveOverviewQuery {
  @InstantField({ optional: true, description: 'The overview as the Standing Committee saw it at this instant, replayed from the log (omitted: the live overview)' })
  asOf?: string;

  @KnowledgeField()
  @OnlyWith('asOf')
  knowledge?: Knowledge;
}

/** `GET /dashboard/directives/:directiveId/diff`: what changed between two instants. */
export class DirectiveDiffQuery {
  @InstantField({ description: 'The earlier instant' })
  from: string;

  @InstantField({ description: 'The later instant' })
  to: string;

  @KnowledgeField()
  knowledge?: Knowledge;
}
