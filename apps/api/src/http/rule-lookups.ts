import { getMetadataStorage, type MetadataStorage } from 'class-validator';

const MEMOISED = Symbol('rule lookups memoised');

type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Rules = ReturnType<Lookup>;

/**
 * class-validator finds a DTO's rules (its own and those it inherits) by testing every decorated
 * class of the process, on every validation (typestack/class-validator#2686): each new DTO makes
 * every request a little slower. A class's rules are all registered when its module loads, before
 * anything validates one, so this keeps each answer, per class and per set of options; registering
 * a rule (a class loaded later) forgets them all. Answers are frozen: the validator only reads them.
 */
export function memoiseRuleLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const target = storage as MetadataStorage & { [MEMOISED]?: true };
  if (target[MEMOISED]) return;
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  let known = new WeakMap<Function, Map<string, Rules>>();
  storage.getTargetValidationMetadatas = (constructor, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : '-'}`;
    let answers = known.get(constructor);
    if (!answers) known.set(constructor, (answers = new Map()));
    let rules = answers.get(key);
    if (!rules) answers.set(key, (rules = Object.freeze(lookup(constructor, schema, always, strictGroups, groups)) as Rules));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    known = new WeakMap();
    register(metadata);
  };
  target[MEMOISED] = true;
}
