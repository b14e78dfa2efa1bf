/**
 * Stream names follow `<category>-<id>` so that EventStoreDB's `$ce-<category>` streams work.
 * Ids must not contain the category separator at their start; everything after the first `-`
 * is the id.
 */
export const itemStream = (itemId: string): string => `item-${itemId}`;

/** Every directive of the deployment, registered in one stream so ids and numbers stay unique. */
export const DIRECTIVE_REGISTRY_STREAM = 'registry-directives';

/** The unit catalogue: units and unit groups. */
export const CATALOGUE_STREAM = 'catalogue-units';

export const itemIdFromStream = (streamId: string): string => streamId.slice('item-'.length);
