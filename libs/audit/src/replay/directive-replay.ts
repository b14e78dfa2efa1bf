import { itemStream, type DirectiveRegistered } from '#directives';
import type { RecordedEvent } from '#event-store';
import type { Projection } from '#read-models';
import { belongsAfterPrefix, recordedBy, type AsOf } from './as-of.js';
import { DirectiveDocs } from './directive-docs.js';
import { DIRECTIVE_REPLAY_PROJECTIONS } from './directive-overview-at.js';

/**
 * A directive's read-model documents as of an instant, from a log held in memory (any order of
 * streams; each stream in revision order): its registration and its items' events recorded by
 * the instant, then for `knowledge=current` the later figures about dates up to it. `undefined`
 * when the directive was not registered by then. The specification of `DirectiveReplayer`, which
 * reads the same events from the store, from a checkpoint.
 */
export function replayDirectiveEvents(
  log: readonly RecordedEvent[],
  directiveId: string,
  asOf: AsOf,
  projections: readonly Projection[] = DIRECTIVE_REPLAY_PROJECTIONS,
): DirectiveDocs | undefined {
  const registration = log.find((e) => e.type === 'DirectiveRegistered' && (e.data as { directiveId: string }).directiveId === directiveId);
  if (!registration || !recordedBy(registration, asOf.at)) return undefined;
  const streams = new Set((registration.data as DirectiveRegistered['data']).items.map((item) => itemStream(item.itemId)));
  const own = log.filter((e) => streams.has(e.streamId));
  const docs = new DirectiveDocs(projections);
  docs.apply(registration);
  for (const event of own) if (recordedBy(event, asOf.at)) docs.apply(event);
  for (const event of own) if (belongsAfterPrefix(event, asOf)) docs.apply(event);
  return docs;
}
